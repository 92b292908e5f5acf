"""Filing a report on the driver connection: what the rules need to know in two reads, the report in
one write. The other steps of a report (proposals, answers, escalation, decisions) are rarer and
keep the ORM."""

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from disputes.columns import from_row, insert_statement, select_list, values_of
from disputes.lessons.models import Lesson
from disputes.reports.models import Report


@dataclass(frozen=True)
class EarlierReport:
    id: str
    status: str
    resolution: str | None


@dataclass(frozen=True)
class LessonToReport:
    lesson: Lesson
    earlier: list[EarlierReport]
    student_last_wrote_at: datetime | None


# The lesson locked, so that two reports filed at once are decided one after the other, and when the
# student last wrote to the provider.
LESSON_FOR_UPDATE = f"""
SELECT {select_list(Lesson, "l")}, c.student_last_wrote_at
FROM lessons l
LEFT JOIN chat_contacts c
       ON c.marketplace_id = l.marketplace_id AND c.student_id = l.student_id AND c.provider_id = l.provider_id
WHERE l.marketplace_id = $1 AND l.booking_id = $2
FOR UPDATE OF l
"""

# A statement of its own, after the lock: a statement that waited for the lock still reads the other
# tables as they were when it began, so a report filed by the transaction it waited for would be
# missing from a join.
EARLIER_REPORTS = "SELECT id, status, resolution FROM reports WHERE marketplace_id = $1 AND booking_id = $2"

INSERT_REPORT = insert_statement(Report)


async def lesson_to_report(conn: asyncpg.Connection, marketplace_id: str, booking_id: str) -> LessonToReport | None:
    row = await conn.fetchrow(LESSON_FOR_UPDATE, marketplace_id, booking_id)
    if row is None:
        return None
    earlier = [EarlierReport(*report) for report in await conn.fetch(EARLIER_REPORTS, marketplace_id, booking_id)]
    return LessonToReport(from_row(Lesson, row), earlier, row["student_last_wrote_at"])


async def insert_report(conn: asyncpg.Connection, report: Report) -> None:
    await conn.execute(INSERT_REPORT, *values_of(report))
