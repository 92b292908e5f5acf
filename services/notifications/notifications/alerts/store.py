"""What raising alerts reads and writes: one statement each, straight on the driver, as every event
of the alert table (and every reminder) comes this way. The session's driver connection reads jsonb
as Python values and takes it as JSON text (SQLAlchemy's codec)."""

import json
from dataclasses import dataclass
from datetime import datetime

from asyncpg import Connection, Record

from notifications.alerts.rendering import RenderedAlert
from notifications.ids import NEW_ID_SQL
from notifications.inbox.states import InboxState
from notifications.lessons.record import LessonRecord
from notifications.preferences.kinds import Channel
from notifications.preferences.routing import Reach

# Each recipient's zone, choices and active channels, and the lesson the alerts are about ($3; none
# when NULL): everything rendering and routing them reads. A user without preferences gets NULLs.
RECIPIENTS_AND_LESSON = """
SELECT r.user_id, p.timezone, p.alert_channels,
       ARRAY(SELECT c.channel FROM user_channels c
             WHERE c.marketplace_id = $1 AND c.user_id = r.user_id AND c.active) AS active_channels,
       l.booking_id, l.student_id, l.provider_id, l.status, l.starts_at, l.ends_at, l.price_minor, l.currency
FROM unnest($2::text[]) AS r(user_id)
LEFT JOIN preferences p ON p.marketplace_id = $1 AND p.user_id = r.user_id
LEFT JOIN lessons l ON l.marketplace_id = $1 AND l.booking_id = $3
"""

# The alerts not told before (NT-5: one per user and fact), and the inbox items of those among them
# that go in-platform ($11), in one round trip.
RECORD_ALERTS = f"""
WITH raised AS (
    INSERT INTO alerts (id, marketplace_id, user_id, kind, dedupe_key, subject, lead, facts, next_step, created_at)
    SELECT a.id, $1, a.user_id, a.kind, a.dedupe_key, a.subject, a.lead, a.facts::jsonb, a.next_step, $2
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS a(id, user_id, kind, dedupe_key, subject, lead, facts, next_step)
    ON CONFLICT (marketplace_id, user_id, dedupe_key) DO NOTHING
    RETURNING id, user_id
), inboxed AS (
    INSERT INTO inbox_items (id, marketplace_id, user_id, alert_id, state, created_at)
    SELECT {NEW_ID_SQL}, $1, raised.user_id, raised.id, '{InboxState.UNREAD}', $2
    FROM raised WHERE raised.id = ANY($11::text[])
)
SELECT id FROM raised
"""


@dataclass(frozen=True, slots=True)
class NewAlert:
    id: str
    user_id: str
    rendered: RenderedAlert
    channels: frozenset[Channel]  # none for the staff desk: recorded only


async def recipients_and_lesson(conn: Connection, marketplace_id: str, user_ids: list[str],
                                booking_id: str | None) -> tuple[dict[str, Reach], LessonRecord | None]:
    rows = await conn.fetch(RECIPIENTS_AND_LESSON, marketplace_id, user_ids, booking_id)
    reach = {row["user_id"]: _reach(row) for row in rows}
    lesson = None
    if rows and rows[0]["booking_id"] is not None:
        row = rows[0]
        lesson = LessonRecord(marketplace_id, row["booking_id"], row["student_id"], row["provider_id"], row["status"],
                              row["starts_at"], row["ends_at"], row["price_minor"], row["currency"])
    return reach, lesson


def _reach(row: Record) -> Reach:
    active = frozenset(map(Channel, row["active_channels"]))
    if row["timezone"] is None:  # no preferences stored
        return Reach(active=active)
    return Reach(row["timezone"], row["alert_channels"], active)


async def record_alerts(conn: Connection, marketplace_id: str, alerts: list[NewAlert], now: datetime) -> set[str]:
    """The ids of the alerts recorded; the others told their fact already."""
    rendered = [a.rendered for a in alerts]
    rows = await conn.fetch(
        RECORD_ALERTS, marketplace_id, now, [a.id for a in alerts], [a.user_id for a in alerts],
        [r.kind.value for r in rendered], [r.dedupe_key for r in rendered], [r.subject[:300] for r in rendered],
        [r.lead for r in rendered], [json.dumps([list(fact) for fact in r.facts]) for r in rendered],
        [r.next_step for r in rendered], [a.id for a in alerts if Channel.IN_PLATFORM in a.channels])
    return {row["id"] for row in rows}
