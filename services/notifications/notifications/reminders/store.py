"""A lesson's reminder rows, replaced in one statement, straight on the driver (this runs for every
confirmed lesson)."""

from dataclasses import dataclass
from datetime import datetime

from asyncpg import Connection

from notifications.ids import NEW_ID_SQL
from notifications.reminders.models import ReminderStatus

# The planned ones ($4, $5) for the lesson's time ($3) are scheduled (again), except one sent already
# (the confirmation came again: that one is out); every other scheduled one is dropped.
REPLACE = f"""
WITH dropped AS (
    UPDATE reminders r SET status = '{ReminderStatus.DROPPED}', updated_at = $6
    WHERE r.marketplace_id = $1 AND r.booking_id = $2 AND r.status = '{ReminderStatus.SCHEDULED}'
      AND NOT (r.lesson_starts_at IS NOT DISTINCT FROM $3 AND r.offset_minutes = ANY($4::int[]))
    RETURNING r.offset_minutes
), scheduled AS (
    INSERT INTO reminders AS r (id, marketplace_id, booking_id, offset_minutes, lesson_starts_at, due_at, status,
                                updated_at)
    SELECT {NEW_ID_SQL}, $1, $2, p.offset_minutes, $3, p.due_at, '{ReminderStatus.SCHEDULED}', $6
    FROM unnest($4::int[], $5::timestamptz[]) AS p(offset_minutes, due_at)
    ON CONFLICT (marketplace_id, booking_id, offset_minutes, lesson_starts_at) DO UPDATE
        SET status = excluded.status, due_at = excluded.due_at, updated_at = excluded.updated_at
        WHERE r.status <> '{ReminderStatus.SENT}'
    RETURNING r.offset_minutes, r.due_at
)
SELECT offset_minutes, due_at FROM scheduled
UNION ALL SELECT offset_minutes, NULL FROM dropped
"""


@dataclass(frozen=True)
class Replaced:
    scheduled: list[tuple[int, datetime]]  # (offset in minutes, due time)
    dropped: list[int]  # offsets in minutes


async def replace_reminders(conn: Connection, marketplace_id: str, booking_id: str, starts_at: datetime | None,
                            planned: list[tuple[int, datetime]], now: datetime) -> Replaced:
    rows = await conn.fetch(REPLACE, marketplace_id, booking_id, starts_at, [minutes for minutes, _ in planned],
                            [due_at for _, due_at in planned], now)
    return Replaced([(row[0], row[1]) for row in rows if row[1] is not None],
                    [row[0] for row in rows if row[1] is None])
