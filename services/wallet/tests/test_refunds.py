"""booking.booking_declined.v1: the price goes back in full to where it came from, once (BK-3, RF-3)."""

import pytest

from shared.events import RefundIssued
from wallet.ledger.escrow import EscrowShortfall
from wallet.payments.repository import NoCapturedPayment


async def paid_with_credits(wallet, mkt: str, booking_id: str, price: int) -> None:
    card = await wallet.add_card(mkt, "stu")
    await wallet.top_up(mkt, "stu", price, card)
    await wallet.handle(wallet.requested(mkt, booking_id, "stu", price))


@pytest.mark.rule("RF-3")
async def test_a_declined_booking_paid_with_credits_gets_its_credits_back_once(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 1500)
    decline = wallet.declined(mkt, "b-1", "stu", 1500)
    await wallet.handle(decline)
    await wallet.handle(decline)
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1500))  # the same fact under a new event id

    [refund] = await wallet.events(mkt, RefundIssued.event_type, subject="booking/b-1")
    assert refund.data.destination == "credits" and refund.data.amount.amount_minor == 1500
    assert refund.data.refund_id.startswith("rfd_") and "declined" in refund.data.reason
    assert await wallet.credits(mkt, "stu") == 1500
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]


@pytest.mark.rule("RF-3")
async def test_a_declined_booking_paid_by_card_is_refunded_to_the_card(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2000, method="card", payment_method_id=card))
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 2000))
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 2000))

    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert refund.data.destination == "card"
    refunded = await wallet.rows("SELECT c.refunded_minor, r.id FROM sandbox_charges c "
                                 "JOIN sandbox_refunds r ON r.charge_id = c.id WHERE c.marketplace_id = :mkt", mkt=mkt)
    assert len(refunded) == 1 and refunded[0].refunded_minor == 2000 and refunded[0].id.startswith("re_")
    assert await wallet.balance(mkt, "platform", "card_processor") == 0
    assert await wallet.held(mkt, "b-1") == 0


async def test_a_decline_of_a_booking_never_paid_moves_nothing(wallet, mkt):
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))  # no credits: the payment failed
    with pytest.raises(NoCapturedPayment):
        await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1500))
    assert await wallet.postings_count(mkt) == 0


@pytest.mark.rule("RF-3")
async def test_a_lesson_paid_out_is_not_refunded_as_well(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 1500)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 1500))
    with pytest.raises(EscrowShortfall):
        await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1500))
    assert await wallet.credits(mkt, "stu") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout"]


@pytest.mark.rule("RF-3")
async def test_a_refund_of_more_than_was_paid_is_refused(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 1500)
    with pytest.raises(EscrowShortfall):
        await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1501))
    assert await wallet.held(mkt, "b-1") == 1500
