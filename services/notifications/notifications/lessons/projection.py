"""Booking's events folded into the lesson row, in the transaction that handles them: one statement
per event, straight on the driver (this runs for every booking event)."""

from datetime import datetime

from asyncpg import Connection, Record

from notifications.clock import utcnow
from notifications.lessons.record import LessonRecord
from notifications.lessons.status import LessonStatus, statuses_advancing_to
from shared.events import BookingRescheduled, Money

_RETURNED = "marketplace_id, booking_id, student_id, provider_id, status, starts_at, ends_at, price_minor, currency"

# The row is locked by the upsert: two events of one booking handled at once wait for each other.
# A status only advances (statuses_advancing_to); once moved, only a newer move changes the time.
RECORD = f"""
INSERT INTO lessons AS l (marketplace_id, booking_id, student_id, provider_id, status, starts_at, ends_at,
                          price_minor, currency, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (marketplace_id, booking_id) DO UPDATE SET
    status = CASE WHEN l.status = ANY($11::text[]) THEN excluded.status ELSE l.status END,
    starts_at = CASE WHEN excluded.starts_at IS NULL OR l.moved_at IS NOT NULL THEN l.starts_at
                     ELSE excluded.starts_at END,
    ends_at = CASE WHEN excluded.starts_at IS NULL OR l.moved_at IS NOT NULL THEN l.ends_at
                   ELSE coalesce(excluded.ends_at, l.ends_at) END,
    price_minor = coalesce(excluded.price_minor, l.price_minor),
    currency = CASE WHEN excluded.price_minor IS NULL THEN l.currency ELSE excluded.currency END,
    updated_at = excluded.updated_at
RETURNING {_RETURNED}
"""

# A move announced before the one applied already changes nothing.
MOVE = f"""
UPDATE lessons SET starts_at = $3, ends_at = $4, moved_at = $5
WHERE marketplace_id = $1 AND booking_id = $2 AND (moved_at IS NULL OR moved_at < $5)
RETURNING {_RETURNED}
"""

LESSON = f"SELECT {_RETURNED} FROM lessons WHERE marketplace_id = $1 AND booking_id = $2"


async def record(conn: Connection, marketplace_id: str, booking_id: str, student_id: str, provider_id: str,
                 status: LessonStatus, starts_at: datetime | None = None, ends_at: datetime | None = None,
                 price: Money | None = None) -> LessonRecord:
    row = await conn.fetchrow(
        RECORD, marketplace_id, booking_id, student_id, provider_id, status.value, starts_at,
        ends_at if starts_at is not None else None, price.amount_minor if price else None,
        price.currency if price else None, utcnow(), statuses_advancing_to(status))
    return lesson_from(row)


async def move(conn: Connection, marketplace_id: str, moved: BookingRescheduled,
               announced_at: datetime) -> LessonRecord:
    """The lesson at its new time (RS-3), unless a move announced later was applied already."""
    recorded = await record(conn, marketplace_id, moved.booking_id, moved.student_id, moved.provider_id,
                            LessonStatus.CONFIRMED)
    row = await conn.fetchrow(MOVE, marketplace_id, moved.booking_id, moved.starts_at, moved.ends_at, announced_at)
    return recorded if row is None else lesson_from(row)


async def lesson_of(conn: Connection, marketplace_id: str, booking_id: str) -> LessonRecord | None:
    row = await conn.fetchrow(LESSON, marketplace_id, booking_id)
    return None if row is None else lesson_from(row)


def lesson_from(row: Record) -> LessonRecord:
    return LessonRecord(*row)
