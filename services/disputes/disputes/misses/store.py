"""A missed lesson's settlement on the driver connection (booking.miss_resolved, the missed-lesson
flow): the report read under its lock (and its dispute, if it went to staff), its ending in one
write."""

import asyncpg

from disputes.arbitration.models import Dispute
from disputes.columns import from_row, select_list
from disputes.proposals.answers import ProposalStatus
from disputes.reports.models import Report

# The report locked, as a request working on it locks it: the settlement waits for it and then sees
# its outcome.
REPORT_FOR_UPDATE = (f"SELECT {select_list(Report, 'r')} FROM reports r"
                     " WHERE r.marketplace_id = $1 AND r.id = $2 FOR UPDATE")

# A statement of its own, after the lock: one that waited for the report's lock would still read the
# disputes as they were when it began, and miss the dispute of an escalation it waited for.
DISPUTE = f"SELECT {select_list(Dispute, 'd')} FROM disputes d WHERE d.marketplace_id = $1 AND d.report_id = $2"

# The ending as the caller decided it: the report's outcome, its pending proposal lapsed, its
# dispute's closing (none without a closing time), the parties' marks (none when the arrays are
# empty; a report marks each user once).
SETTLE = f"""
WITH lapsed AS (
    UPDATE proposals SET status = '{ProposalStatus.LAPSED.value}'
    WHERE marketplace_id = $1 AND report_id = $2 AND status = '{ProposalStatus.PENDING.value}'
), closed AS (
    UPDATE disputes SET closed_at = $10, closed_by = $11
    WHERE marketplace_id = $1 AND report_id = $2 AND $10::timestamptz IS NOT NULL
), marked AS (
    INSERT INTO disputed_marks (report_id, user_id, marketplace_id, role, booking_id, resolution, marked_at)
    SELECT $2, mark.user_id, $1, mark.role, $3, $5, $8 FROM unnest($12::text[], $13::text[]) AS mark(user_id, role)
    ON CONFLICT DO NOTHING
)
UPDATE reports SET status = $4, resolution = $5, refund_minor = $6, currency = $7, resolved_at = $8,
                   updated_at = $9, answer_by = NULL
WHERE marketplace_id = $1 AND id = $2
"""


async def report_for_update(conn: asyncpg.Connection, marketplace_id: str, report_id: str) -> Report | None:
    row = await conn.fetchrow(REPORT_FOR_UPDATE, marketplace_id, report_id)
    return from_row(Report, row) if row is not None else None


async def dispute_of(conn: asyncpg.Connection, report: Report) -> Dispute | None:
    row = await conn.fetchrow(DISPUTE, report.marketplace_id, report.id)
    return from_row(Dispute, row) if row is not None else None


async def settle(conn: asyncpg.Connection, report: Report, dispute: Dispute | None,
                 marks: list[tuple[str, str]]) -> None:
    """`marks`: (user_id, role) of each party to mark."""
    closed_at, closed_by = (dispute.closed_at, dispute.closed_by) if dispute else (None, None)
    await conn.execute(SETTLE, report.marketplace_id, report.id, report.booking_id, report.status,
                       report.resolution, report.refund_minor, report.currency, report.resolved_at,
                       report.updated_at, closed_at, closed_by, [user_id for user_id, _ in marks],
                       [role for _, role in marks])
