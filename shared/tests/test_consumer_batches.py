"""Messages that arrive together are handled in one transaction, each in a savepoint of its own."""

from sqlalchemy import text

from shared.events import ProbeRecorded
from shared.messaging import dead_letters
from shared.messaging.topology import declare_consumer_topology
from shared.testing.nodes import eventually
from shared.testing.probe import behaviour


async def _queue_up(producer, consumer, probes: list[ProbeRecorded]) -> None:
    """Publish the events before the consumer starts, so they arrive together."""
    await consumer.runtime.connect_broker()
    channel = await consumer.runtime.broker.connection.channel()
    await declare_consumer_topology(channel, consumer.runtime.names, consumer.runtime.service.handlers.event_types,
                                    consumer.runtime.settings.retry_delays_ms)
    async with producer.runtime.uow() as uow:
        for probe in probes:
            uow.emit(probe, marketplace="mkt-a")
        await uow.commit()
    relay = await producer.start_relay()
    await eventually(producer.unpublished_is_zero)
    assert relay.published == len(probes)


async def test_one_failing_message_is_undone_alone_and_the_rest_of_its_batch_commits(make_node):
    producer, consumer = await make_node("producer"), await make_node("consumer", retry_delays_ms=[50])
    behaviour.always_fail.add("bad")
    await _queue_up(producer, consumer, [ProbeRecorded(probe_id=f"good-{i}") for i in range(7)]
                    + [ProbeRecorded(probe_id="bad")] + [ProbeRecorded(probe_id=f"good-{i}") for i in range(7, 12)])
    counting = await consumer.start_consumer()

    await eventually(lambda: dead_letters.peek(consumer.runtime.broker), timeout=10)
    assert max(counting.batch_sizes) > 1, "the queued messages were handled in batches"
    for i in range(12):
        assert await consumer.effects(f"good-{i}") == 1
    assert await consumer.effects("bad") == 0
    assert len(behaviour.attempts["bad"]) == 2  # the first try and its one retry, then the dead letters


async def test_a_batch_whose_commit_fails_is_handled_again_one_message_at_a_time(make_node):
    producer, consumer = await make_node("producer"), await make_node("consumer", retry_delays_ms=[50])
    async with consumer.runtime.engine.begin() as conn:
        # Checked only at commit: the batch's savepoints all succeed, its commit does not.
        await conn.execute(text("ALTER TABLE effects ADD CONSTRAINT effects_once UNIQUE (probe_id) "
                                "DEFERRABLE INITIALLY DEFERRED"))
    probes = [ProbeRecorded(probe_id=f"p-{i}") for i in range(6)] + [ProbeRecorded(probe_id="p-0", sequence=1)]
    await _queue_up(producer, consumer, probes)
    counting = await consumer.start_consumer()

    dead = await eventually(lambda: dead_letters.peek(consumer.runtime.broker), timeout=10)
    assert max(counting.batch_sizes) > 1
    assert len(dead) == 1 and "effects_once" in dead[0]["error"]
    for i in range(6):
        assert await consumer.effects(f"p-{i}") == 1


async def test_a_message_whose_flush_fails_mid_batch_is_undone_alone(make_node):
    """A constraint checked at once fails the ORM's flush, which takes the batch's whole transaction
    with it; the consumer handles that batch again one message at a time."""
    producer, consumer = await make_node("producer"), await make_node("consumer", retry_delays_ms=[50])
    async with consumer.runtime.engine.begin() as conn:
        await conn.execute(text("ALTER TABLE effects ADD CONSTRAINT effects_once UNIQUE (probe_id)"))
    probes = ([ProbeRecorded(probe_id=f"f-{i}") for i in range(4)] + [ProbeRecorded(probe_id="f-1", sequence=1)]
              + [ProbeRecorded(probe_id=f"f-{i}") for i in range(4, 8)])
    await _queue_up(producer, consumer, probes)
    counting = await consumer.start_consumer()

    dead = await eventually(lambda: dead_letters.peek(consumer.runtime.broker), timeout=10)
    assert max(counting.batch_sizes) > 1
    assert len(dead) == 1 and "effects_once" in dead[0]["error"]
    for i in range(8):
        assert await consumer.effects(f"f-{i}") == 1
