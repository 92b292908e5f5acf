"""Which accounts move for each money fact. Pure: the journal writes what these return."""

from wallet.accounts.kinds import PLATFORM, AccountKind
from wallet.ledger.entries import AccountRef, Entry, Movement
from wallet.ledger.kinds import TransactionKind
from wallet.payouts.fees import FeeSplit

CARD_PROCESSOR = AccountRef(AccountKind.CARD_PROCESSOR, PLATFORM)
ESCROW = AccountRef(AccountKind.PLATFORM_ESCROW, PLATFORM)
FEE_INCOME = AccountRef(AccountKind.PLATFORM_FEE_INCOME, PLATFORM)


def student_credits(student_id: str) -> AccountRef:
    return AccountRef(AccountKind.STUDENT_CREDITS, student_id)


def provider_earnings(provider_id: str) -> AccountRef:
    return AccountRef(AccountKind.PROVIDER_EARNINGS, provider_id)


def top_up(student_id: str, amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.TOP_UP, currency,
                 (Movement(CARD_PROCESSOR, student_credits(student_id), amount_minor),),
                 "Credits bought by card")


def capture_from_credits(student_id: str, amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.CAPTURE, currency,
                 (Movement(student_credits(student_id), ESCROW, amount_minor),),
                 "Lesson paid with credits, held in escrow")


def capture_from_card(amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.CAPTURE, currency, (Movement(CARD_PROCESSOR, ESCROW, amount_minor),),
                 "Lesson paid by card, held in escrow")


def capture_free_lesson(currency: str) -> Entry:
    """A lesson priced at zero is still captured (once, like any other) but moves no money."""
    return Entry(TransactionKind.CAPTURE, currency, (), "Free lesson: nothing to hold")


def refund_to_credits(student_id: str, amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.REFUND, currency,
                 (Movement(ESCROW, student_credits(student_id), amount_minor),),
                 "Lesson refunded to credits")


def refund_to_card(amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.REFUND, currency, (Movement(ESCROW, CARD_PROCESSOR, amount_minor),),
                 "Lesson refunded to the card")


def payout(provider_id: str, split: FeeSplit, currency: str) -> Entry:
    return Entry(TransactionKind.PAYOUT, currency,
                 (Movement(ESCROW, provider_earnings(provider_id), split.net_minor),
                  Movement(ESCROW, FEE_INCOME, split.fee_minor)),
                 "Lesson delivered: provider paid, platform fee kept")
