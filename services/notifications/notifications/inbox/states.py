"""An inbox item is unread, read or archived; the user moves it freely between them. Reading an
archived item doesn't bring it back, and the first read time is kept."""

from datetime import datetime
from enum import StrEnum


class InboxState(StrEnum):
    UNREAD = "unread"
    READ = "read"
    ARCHIVED = "archived"


def moved(item, to: InboxState, now: datetime) -> None:
    """Put `item` (anything with state, read_at, archived_at) in state `to`."""
    if to is InboxState.UNREAD:
        item.read_at = item.archived_at = None
    elif to is InboxState.READ:
        item.read_at, item.archived_at = item.read_at or now, None
    else:
        item.read_at, item.archived_at = item.read_at or now, item.archived_at or now
    item.state = to.value
