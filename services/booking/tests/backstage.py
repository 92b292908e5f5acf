"""What a test looks at or moves in booking's database: the outbox (what booking announced),
the timers, and the clock of a lesson (moved into the past instead of waiting for it)."""

import json
from datetime import timedelta

from sqlalchemy import func, select, text, update

from booking.service import service
from shared.messaging.outbox import outbox_table
from shared.runtime import Runtime
from shared.scheduler import TimerScheduler
from shared.timers import timers_table


class Backstage:
    def __init__(self, runtime: Runtime):
        self.runtime = runtime

    async def announced(self, event_type: str, booking_id: str) -> list[dict]:
        """The `data` of every event of `event_type` booking wrote to its outbox for the booking, oldest first."""
        async with self.runtime.engine.connect() as conn:
            bodies = (await conn.execute(select(outbox_table.c.body).where(
                outbox_table.c.event_type == event_type, outbox_table.c.body.contains(booking_id),
            ).order_by(outbox_table.c.seq))).scalars()
        return [envelope["data"] for envelope in map(json.loads, bodies)
                if envelope["data"].get("booking_id") == booking_id]

    async def announced_about_provider(self, event_type: str, marketplace_id: str, provider_id: str) -> list[dict]:
        """Every envelope of `event_type` booking wrote to its outbox about the provider, oldest first."""
        async with self.runtime.engine.connect() as conn:
            bodies = (await conn.execute(select(outbox_table.c.body).where(
                outbox_table.c.event_type == event_type, outbox_table.c.body.contains(provider_id),
            ).order_by(outbox_table.c.seq))).scalars()
        return [envelope for envelope in map(json.loads, bodies)
                if envelope["marketplace"] == marketplace_id and envelope["data"]["provider_id"] == provider_id]

    async def requests_for_offering(self, offering_id: str) -> int:
        """How many BookingRequested events booking wrote for the offering: what the wallet would charge."""
        async with self.runtime.engine.connect() as conn:
            bodies = (await conn.execute(select(outbox_table.c.body).where(
                outbox_table.c.event_type == "booking.booking_requested.v1"))).scalars()
        return sum(json.loads(body)["data"]["offering_id"] == offering_id for body in bodies)

    async def timers(self, booking_id: str) -> dict:
        async with self.runtime.engine.connect() as conn:
            rows = await conn.execute(select(timers_table.c.kind, timers_table.c.due_at).where(
                timers_table.c.key == booking_id))
        return dict(rows.all())

    async def fire(self, kind: str, booking_id: str) -> int:
        """Make the booking's timer due now, and let a scheduler fire what is due."""
        async with self.runtime.engine.begin() as conn:
            moved = await conn.execute(update(timers_table).where(
                timers_table.c.kind == kind, timers_table.c.key == booking_id,
            ).values(due_at=func.now() - text("interval '1 second'")))
        assert moved.rowcount == 1, f"no {kind} timer for booking {booking_id}"
        return await TimerScheduler(service.timers, self.runtime.uow).fire_due()

    async def strikes(self, marketplace_id: str, provider_id: str) -> list[str]:
        """The kinds of the provider's strikes (PS-1), oldest first."""
        async with self.runtime.engine.connect() as conn:
            rows = await conn.execute(text("SELECT kind FROM provider_strikes WHERE marketplace_id = :m "
                                           "AND provider_id = :p ORDER BY recorded_at"),
                                      {"m": marketplace_id, "p": provider_id})
        return list(rows.scalars())

    async def age_strikes(self, marketplace_id: str, provider_id: str, days: int) -> None:
        """Move the provider's strikes `days` into the past, as if recorded then."""
        async with self.runtime.engine.begin() as conn:
            await conn.execute(text("UPDATE provider_strikes SET recorded_at = recorded_at - make_interval(days => :d) "
                                    "WHERE marketplace_id = :m AND provider_id = :p"),
                               {"d": days, "m": marketplace_id, "p": provider_id})

    async def set_due_timer(self, kind: str, booking_id: str, marketplace_id: str) -> None:
        """Set the booking's timer again, due now: a stale replica's or a replay's, say."""
        async with self.runtime.engine.begin() as conn:
            await conn.execute(text("INSERT INTO timers (kind, key, marketplace, due_at) VALUES (:k, :b, :m, "
                                    "now() - interval '1 second') ON CONFLICT (kind, key) DO NOTHING"),
                               {"k": kind, "b": booking_id, "m": marketplace_id})

    async def fire_due(self) -> int:
        """Let a scheduler fire what is due now, moving nothing."""
        return await TimerScheduler(service.timers, self.runtime.uow).fire_due()

    async def end_lesson(self, booking_id: str, ago: timedelta = timedelta(minutes=1)) -> None:
        """Move the lesson so that it ended `ago` ago (a minute, by default)."""
        async with self.runtime.engine.begin() as conn:
            await conn.execute(text(
                "UPDATE bookings SET starts_at = now() - CAST(:ago AS interval) - (ends_at - starts_at), "
                "ends_at = now() - CAST(:ago AS interval) WHERE id = :id"), {"id": booking_id, "ago": ago})
