"""booking.dispute_settled.v1: the refund to credits and the provider's share less the fee, once per
report, within what was captured; after a payout, the refund's part is clawed back first (DS-1, DS-3, RF-3)."""

import pytest

from shared.events import EarningsClawedBack, ProviderPaid, RefundIssued

from .missed_facts import dispute_settled, paid


@pytest.mark.rule("DS-1")
@pytest.mark.rule("RF-3")
async def test_a_split_refunds_the_student_and_pays_the_provider_the_rest_once(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 5000, method="card", payment_method_id=card))
    settled = dispute_settled(wallet, mkt, "b-1", refund=2000, keeps=3000, fee_bps=1000)
    await wallet.handle(settled)
    await wallet.handle(settled)
    await wallet.handle(dispute_settled(wallet, mkt, "b-1", refund=2000, keeps=3000, fee_bps=1000))

    [refund] = await wallet.events(mkt, RefundIssued.event_type)
    assert (refund.data.amount.amount_minor, refund.data.destination) == (2000, "credits")
    [payout] = await wallet.events(mkt, ProviderPaid.event_type)
    assert (payout.data.gross.amount_minor, payout.data.net.amount_minor) == (3000, 2700)
    assert await wallet.credits(mkt, "stu") == 2000 and await wallet.held(mkt, "b-1") == 0
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund", "payout"]


@pytest.mark.rule("DS-3")
@pytest.mark.rule("RF-3")
async def test_a_settlement_after_the_payout_claws_back_only_what_the_refund_needs(wallet, mkt):
    await paid(wallet, mkt, "b-1", 5000)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 5000, fee_bps=1000))  # net 4500, fee 500
    await wallet.handle(dispute_settled(wallet, mkt, "b-1", refund=2000, keeps=3000, fee_bps=1000))

    [clawback] = await wallet.events(mkt, EarningsClawedBack.event_type)
    assert (clawback.data.from_provider.amount_minor, clawback.data.from_platform_fee.amount_minor) == (1800, 200)
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 2700  # as if 3000 had been paid out
    assert await wallet.balance(mkt, "platform", "platform_fee_income") == 300
    assert await wallet.credits(mkt, "stu") == 2000 and await wallet.held(mkt, "b-1") == 0
    assert len(await wallet.events(mkt, ProviderPaid.event_type)) == 1
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout", "clawback", "refund"]


@pytest.mark.rule("DS-1")
async def test_full_payment_to_the_provider_pays_out_and_refunds_nothing(wallet, mkt):
    await paid(wallet, mkt, "b-1", 4000)
    await wallet.handle(dispute_settled(wallet, mkt, "b-1", refund=0, keeps=4000))
    await wallet.handle(dispute_settled(wallet, mkt, "b-1", refund=0, keeps=4000))
    assert await wallet.events(mkt, RefundIssued.event_type) == []
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 4000
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout"]
