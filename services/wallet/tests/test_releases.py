"""booking.booking_released.v1: a booking that did not go through keeps none of the student's money,
whether its payment was taken before the release or its request arrives after it."""

import uuid

import pytest

from shared.events import PaymentCaptured, PaymentFailed, RefundIssued


@pytest.mark.rule("BK-2")
async def test_a_request_arriving_after_its_booking_was_released_takes_nothing(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    request = wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card)
    await wallet.handle(wallet.released(mkt, "b-1", "stu"))
    await wallet.handle(request)  # late, or replayed from the dead letters
    await wallet.handle(request.model_copy(update={"id": uuid.uuid4()}))  # the same request, another event id
    assert await wallet.card_charges(mkt) == 0 and await wallet.postings_count(mkt) == 0
    assert await wallet.events(mkt, PaymentCaptured.event_type) == []


@pytest.mark.rule("RF-3")
async def test_a_booking_released_after_its_payment_was_taken_is_refunded_in_full_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card))
    await wallet.handle(wallet.released(mkt, "b-1", "stu"))
    await wallet.handle(wallet.released(mkt, "b-1", "stu"))
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 2000))

    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert (refund.data.destination, refund.data.amount.amount_minor) == ("card", 2000)
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.balance(mkt, "platform", "card_processor") == 0


async def test_a_release_after_a_failed_payment_changes_nothing(wallet, mkt):
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))  # no credits
    await wallet.handle(wallet.released(mkt, "b-1", "stu", reason="payment_failed"))
    assert len(await wallet.events(mkt, PaymentFailed.event_type)) == 1
    assert await wallet.events(mkt, RefundIssued.event_type) == []
    assert await wallet.postings_count(mkt) == 0
