"""The balance kept on the accounts with a floor (student credits, promo codes; migration 0008): moved
by the database with every posting, so it is always the sum of the postings, whoever writes them and
however concurrently; nothing can write it directly."""

import asyncio

import pytest
from sqlalchemy.exc import DBAPIError

from shared.events import PaymentCaptured, PaymentFailed

from .missed_facts import miss_resolved


async def funded(wallet, mkt: str, student: str, amount: int) -> str:
    card = await wallet.add_card(mkt, student)
    assert (await wallet.top_up(mkt, student, amount, card)).status_code == 201
    return card


@pytest.mark.rule("PL-3")
async def test_the_kept_balance_follows_top_ups_payments_and_refunds(wallet, mkt):
    card = await funded(wallet, mkt, "stu", 5000)
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1500))
    await wallet.handle(wallet.requested(mkt, "b-2", "stu", 2000))
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 1500))
    await wallet.handle(miss_resolved(wallet, mkt, "b-2", 2000, remedy="credit_refund"))
    await wallet.handle(wallet.requested(mkt, "b-3", "stu", 9000))  # refused: nothing moves
    assert (await wallet.top_up(mkt, "stu", 700, card)).json()["balance"]["amount_minor"] == 5700

    kept = await wallet.scalar("SELECT balance_minor FROM accounts WHERE marketplace_id = :mkt "
                               "AND kind = 'student_credits' AND owner_id = 'stu'", mkt=mkt)
    assert kept == await wallet.credits(mkt, "stu") == 5700
    assert await wallet.kept_balances_off(mkt) == []


@pytest.mark.rule("PL-3")
async def test_concurrent_spending_and_refunding_keeps_the_balance_and_its_floor(wallet, mkt):
    await funded(wallet, mkt, "stu", 3000)
    for booking in ("b-0", "b-1"):
        await wallet.handle(wallet.requested(mkt, booking, "stu", 1000))
    await asyncio.gather(*(wallet.handle(wallet.declined(mkt, f"b-{i}", "stu", 1000)) for i in range(2)),
                         *(wallet.handle(wallet.requested(mkt, f"b-{i}", "stu", 1000)) for i in range(2, 10)))

    captured = len(await wallet.events(mkt, PaymentCaptured.event_type))
    failed = len(await wallet.events(mkt, PaymentFailed.event_type))
    assert captured + failed == 10 and 3 <= captured <= 5  # 3000 to start with, 2000 given back meanwhile
    assert await wallet.credits(mkt, "stu") == 3000 - 1000 * (captured - 2) >= 0
    assert await wallet.kept_balances_off(mkt) == []


@pytest.mark.rule("PL-3")
async def test_a_kept_balance_cannot_be_written_directly(wallet, mkt):
    await funded(wallet, mkt, "stu", 1000)
    with pytest.raises(DBAPIError, match="follows its postings"):
        await wallet.execute("UPDATE accounts SET balance_minor = 1000000 WHERE marketplace_id = :mkt", mkt=mkt)
    await wallet.execute(
        "INSERT INTO accounts (id, marketplace_id, kind, owner_id, currency, balance_minor) VALUES "
        "('acc_forged', :mkt, 'student_credits', 'stu-b', 'EUR', 1000000), "
        "('acc_forged_fee', :mkt, 'platform_fee_income', 'platform', 'USD', 1000000)", mkt=mkt)
    assert await wallet.credits(mkt, "stu") == 1000 and await wallet.credits(mkt, "stu-b") == 0
    assert await wallet.kept_balances_off(mkt) == []
