"""Old plumbing rows are trimmed; what still guards against duplicates or awaits publishing stays."""

from datetime import timedelta
from uuid import uuid4

from sqlalchemy import func, insert, select, update

from shared.housekeeping import Retention, purge
from shared.messaging.inbox import inbox_table
from shared.messaging.outbox import outbox_table
from shared.runtime import Runtime
from shared.testing.probe import probe_service


async def test_only_rows_past_their_retention_are_removed(service_settings):
    service = probe_service("probe-housekeeping")
    runtime = Runtime(service, await service_settings(service))
    old, recent, unpublished = uuid4(), uuid4(), uuid4()
    async with runtime.engine.begin() as conn:
        for event_id in (old, recent, unpublished):
            await conn.execute(insert(outbox_table).values(event_id=event_id, event_type="t.x.v1", body="{}"))
            await conn.execute(insert(inbox_table).values(event_id=event_id, handler="h", event_type="t.x.v1"))
        await conn.execute(update(outbox_table).where(outbox_table.c.event_id == old)
                           .values(published_at=func.now() - timedelta(days=8)))
        await conn.execute(update(outbox_table).where(outbox_table.c.event_id == recent)
                           .values(published_at=func.now()))
        await conn.execute(update(inbox_table).where(inbox_table.c.event_id == old)
                           .values(handled_at=func.now() - timedelta(days=31)))

    removed = await purge(runtime.engine, Retention())

    assert removed["outbox"] == 1 and removed["inbox"] == 1
    async with runtime.engine.connect() as conn:
        outbox_left = set((await conn.execute(select(outbox_table.c.event_id))).scalars())
        inbox_left = set((await conn.execute(select(inbox_table.c.event_id))).scalars())
    assert outbox_left == {recent, unpublished}
    assert inbox_left == {recent, unpublished}
    await runtime.close()
