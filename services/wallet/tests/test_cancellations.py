"""A cancelled lesson's money (CX-1 to CX-3, RF-3): each refund decision of booking is refunded once,
to credits by default or to the card staff chose, never more than was captured; what the provider
kept is paid to them when the cancellation settles."""

import uuid

import pytest

from shared.events import ProviderPaid, RefundIssued
from wallet.ledger.escrow import EscrowShortfall


async def paid_with_credits(wallet, mkt: str, booking_id: str, price: int) -> None:
    card = await wallet.add_card(mkt, "stu")
    await wallet.top_up(mkt, "stu", price, card)
    await wallet.handle(wallet.requested(mkt, booking_id, "stu", price))


async def refunds(wallet, mkt: str) -> list[tuple[int, str]]:
    return [(e.data.amount.amount_minor, e.data.destination) for e in await wallet.events(mkt, RefundIssued.event_type)]


@pytest.mark.rule("CX-1")
@pytest.mark.rule("RF-3")
async def test_a_partial_refund_then_an_exception_then_the_settlement_each_move_money_once(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 5000)
    cancelled = wallet.cancelled(mkt, "b-1", "stu", 5000, refund=2000, decision_id="d-1")
    for event in (cancelled, cancelled, cancelled.model_copy(update={"id": uuid.uuid4()})):  # redelivered, re-announced
        await wallet.handle(event)
    exception = wallet.exception(mkt, "b-1", "stu", 1000, decision_id="d-2")
    await wallet.handle(exception)
    await wallet.handle(exception)
    settled = wallet.settled(mkt, "b-1", "stu", kept=2000, fee_bps=1000)
    await wallet.handle(settled)
    await wallet.handle(settled)

    assert await refunds(wallet, mkt) == [(2000, "credits"), (1000, "credits")]
    assert await wallet.credits(mkt, "stu") == 3000
    [paid] = await wallet.events(mkt, ProviderPaid.event_type)
    assert (paid.data.gross.amount_minor, paid.data.net.amount_minor, paid.data.fee.amount_minor) == (2000, 1800, 200)
    assert await wallet.held(mkt, "b-1") == 0 and await wallet.ledger_totals(mkt) == {"EUR": 0}
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund", "refund", "payout"]
    payments = (await wallet.client.get("/v1/payments", params={"booking_id": "b-1"},
                                        headers=wallet.auth(mkt, "stu"))).json()["items"]
    assert [r["amount"]["amount_minor"] for r in payments[0]["refunds"]] == [2000, 1000]


@pytest.mark.rule("CX-1")
@pytest.mark.rule("RF-3")
async def test_a_full_refund_on_time_leaves_nothing_to_pay_or_refund_again(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 5000)
    await wallet.handle(wallet.cancelled(mkt, "b-1", "stu", 5000, refund=5000, decision_id="d-1"))
    with pytest.raises(EscrowShortfall):
        await wallet.handle(wallet.exception(mkt, "b-1", "stu", 1, decision_id="d-2"))
    with pytest.raises(EscrowShortfall):
        await wallet.handle(wallet.settled(mkt, "b-1", "stu", kept=1))
    assert await wallet.credits(mkt, "stu") == 5000 and await wallet.held(mkt, "b-1") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]


async def test_a_cancellation_the_provider_keeps_in_full_moves_nothing_until_it_settles(wallet, mkt):
    await paid_with_credits(wallet, mkt, "b-1", 5000)
    await wallet.handle(wallet.cancelled(mkt, "b-1", "stu", 5000, refund=0, decision_id="d-1"))
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"] and await refunds(wallet, mkt) == []
    await wallet.handle(wallet.settled(mkt, "b-1", "stu", kept=5000))
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 5000


@pytest.mark.rule("CX-3")
async def test_a_card_payment_is_refunded_to_credits_by_default_and_to_the_card_when_staff_chose_it(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    for booking_id in ("b-credits", "b-card"):
        await wallet.handle(wallet.requested(mkt, booking_id, "stu", 3000, method="card", payment_method_id=card))
    await wallet.handle(wallet.cancelled(mkt, "b-credits", "stu", 3000, refund=3000, decision_id="d-1"))
    staff_choice = wallet.cancelled(mkt, "b-card", "stu", 3000, refund=1200, decision_id="d-2", form="card")
    await wallet.handle(staff_choice)
    await wallet.handle(staff_choice)

    assert await refunds(wallet, mkt) == [(3000, "credits"), (1200, "card")]
    assert await wallet.credits(mkt, "stu") == 3000
    refunded = await wallet.rows("SELECT r.idempotency_key, r.amount_minor FROM sandbox_refunds r "
                                 "WHERE r.marketplace_id = :mkt", mkt=mkt)
    assert [(r.idempotency_key, r.amount_minor) for r in refunded] == [("refund:b-card:d-2", 1200)]
    assert await wallet.held(mkt, "b-card") == 1800 and await wallet.held(mkt, "b-credits") == 0
