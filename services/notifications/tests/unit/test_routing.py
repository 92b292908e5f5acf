from notifications.preferences.kinds import AlertKind, Channel
from notifications.preferences.routing import channels_for

EMAIL, DISCORD, INBOX = Channel.EMAIL, Channel.DISCORD, Channel.IN_PLATFORM


def test_a_kind_without_a_choice_goes_everywhere_the_user_can_be_reached():
    assert channels_for(AlertKind.BOOKING, {}, {EMAIL}) == {EMAIL, INBOX}
    assert channels_for(AlertKind.PAYMENT, {}, set()) == {INBOX}


def test_a_choice_is_limited_to_the_active_channels():
    choices = {"payment": ["email", "discord"]}
    assert channels_for(AlertKind.PAYMENT, choices, {EMAIL}) == {EMAIL}
    assert channels_for(AlertKind.BOOKING, choices, {EMAIL}) == {EMAIL, INBOX}


def test_a_kind_can_be_silenced_entirely():
    assert channels_for(AlertKind.REMINDER, {"reminder": []}, {EMAIL, DISCORD}) == set()


def test_unread_chat_goes_only_outside_the_platform():
    assert channels_for(AlertKind.CHAT, {}, {EMAIL, DISCORD}) == {EMAIL, DISCORD}
    assert channels_for(AlertKind.CHAT, {}, set()) == set()


def test_a_notice_about_a_channel_always_goes_to_the_inbox_only():
    assert channels_for(AlertKind.CHANNEL, {"channel": []}, {EMAIL, DISCORD}) == {INBOX}
