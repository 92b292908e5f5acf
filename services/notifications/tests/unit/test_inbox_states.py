from datetime import UTC, datetime
from types import SimpleNamespace

from notifications.inbox.states import InboxState, moved

T1, T2 = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC)


def item():
    return SimpleNamespace(state="unread", read_at=None, archived_at=None)


def test_reading_keeps_the_first_read_time():
    entry = item()
    moved(entry, InboxState.READ, T1)
    moved(entry, InboxState.READ, T2)
    assert (entry.state, entry.read_at) == ("read", T1)


def test_archiving_an_unread_item_reads_it_and_unarchiving_keeps_it_read():
    entry = item()
    moved(entry, InboxState.ARCHIVED, T1)
    assert (entry.state, entry.read_at, entry.archived_at) == ("archived", T1, T1)
    moved(entry, InboxState.READ, T2)
    assert (entry.state, entry.read_at, entry.archived_at) == ("read", T1, None)


def test_marking_unread_forgets_both_times():
    entry = item()
    moved(entry, InboxState.ARCHIVED, T1)
    moved(entry, InboxState.UNREAD, T2)
    assert (entry.state, entry.read_at, entry.archived_at) == ("unread", None, None)
