"""Booking events delivered the real way: published on this run's exchange, routed to the wallet's
queue, handled by a running EventConsumer with its retries and dead-letter queue."""

from datetime import timedelta

import pytest

from shared.events import BookingRescheduled, Envelope, PaymentCaptured, RefundIssued
from shared.messaging import dead_letters
from shared.messaging.codec import envelope_message
from shared.runtime import Runtime
from shared.testing.nodes import CountingConsumer, Node, eventually
from wallet.cards.sandbox.card_numbers import FAILS_FIRST_ATTEMPT_CARD, UNAVAILABLE_CARD


@pytest.fixture(scope="module")
async def consuming(wallet_service, wallet_settings):
    node = Node(Runtime(wallet_service, wallet_settings))
    consumer = await node.start_consumer()
    yield node, consumer
    await node.close()


async def publish(node: Node, envelope: Envelope) -> None:
    await node.runtime.broker.publish(envelope_message(envelope), envelope.type)


async def settled(consumer: CountingConsumer, event_id, deliveries: int) -> None:
    async def delivered() -> bool:
        return consumer.deliveries.count(str(event_id)) >= deliveries and consumer.in_flight == 0

    await eventually(delivered, timeout=10)


@pytest.mark.rule("RF-3")
async def test_a_request_delivered_twice_and_repeated_under_a_new_id_charges_and_captures_once(wallet, mkt,
                                                                                                consuming):
    node, consumer = consuming
    card = await wallet.add_card(mkt, "stu")
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    repeat = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    await publish(node, request)
    await publish(node, request)
    await publish(node, repeat)
    await settled(consumer, request.id, 2)
    await settled(consumer, repeat.id, 1)

    assert len(await wallet.events(mkt, PaymentCaptured.event_type)) == 1
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"]
    assert await wallet.card_charges(mkt) == 1
    assert await wallet.held(mkt, "b-1") == 2000


async def test_a_card_failing_intermittently_is_retried_by_the_consumer_and_charged_once(wallet, mkt, consuming):
    node, consumer = consuming
    card = await wallet.add_card(mkt, "stu", FAILS_FIRST_ATTEMPT_CARD)
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    await publish(node, request)
    await settled(consumer, request.id, 2)  # the first attempt failed, the retry from the delay queue succeeded

    assert len(await wallet.events(mkt, PaymentCaptured.event_type)) == 1
    assert await wallet.card_charges(mkt, "b-1") == 1
    assert await wallet.held(mkt, "b-1") == 2000


async def test_a_processor_that_stays_down_sends_the_request_to_the_dead_letters_leaving_nothing(wallet, mkt,
                                                                                                  consuming):
    node, consumer = consuming
    card = await wallet.add_card(mkt, "stu", UNAVAILABLE_CARD)
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    await publish(node, request)
    retries = len(node.runtime.settings.retry_delays_ms)
    await settled(consumer, request.id, 1 + retries)

    async def dead_lettered() -> list:
        return [m for m in await dead_letters.peek(node.runtime.broker, 50) if m["message_id"] == str(request.id)]

    [dead] = await eventually(dead_lettered, timeout=10)
    assert "ProcessorUnavailable" in dead["error"]
    assert await wallet.postings_count(mkt) == 0
    assert await wallet.scalar("SELECT count(*) FROM payments WHERE marketplace_id = :mkt", mkt=mkt) == 0
    assert await wallet.card_charges(mkt) == 0


@pytest.mark.rule("CX-1")
@pytest.mark.rule("RF-3")
async def test_a_cancellation_delivered_twice_and_re_announced_refunds_once(wallet, mkt, consuming):
    node, consumer = consuming
    card = await wallet.add_card(mkt, "stu")
    await wallet.top_up(mkt, "stu", 4000, card)
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 4000))
    cancelled = wallet.cancelled(mkt, "b-1", "stu", 4000, refund=4000, decision_id="d-1")
    again = wallet.cancelled(mkt, "b-1", "stu", 4000, refund=4000, decision_id="d-1")
    for envelope in (cancelled, cancelled, again):
        await publish(node, envelope)
    await settled(consumer, cancelled.id, 2)
    await settled(consumer, again.id, 1)

    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert (refund.data.amount.amount_minor, refund.data.destination) == (4000, "credits")
    assert await wallet.credits(mkt, "stu") == 4000 and await wallet.held(mkt, "b-1") == 0


@pytest.mark.rule("RS-3")
async def test_a_rescheduled_lesson_moves_no_money_and_is_paid_once_when_delivered(wallet, mkt, consuming):
    node, consumer = consuming
    card = await wallet.add_card(mkt, "stu")
    request = wallet.requested(mkt, "b-1", "stu", 2500, method="card", payment_method_id=card)
    await wallet.handle(request)
    was, now = request.data.starts_at, request.data.starts_at + timedelta(days=2)
    await publish(node, wallet.envelope(BookingRescheduled(
        booking_id="b-1", student_id="stu", provider_id="pro-1", previous_starts_at=was,
        previous_ends_at=request.data.ends_at, starts_at=now, ends_at=now + timedelta(hours=1), how="request",
        initiated_by="student"), mkt, "b-1"))  # the wallet doesn't listen: nothing to do for it
    delivered = wallet.delivered(mkt, "b-1", "stu", 2500)
    await publish(node, delivered)
    await settled(consumer, delivered.id, 1)
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout"]
    assert await wallet.card_charges(mkt) == 1 and await wallet.events(mkt, RefundIssued.event_type) == []
