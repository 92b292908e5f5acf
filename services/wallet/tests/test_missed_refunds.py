"""booking.miss_resolved.v1 with a refund: the provider's credit refund (RF-1, MS-2) or the platform's
past the grace period (MS-3), once per booking, clawed back from the payout when the lesson was paid
out already (RF-3)."""

import pytest

from shared.auth import Role
from shared.events import EarningsClawedBack, ProviderPaid, RefundIssued
from wallet.ledger import journal
from wallet.ledger.entries import Entry, Movement
from wallet.ledger.kinds import TransactionKind
from wallet.ledger.posting_rules import CARD_PROCESSOR, provider_earnings

from .missed_facts import miss_resolved, paid


@pytest.mark.rule("RF-1")
@pytest.mark.rule("MS-2")
async def test_a_provider_refunds_a_missed_lesson_paid_by_card_as_credits_at_once_and_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 2500, method="card", payment_method_id=card))
    resolved = miss_resolved(wallet, mkt, "b-1", 2500, remedy="credit_refund")
    await wallet.handle(resolved)
    await wallet.handle(resolved)  # redelivered
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 2500, remedy="credit_refund"))  # re-announced

    [refund] = await wallet.events(mkt, RefundIssued.event_type, subject="booking/b-1")
    assert (refund.data.destination, refund.data.amount.amount_minor) == ("credits", 2500)
    assert refund.data.clawed_back is None and "refunded it as wallet credits" in refund.data.reason
    assert await wallet.credits(mkt, "stu") == 2500
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
    assert await wallet.scalar("SELECT decision_id FROM refunds WHERE marketplace_id = :mkt", mkt=mkt) == "miss"


@pytest.mark.rule("MS-3")
async def test_the_platform_refunds_an_unresolved_miss_from_escrow_while_the_provider_is_unpaid(wallet, mkt):
    await paid(wallet, mkt, "b-1", 3000)
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 3000, remedy="platform_refund"))

    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert refund.data.amount.amount_minor == 3000 and "platform refunded it" in refund.data.reason
    assert await wallet.credits(mkt, "stu") == 3000 and await wallet.held(mkt, "b-1") == 0
    assert await wallet.events(mkt, EarningsClawedBack.event_type) == []
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 0


@pytest.mark.rule("MS-3")
@pytest.mark.rule("RF-3")
async def test_a_lesson_paid_out_then_missed_is_clawed_back_from_provider_and_fee_then_refunded(wallet, mkt):
    await paid(wallet, mkt, "b-1", 2000)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 2000, fee_bps=1500))  # net 1700, fee 300
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 2000, remedy="platform_refund"))

    [clawback] = await wallet.events(mkt, EarningsClawedBack.event_type)
    assert clawback.data.amount.amount_minor == 2000
    assert (clawback.data.from_provider.amount_minor, clawback.data.from_platform_fee.amount_minor) == (1700, 300)
    assert clawback.data.earnings_balance_after.amount_minor == 0
    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert refund.data.amount.amount_minor == 2000 and refund.data.clawed_back.amount_minor == 2000
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout", "clawback", "refund"]
    assert await wallet.credits(mkt, "stu") == 2000
    assert await wallet.balance(mkt, "platform", "platform_fee_income") == 0
    assert await wallet.held(mkt, "b-1") == 0


async def send_earnings_to_bank(wallet, mkt: str, provider: str, amount: int) -> None:
    """The provider's earnings leave for their bank. The wallet has no such transfer yet (it is outside
    issue 5); the test writes the money's way out to the journal itself, as the outside world's account."""
    entry = Entry(TransactionKind.TOP_UP, "EUR", (Movement(provider_earnings(provider), CARD_PROCESSOR, amount),),
                  "Earnings sent to the provider's bank (simulated)")
    async with wallet.runtime.uow() as uow:
        await journal.record(uow.session, mkt, entry)
        await uow.commit()


@pytest.mark.rule("MS-3")
@pytest.mark.rule("PL-3")
async def test_a_clawback_may_leave_earnings_negative_and_later_earnings_recover_them(wallet, mkt):
    await paid(wallet, mkt, "b-1", 2000)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 2000, fee_bps=1000))  # net 1800
    await send_earnings_to_bank(wallet, mkt, "pro-1", 1800)
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 2000, remedy="platform_refund"))

    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == -1800
    [clawback] = await wallet.events(mkt, EarningsClawedBack.event_type)
    assert clawback.data.earnings_balance_after.amount_minor == -1800
    assert await wallet.credits(mkt, "stu") == 2000

    await paid(wallet, mkt, "b-2", 3000, student="stu-2")
    await wallet.handle(wallet.delivered(mkt, "b-2", "stu-2", 3000, fee_bps=1000))  # net 2700
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == -1800 + 2700
    assert len(await wallet.events(mkt, ProviderPaid.event_type)) == 2

    response = await wallet.client.get("/v1/ledger/trial-balance", headers=wallet.auth(mkt, "staff-1", Role.STAFF))
    assert response.status_code == 200 and response.json()["balanced"] is True
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("RF-3")
async def test_a_miss_with_nothing_left_in_escrow_refunds_nothing_and_does_not_fail(wallet, mkt):
    await paid(wallet, mkt, "b-1", 1500)
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1500))  # refunded already, before the miss resolved
    await wallet.handle(miss_resolved(wallet, mkt, "b-1", 1500, remedy="credit_refund"))  # no raise: no dead letter

    assert len(await wallet.events(mkt, RefundIssued.event_type)) == 1
    assert await wallet.credits(mkt, "stu") == 1500
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
