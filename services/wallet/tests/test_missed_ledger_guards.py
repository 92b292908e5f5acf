"""RF-3 held by the database for the missed-lesson money: these tests go around the wallet's own checks
and write clawbacks and promo codes to the journal directly."""

import pytest
from asyncpg import PostgresError
from sqlalchemy.exc import DBAPIError

from wallet.ledger import journal, posting_rules
from wallet.ledger.entries import Entry
from wallet.payouts.fees import split_fee

# The journal's statements go straight to the driver: what the database refuses at once raises asyncpg's
# error, what it refuses at commit SQLAlchemy's.
REFUSED = (DBAPIError, PostgresError)


async def commit(wallet, mkt: str, *entries: tuple[Entry, str | None]) -> None:
    async with wallet.runtime.uow() as uow:
        for entry, booking_id in entries:
            await journal.record(uow.session, mkt, entry, booking_id=booking_id)
        await uow.commit()


async def paid_out(wallet, mkt: str, booking_id: str, price: int, fee_bps: int = 1000) -> None:
    await commit(wallet, mkt, (posting_rules.capture_from_card(price, "EUR"), booking_id),
                 (posting_rules.payout("pro", split_fee(price, fee_bps), "EUR"), booking_id))


@pytest.mark.rule("RF-3")
async def test_a_payout_is_clawed_back_at_most_once(wallet, mkt):
    await paid_out(wallet, mkt, "b-1", 1000)
    await commit(wallet, mkt, (posting_rules.clawback("pro", 450, 50, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="uq_ledger_transactions_once_per_booking"):
        await commit(wallet, mkt, (posting_rules.clawback("pro", 450, 50, "EUR"), "b-1"))
    assert await wallet.held(mkt, "b-1") == 500


@pytest.mark.rule("RF-3")
async def test_a_clawback_never_puts_more_in_escrow_than_was_captured(wallet, mkt):
    await paid_out(wallet, mkt, "b-1", 1000)
    with pytest.raises(REFUSED, match="would hold more than was captured"):
        await commit(wallet, mkt, (posting_rules.clawback("pro", 901, 100, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.refund_to_card(0, "EUR"), "b-1"))  # the booking is still usable
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.balance(mkt, "pro", "provider_earnings") == 900


@pytest.mark.rule("RF-3")
async def test_a_booking_turns_into_one_promo_code_and_a_code_never_pays_more_than_it_holds(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.capture_from_card(1000, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.promo_issue("promo_1", 600, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="uq_ledger_transactions_once_per_booking"):
        await commit(wallet, mkt, (posting_rules.promo_issue("promo_2", 400, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match=r"promo codes of account \S+ would go below zero"):
        await commit(wallet, mkt, (posting_rules.promo_refund_to_credits("promo_1", "stu", 601, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match=r"promo codes of account \S+ would go below zero"):
        await commit(wallet, mkt, (posting_rules.capture_with_promo("promo_1", 700, None, 0, "EUR"), "b-2"))
    await commit(wallet, mkt, (posting_rules.capture_with_promo("promo_1", 600, None, 0, "EUR"), "b-2"))
    assert await wallet.balance(mkt, "promo_1", "promo_codes") == 0
    assert await wallet.held(mkt, "b-2") == 600 and await wallet.held(mkt, "b-1") == 400
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}
