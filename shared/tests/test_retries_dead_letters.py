"""A failing handler is retried with back-off, then dead-lettered with its error; others keep flowing."""

import itertools

import aio_pika

from shared.events import ProbeRecorded
from shared.messaging import dead_letters
from shared.testing.nodes import eventually
from shared.testing.probe import behaviour

DELAYS_MS = [100, 200, 400]


async def _emit(node, *probes: ProbeRecorded) -> None:
    async with node.runtime.uow() as uow:
        for probe in probes:
            uow.emit(probe, marketplace="mkt-a")
        await uow.commit()


async def test_handler_failing_for_good_is_retried_with_back_off_then_dead_lettered(make_node):
    producer = await make_node("producer")
    consumer = await make_node("consumer", retry_delays_ms=DELAYS_MS)
    await consumer.start_consumer()
    await producer.start_relay()
    behaviour.always_fail.add("poison")

    await _emit(producer, ProbeRecorded(probe_id="poison"), ProbeRecorded(probe_id="healthy"))

    # The healthy message is not held up behind the poison one.
    await eventually(lambda: consumer.effects("healthy"), timeout=5)
    assert len(behaviour.attempts["poison"]) < 1 + len(DELAYS_MS)

    dead = await eventually(lambda: dead_letters.peek(consumer.runtime.broker), timeout=10)
    assert len(dead) == 1
    assert dead[0]["type"] == "platform.probe_recorded.v1"
    assert "RuntimeError: probe poison told to fail" in dead[0]["error"]

    attempts = behaviour.attempts["poison"]
    assert len(attempts) == 1 + len(DELAYS_MS)
    gaps_ms = [(b - a) * 1000 for a, b in itertools.pairwise(attempts)]
    for gap, delay in zip(gaps_ms, DELAYS_MS, strict=True):
        assert gap >= delay * 0.9, f"retry came after {gap:.0f} ms, back-off is {delay} ms"
    assert await consumer.effects("poison") == 0


async def test_a_handler_that_recovers_has_its_effect_once(make_node):
    producer = await make_node("producer")
    consumer = await make_node("consumer", retry_delays_ms=DELAYS_MS)
    await consumer.start_consumer()
    await producer.start_relay()

    await _emit(producer, ProbeRecorded(probe_id="flaky", fail_times=2))

    await eventually(lambda: consumer.effects("flaky"), timeout=5)
    assert len(behaviour.attempts["flaky"]) == 3
    assert await consumer.effects("flaky") == 1
    assert await dead_letters.peek(consumer.runtime.broker) == []


async def test_dead_letters_can_be_replayed_once_the_cause_is_fixed(make_node):
    producer = await make_node("producer")
    consumer = await make_node("consumer", retry_delays_ms=[50])
    await consumer.start_consumer()
    await producer.start_relay()
    behaviour.always_fail.add("later")
    await _emit(producer, ProbeRecorded(probe_id="later"))
    await eventually(lambda: dead_letters.peek(consumer.runtime.broker), timeout=5)

    behaviour.always_fail.clear()
    assert await dead_letters.replay(consumer.runtime.broker) == 1
    await eventually(lambda: consumer.effects("later"), timeout=5)
    assert await dead_letters.peek(consumer.runtime.broker) == []


async def test_a_malformed_message_goes_straight_to_the_dead_letter_queue(make_node):
    consumer = await make_node("consumer")
    counting = await consumer.start_consumer()
    broker = consumer.runtime.broker
    await broker.publish(aio_pika.Message(b"{not json", message_id="garbage", type="platform.probe_recorded.v1"),
                         "platform.probe_recorded.v1")
    dead = await eventually(lambda: dead_letters.peek(broker), timeout=5)
    assert dead[0]["message_id"] == "garbage" and "ValidationError" in dead[0]["error"]
    assert counting.deliveries == ["garbage"]  # not retried: it can never succeed
