"""A lesson's status as booking's events tell it. The consumer handles several events at once, so
one booking's events may arrive in any order: a status only moves forward, and an end is final."""

from enum import StrEnum


class LessonStatus(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    RELEASED = "released"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


_PROGRESS = {
    LessonStatus.REQUESTED: 0,
    LessonStatus.CONFIRMED: 1,
    LessonStatus.DECLINED: 2,
    LessonStatus.RELEASED: 2,
    LessonStatus.DELIVERED: 2,
    LessonStatus.CANCELLED: 2,
}
FINAL = frozenset({LessonStatus.DECLINED, LessonStatus.RELEASED, LessonStatus.DELIVERED, LessonStatus.CANCELLED})
# A lesson that went ahead as booked (paid, not declined); the only kind a problem is reported on.
STOOD = frozenset({LessonStatus.CONFIRMED, LessonStatus.DELIVERED})


def advance(current: LessonStatus, reported: LessonStatus) -> LessonStatus:
    if current in FINAL:
        return current
    return reported if _PROGRESS[reported] >= _PROGRESS[current] else current


def replaced_by(reported: LessonStatus) -> frozenset[LessonStatus]:
    """The statuses `reported` takes the place of: `advance` for every current status at once, so the
    statement that writes the row can apply the rule under the row's lock."""
    return frozenset(current for current in LessonStatus if advance(current, reported) == reported)
