"""Which accounts move for each money fact. Pure: no database, no broker."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.accounts.kinds import PLATFORM, AccountKind
from wallet.ledger import posting_rules
from wallet.ledger.entries import AccountRef, Entry, Movement
from wallet.ledger.kinds import TransactionKind
from wallet.payouts.fees import split_fee

CREDITS = AccountRef(AccountKind.STUDENT_CREDITS, "stu-1")
EARNINGS = AccountRef(AccountKind.PROVIDER_EARNINGS, "pro-1")
ESCROW = AccountRef(AccountKind.PLATFORM_ESCROW, PLATFORM)
CARDS = AccountRef(AccountKind.CARD_PROCESSOR, PLATFORM)
FEES = AccountRef(AccountKind.PLATFORM_FEE_INCOME, PLATFORM)


@pytest.mark.parametrize(("entry", "kind", "postings"), [
    (posting_rules.top_up("stu-1", 5000, "EUR"), TransactionKind.TOP_UP, {CARDS: -5000, CREDITS: 5000}),
    (posting_rules.capture_from_credits("stu-1", 1500, "EUR"), TransactionKind.CAPTURE,
     {CREDITS: -1500, ESCROW: 1500}),
    (posting_rules.capture_from_card(1500, "EUR"), TransactionKind.CAPTURE, {CARDS: -1500, ESCROW: 1500}),
    (posting_rules.refund_to_credits("stu-1", 1500, "EUR"), TransactionKind.REFUND, {ESCROW: -1500, CREDITS: 1500}),
    (posting_rules.refund_to_card(1500, "EUR"), TransactionKind.REFUND, {ESCROW: -1500, CARDS: 1500}),
    (posting_rules.payout("pro-1", split_fee(1500, 1000), "EUR"), TransactionKind.PAYOUT,
     {ESCROW: -1500, EARNINGS: 1350, FEES: 150}),
], ids=["top-up", "capture-credits", "capture-card", "refund-credits", "refund-card", "payout"])
def test_each_fact_moves_the_accounts_its_rule_names(entry: Entry, kind, postings):
    assert entry.kind == kind
    assert entry.postings() == postings
    assert sum(entry.postings().values()) == 0


def test_a_payout_without_fee_leaves_the_fee_account_out():
    assert posting_rules.payout("pro-1", split_fee(1500, 0), "EUR").postings() == {ESCROW: -1500, EARNINGS: 1500}


def test_a_free_lesson_is_captured_without_moving_money():
    entry = posting_rules.capture_free_lesson("EUR")
    assert entry.kind == TransactionKind.CAPTURE and entry.postings() == {}


def test_movements_through_one_account_net_out():
    entry = Entry(TransactionKind.TOP_UP, "EUR", (Movement(CARDS, CREDITS, 700), Movement(CREDITS, ESCROW, 700)), "")
    assert entry.postings() == {CARDS: -700, ESCROW: 700}


def test_a_movement_never_carries_a_negative_amount():
    with pytest.raises(ValueError, match="non-negative"):
        Movement(CARDS, CREDITS, -1)


accounts = st.sampled_from([CREDITS, EARNINGS, ESCROW, CARDS, FEES])


@given(st.lists(st.builds(Movement, accounts, accounts, st.integers(0, 10**12)), max_size=8))
def test_any_entry_balances(movements):
    entry = Entry(TransactionKind.PAYOUT, "EUR", tuple(movements), "")
    assert sum(entry.postings().values()) == 0
    assert 0 not in entry.postings().values()
