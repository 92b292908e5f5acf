"""An event written through the outbox reaches another service's consumer exactly once in effect."""

from sqlalchemy import func, select, update

from shared.deferred import write_deferred
from shared.events import ProbeRecorded
from shared.messaging import inbox
from shared.messaging.inbox import inbox_table
from shared.messaging.outbox import outbox_table
from shared.testing.nodes import eventually


async def test_event_survives_a_stopped_relay_and_a_double_delivery_with_one_effect(make_node):
    producer, consumer = await make_node("producer"), await make_node("consumer")
    counting = await consumer.start_consumer()

    # The change and its event commit together while no relay runs (stopped between commit and publish).
    async with producer.runtime.uow() as uow:
        envelope = uow.emit(ProbeRecorded(probe_id="p1"), marketplace="mkt-a", subject="probe/p1")
        await uow.commit()
    assert await producer.unpublished() == 1

    relay = await producer.start_relay()  # the relay comes back and publishes
    await eventually(lambda: consumer.effects("p1"))
    await eventually(producer.unpublished_is_zero)

    # A relay that died after the broker's confirm but before marking the row publishes it again.
    await producer.stop_relay()
    async with producer.runtime.engine.begin() as conn:
        await conn.execute(update(outbox_table).values(published_at=None))
    assert await relay.publish_pending() == 1

    async def delivered_twice():
        return counting.deliveries.count(str(envelope.id)) == 2

    await eventually(delivered_twice)
    await eventually(counting.idle)
    assert await consumer.effects("p1") == 1
    async with consumer.runtime.engine.connect() as conn:
        handled = (await conn.execute(select(func.count()).select_from(inbox_table)
                                      .where(inbox_table.c.event_id == envelope.id))).scalar_one()
    assert handled == 1


async def test_a_rolled_back_change_publishes_nothing(make_node):
    producer = await make_node("producer")
    async with producer.runtime.uow() as uow:
        uow.emit(ProbeRecorded(probe_id="never"), marketplace="mkt-a")
        # leaving without commit undoes the change and its event together
    assert await producer.unpublished() == 0


async def _claim(uow, envelope) -> bool:
    return bool(await inbox.claim_many(uow.session, [(envelope.id, envelope.type, "a-handler")]))


async def test_statements_on_the_driver_connection_share_the_sessions_transaction(make_node):
    """The outbox write and the inbox claim go straight to asyncpg, past SQLAlchemy: they must still
    begin, commit and roll back with the unit of work's transaction."""
    producer = await make_node("producer")
    event = ProbeRecorded(probe_id="shared-tx")
    async with producer.runtime.uow() as uow:
        envelope = uow.emit(event, marketplace="mkt-a")
        await write_deferred(uow.session, [envelope], [])  # first statement of the transaction
        assert await _claim(uow, envelope)
        # leaving without commit
    async with producer.runtime.uow() as uow:
        assert await _claim(uow, envelope), "the claim was undone"
        assert not await _claim(uow, envelope)
        await uow.session.exec(update(outbox_table).values(attempts=1))  # SQLAlchemy first, then the driver
        uow.emit(event, marketplace="mkt-a")
        await uow.commit()
    assert await producer.unpublished() == 1
    async with producer.runtime.engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(inbox_table))).scalar_one() == 1


async def test_events_carry_the_envelope_attributes(make_node):
    producer, consumer = await make_node("producer"), await make_node("consumer")
    await consumer.start_consumer()
    await producer.start_relay()
    async with producer.runtime.uow() as uow:
        sent = uow.emit(ProbeRecorded(probe_id="attrs", sequence=7), marketplace="mkt-b", subject="probe/attrs")
        await uow.commit()
    await eventually(lambda: consumer.effects("attrs"))
    async with consumer.runtime.engine.connect() as conn:
        row = (await conn.execute(select(inbox_table).where(inbox_table.c.event_id == sent.id))).mappings().one()
    assert row["event_type"] == "platform.probe_recorded.v1"
    assert sent.source == producer.runtime.service.name
    assert sent.marketplace == "mkt-b" and sent.subject == "probe/attrs"


async def test_several_relays_share_the_outbox_without_publishing_twice(make_node):
    producer, consumer = await make_node("producer"), await make_node("consumer")
    counting = await consumer.start_consumer()
    # All listening before the commit, so that its wake-up reaches the three at once: started after it,
    # the first could drain the outbox before the last one starts on a busy machine.
    relays = [await producer.start_relay(batch_size=10) for _ in range(3)]
    async with producer.runtime.uow() as uow:
        for i in range(300):
            uow.emit(ProbeRecorded(probe_id=f"many-{i}", sequence=i), marketplace="mkt-a")
        await uow.commit()

    async def all_delivered():
        return len(counting.deliveries) >= 300

    await eventually(all_delivered, timeout=20)
    await eventually(producer.unpublished_is_zero)
    assert len(set(counting.deliveries)) == len(counting.deliveries) == 300
    assert all(relay.published > 0 for relay in relays), "each relay took its share"
