from datetime import timedelta

from notifications.marketplaces.policy import NotificationPolicy, effective, from_overrides

DEFAULT = NotificationPolicy((timedelta(hours=24), timedelta(hours=1)), timedelta(minutes=5))


def test_a_marketplace_without_overrides_runs_on_the_defaults():
    assert effective(None, DEFAULT) == DEFAULT
    assert effective(from_overrides("m", {"student_notice_hours": 48}), DEFAULT) == DEFAULT


def test_overrides_replace_the_defaults():
    policy = effective(from_overrides("m", {"reminder_offsets_hours": [1, 48], "unread_chat_forward_minutes": 15}),
                       DEFAULT)
    assert policy == NotificationPolicy((timedelta(hours=48), timedelta(hours=1)), timedelta(minutes=15))


def test_no_reminders_is_a_choice_too():
    assert effective(from_overrides("m", {"reminder_offsets_hours": []}), DEFAULT).reminder_offsets == ()


def test_malformed_overrides_are_ignored():
    stored = from_overrides("m", {"reminder_offsets_hours": ["soon", True], "unread_chat_forward_minutes": -1})
    assert effective(stored, DEFAULT) == DEFAULT
