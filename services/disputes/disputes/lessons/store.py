"""The lesson row, written by booking's events in one statement each, on the handler's transaction.

Each event's row is inserted, or, when the booking has one, updated under the row's lock as the
rules say (the caller passes what they decide: which statuses the event's one replaces): two events
of one booking handled at once wait for each other, and their order does not matter.
"""

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from disputes.lessons.models import DEFAULT_REPORT_WINDOW_DAYS


@dataclass(frozen=True)
class LessonFacts:
    """What one of booking's events tells of a lesson; times and price only when it carries them."""

    marketplace_id: str
    booking_id: str
    student_id: str
    provider_id: str
    status: str
    replaces: list[str]  # the statuses the event's status takes the place of (lessons.status.replaced_by)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    price_minor: int | None = None
    currency: str | None = None


# The times change only while no move was applied: once moved, only a newer move changes them.
RECORD = """
INSERT INTO lessons AS l (marketplace_id, booking_id, student_id, provider_id, status, starts_at, ends_at,
                          price_minor, currency, report_window_days, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (marketplace_id, booking_id) DO UPDATE SET
    status = CASE WHEN l.status = ANY($12::text[]) THEN excluded.status ELSE l.status END,
    starts_at = CASE WHEN excluded.starts_at IS NOT NULL AND l.moved_at IS NULL
                     THEN excluded.starts_at ELSE l.starts_at END,
    ends_at = CASE WHEN excluded.starts_at IS NOT NULL AND l.moved_at IS NULL
                   THEN excluded.ends_at ELSE l.ends_at END,
    price_minor = COALESCE(excluded.price_minor, l.price_minor),
    currency = CASE WHEN excluded.price_minor IS NULL THEN l.currency ELSE excluded.currency END,
    updated_at = excluded.updated_at
"""

# A move applies unless a move announced later was applied already.
MOVE = """
INSERT INTO lessons AS l (marketplace_id, booking_id, student_id, provider_id, status, starts_at, ends_at,
                          moved_at, report_window_days, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (marketplace_id, booking_id) DO UPDATE SET
    status = CASE WHEN l.status = ANY($11::text[]) THEN excluded.status ELSE l.status END,
    starts_at = CASE WHEN l.moved_at IS NULL OR l.moved_at < excluded.moved_at
                     THEN excluded.starts_at ELSE l.starts_at END,
    ends_at = CASE WHEN l.moved_at IS NULL OR l.moved_at < excluded.moved_at
                   THEN excluded.ends_at ELSE l.ends_at END,
    moved_at = CASE WHEN l.moved_at IS NULL OR l.moved_at < excluded.moved_at
                    THEN excluded.moved_at ELSE l.moved_at END,
    updated_at = excluded.updated_at
"""


async def record(conn: asyncpg.Connection, facts: LessonFacts, at: datetime) -> None:
    await conn.execute(RECORD, facts.marketplace_id, facts.booking_id, facts.student_id, facts.provider_id,
                       facts.status, facts.starts_at, facts.ends_at, facts.price_minor, facts.currency,
                       DEFAULT_REPORT_WINDOW_DAYS, at, facts.replaces)


async def move(conn: asyncpg.Connection, facts: LessonFacts, announced_at: datetime, at: datetime) -> None:
    await conn.execute(MOVE, facts.marketplace_id, facts.booking_id, facts.student_id, facts.provider_id,
                       facts.status, facts.starts_at, facts.ends_at, announced_at, DEFAULT_REPORT_WINDOW_DAYS, at,
                       facts.replaces)
