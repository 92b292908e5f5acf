"""The database holds the ledger's invariants itself, whatever code writes to it (PL-3, RF-3): these
tests go around the wallet's own checks and write to the journal directly."""

import pytest
from asyncpg import PostgresError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from wallet.accounts.repository import account_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.entries import Entry, Movement
from wallet.ledger.kinds import TransactionKind
from wallet.ledger.models import Posting
from wallet.payouts.fees import split_fee

# The journal's statements go straight to the driver: what the database refuses at once raises asyncpg's
# error, what it refuses at commit SQLAlchemy's.
REFUSED = (DBAPIError, PostgresError)


async def commit(wallet, mkt: str, *entries: tuple[Entry, str | None]) -> None:
    async with wallet.runtime.uow() as uow:
        for entry, booking_id in entries:
            await journal.record(uow.session, mkt, entry, booking_id=booking_id)
        await uow.commit()


@pytest.mark.rule("PL-3")
async def test_postings_that_do_not_sum_to_zero_are_refused_at_commit(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.top_up("stu", 1000, "EUR"), None))
    before = await wallet.postings_count(mkt)
    transaction_id = await wallet.scalar("SELECT id FROM ledger_transactions WHERE marketplace_id = :mkt", mkt=mkt)
    with pytest.raises(REFUSED, match="does not balance in EUR"):
        async with wallet.runtime.uow() as uow:
            credits = await account_id(uow.session, mkt, posting_rules.student_credits("stu"), "EUR")
            uow.session.add(Posting(transaction_id=transaction_id, account_id=credits, marketplace_id=mkt,
                                    currency="EUR", amount_minor=500))
            await uow.commit()
    assert await wallet.postings_count(mkt) == before
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("PL-3")
@pytest.mark.parametrize("statement", [
    "UPDATE postings SET amount_minor = amount_minor * 2 WHERE marketplace_id = :mkt",
    "DELETE FROM postings WHERE marketplace_id = :mkt",
    "UPDATE ledger_transactions SET description = 'edited' WHERE marketplace_id = :mkt",
    "DELETE FROM ledger_transactions WHERE marketplace_id = :mkt",
    "TRUNCATE postings",
])
async def test_the_journal_is_append_only(wallet, mkt, statement):
    await commit(wallet, mkt, (posting_rules.top_up("stu", 1000, "EUR"), None))
    with pytest.raises(REFUSED, match="append-only"):
        async with wallet.runtime.engine.begin() as conn:
            await conn.execute(text(statement), {"mkt": mkt} if ":mkt" in statement else {})
    assert await wallet.credits(mkt, "stu") == 1000


@pytest.mark.rule("PL-3")
async def test_a_posting_cannot_cross_currencies(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.top_up("stu", 1000, "EUR"), None))
    with pytest.raises(REFUSED, match="fk_postings_account"):
        async with wallet.runtime.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO postings (transaction_id, account_id, marketplace_id, currency, amount_minor) "
                "SELECT transaction_id, account_id, marketplace_id, 'USD', amount_minor FROM postings "
                "WHERE marketplace_id = :mkt"), {"mkt": mkt})


@pytest.mark.rule("PL-3")
async def test_student_credits_never_go_below_zero_even_written_directly(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.top_up("stu", 1000, "EUR"), None))
    with pytest.raises(REFUSED, match="below zero"):
        await commit(wallet, mkt, (posting_rules.capture_from_credits("stu", 1001, "EUR"), "b-1"))
    assert await wallet.credits(mkt, "stu") == 1000
    assert await wallet.transaction_kinds(mkt, "b-1") == []


@pytest.mark.rule("RF-3")
async def test_a_booking_is_captured_and_paid_out_at_most_once_and_refunded_within_its_capture(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.capture_from_card(1000, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="uq_ledger_transactions_once_per_booking"):
        await commit(wallet, mkt, (posting_rules.capture_from_card(1000, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.refund_to_card(400, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.refund_to_card(100, "EUR"), "b-1"))  # an exception after a partial one
    with pytest.raises(REFUSED, match="exceed what was captured"):
        await commit(wallet, mkt, (posting_rules.refund_to_card(501, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.payout("pro", split_fee(300, 0), "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="uq_ledger_transactions_once_per_booking"):
        await commit(wallet, mkt, (posting_rules.payout("pro", split_fee(100, 0), "EUR"), "b-1"))
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund", "refund", "payout"]
    assert await wallet.held(mkt, "b-1") == 200


@pytest.mark.rule("RF-3")
async def test_refunds_and_payouts_of_a_booking_never_exceed_its_capture(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.capture_from_card(1000, "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.refund_to_card(600, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="exceed what was captured"):
        await commit(wallet, mkt, (posting_rules.payout("pro", split_fee(500, 1000), "EUR"), "b-1"))
    await commit(wallet, mkt, (posting_rules.payout("pro", split_fee(400, 1000), "EUR"), "b-1"))
    assert await wallet.held(mkt, "b-1") == 0


@pytest.mark.rule("RF-3")
async def test_nothing_leaves_escrow_for_a_booking_never_captured(wallet, mkt):
    await commit(wallet, mkt, (posting_rules.capture_from_card(1000, "EUR"), "b-1"))
    with pytest.raises(REFUSED, match="exceed what was captured"):
        await commit(wallet, mkt, (posting_rules.refund_to_card(1000, "EUR"), "b-other"))
    with pytest.raises(REFUSED, match="ck_ledger_transactions_booking_money_names_booking"):
        await commit(wallet, mkt, (posting_rules.refund_to_card(1000, "EUR"), None))
    assert await wallet.held(mkt, "b-1") == 1000


@pytest.mark.rule("PL-3")
async def test_escrow_only_ever_holds_money_for_a_booking(wallet, mkt):
    into_escrow = Entry(TransactionKind.TOP_UP, "EUR",
                        (Movement(posting_rules.CARD_PROCESSOR, posting_rules.ESCROW, 1000),), "not a booking")
    with pytest.raises(REFUSED, match="escrow moved outside a booking"):
        await commit(wallet, mkt, (into_escrow, None))
    assert await wallet.postings_count(mkt) == 0
