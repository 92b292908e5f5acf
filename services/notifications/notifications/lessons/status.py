"""A lesson's status as booking's events tell it. The consumer handles several events at once, so
one booking's events may arrive in any order: a status only moves forward, and an end is final."""

from enum import StrEnum


class LessonStatus(StrEnum):
    REQUESTED = "requested"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    RELEASED = "released"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


_PROGRESS = {
    LessonStatus.REQUESTED: 0,
    LessonStatus.AWAITING_ACCEPTANCE: 1,
    LessonStatus.CONFIRMED: 2,
    LessonStatus.DECLINED: 3,
    LessonStatus.RELEASED: 3,
    LessonStatus.DELIVERED: 3,
    LessonStatus.CANCELLED: 3,
}
FINAL = frozenset({LessonStatus.DECLINED, LessonStatus.RELEASED, LessonStatus.DELIVERED, LessonStatus.CANCELLED})


def advance(current: LessonStatus, reported: LessonStatus) -> LessonStatus:
    if current in FINAL:
        return current
    return reported if _PROGRESS[reported] >= _PROGRESS[current] else current


# `advance` as a table, for the lesson store to apply in the statement that records an event.
_ADVANCING_TO = {reported: [current.value for current in LessonStatus if advance(current, reported) is reported]
                 for reported in LessonStatus}


def statuses_advancing_to(reported: LessonStatus) -> list[str]:
    """The statuses a lesson leaves for `reported` when an event reports it (itself included)."""
    return _ADVANCING_TO[reported]


def stands(status: LessonStatus) -> bool:
    """A confirmed lesson that has not happened yet: the only kind that gets reminders."""
    return status is LessonStatus.CONFIRMED
