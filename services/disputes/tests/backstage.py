"""What a test looks at or moves in disputes' database: the outbox (what disputes announced), the
lessons it recorded, and the DS-5 clock (moved past its deadline instead of waiting a week)."""

import json

from sqlalchemy import func, select, text, update

from disputes.lessons.models import Lesson
from disputes.reports.deadlines import UNANSWERED
from disputes.service import service
from shared.messaging.outbox import outbox_table
from shared.runtime import Runtime
from shared.scheduler import TimerScheduler
from shared.timers import timers_table


class Backstage:
    def __init__(self, runtime: Runtime):
        self.runtime = runtime

    async def announced(self, event_type: str, report_id: str) -> list[dict]:
        """The `data` of every event of `event_type` disputes wrote to its outbox about the report."""
        async with self.runtime.engine.connect() as conn:
            bodies = (await conn.execute(select(outbox_table.c.body).where(
                outbox_table.c.event_type == event_type, outbox_table.c.body.contains(report_id),
            ).order_by(outbox_table.c.seq))).scalars()
        return [envelope["data"] for envelope in map(json.loads, bodies)
                if envelope["data"].get("report_id") == report_id]

    async def lesson(self, marketplace_id: str, booking_id: str) -> Lesson | None:
        async with self.runtime.uow() as uow:
            lesson = await uow.session.get(Lesson, (marketplace_id, booking_id))
            if lesson is not None:
                uow.session.expunge(lesson)  # kept as read, past the transaction's end
            return lesson

    async def unanswered_timer(self, report_id: str):
        async with self.runtime.engine.connect() as conn:
            return (await conn.execute(select(timers_table.c.due_at).where(
                timers_table.c.kind == UNANSWERED, timers_table.c.key == report_id))).scalar_one_or_none()

    async def let_deadline_pass(self, report_id: str) -> int:
        """Move the report's answer deadline past, then let a scheduler fire what is due; returns
        how many timers fired."""
        await self.move_deadline_past(report_id)
        return await self.fire_due()

    async def move_deadline_past(self, report_id: str) -> None:
        """The report's answer deadline and its timer, a second ago."""
        async with self.runtime.engine.begin() as conn:
            await conn.execute(text("UPDATE reports SET answer_by = now() - interval '1 second' WHERE id = :id"),
                               {"id": report_id})
            await conn.execute(update(timers_table).where(
                timers_table.c.kind == UNANSWERED, timers_table.c.key == report_id,
            ).values(due_at=func.now() - text("interval '1 second'")))

    async def fire_due(self) -> int:
        return await TimerScheduler(service.timers, self.runtime.uow).fire_due()
