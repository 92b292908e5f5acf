"""booking.lesson_delivered.v1: escrow pays the provider, less the platform's fee, once."""

import pytest

from shared.auth import Role
from shared.events import ProviderPaid
from wallet.ledger.escrow import EscrowShortfall
from wallet.payments.repository import NoCapturedPayment


async def paid_by_card(wallet, mkt: str, booking_id: str, price: int) -> None:
    card = await wallet.add_card(mkt, "stu")
    await wallet.handle(wallet.requested(mkt, booking_id, "stu", price, method="card", payment_method_id=card))


@pytest.mark.rule("BK-2")
async def test_a_delivered_lesson_pays_the_provider_less_the_fee_rounded_their_way(wallet, mkt):
    await paid_by_card(wallet, mkt, "b-1", 999)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 999, fee_bps=1500))

    [paid] = await wallet.events(mkt, ProviderPaid.event_type, subject="booking/b-1")
    assert (paid.data.gross.amount_minor, paid.data.fee.amount_minor, paid.data.net.amount_minor) == (999, 149, 850)
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 850
    assert await wallet.balance(mkt, "platform", "platform_fee_income") == 149
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("RF-3")
async def test_a_lesson_is_paid_out_once_whatever_is_delivered_again(wallet, mkt):
    await paid_by_card(wallet, mkt, "b-1", 1000)
    delivered = wallet.delivered(mkt, "b-1", "stu", 1000)
    for event in (delivered, delivered, wallet.delivered(mkt, "b-1", "stu", 1000)):
        await wallet.handle(event)
    assert len(await wallet.events(mkt, ProviderPaid.event_type)) == 1
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 1000


@pytest.mark.rule("RF-3")
async def test_a_refunded_lesson_is_not_paid_out_as_well(wallet, mkt):
    await paid_by_card(wallet, mkt, "b-1", 1000)
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1000))
    with pytest.raises(EscrowShortfall):
        await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 1000))
    assert await wallet.balance(mkt, "pro-1", "provider_earnings") == 0


async def test_a_lesson_never_paid_pays_nobody(wallet, mkt):
    with pytest.raises(NoCapturedPayment):
        await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 1000))
    assert await wallet.postings_count(mkt) == 0


async def test_the_provider_reads_their_earnings_and_statement(wallet, mkt):
    await paid_by_card(wallet, mkt, "b-1", 1000)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 1000, fee_bps=1000))
    headers = wallet.auth(mkt, "pro-1", Role.PROVIDER)
    balance = (await wallet.client.get("/v1/wallet/balance", headers=headers)).json()
    assert balance["balances"] == [{"account_kind": "provider_earnings",
                                    "balance": {"amount_minor": 900, "currency": "EUR"}}]
    [line] = (await wallet.client.get("/v1/wallet/statement", headers=headers)).json()["items"]
    assert (line["transaction_kind"], line["booking_id"], line["amount"]["amount_minor"]) == ("payout", "b-1", 900)
