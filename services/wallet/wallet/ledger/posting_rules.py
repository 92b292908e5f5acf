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


def promo_code_account(promo_code_id: str) -> AccountRef:
    return AccountRef(AccountKind.PROMO_CODES, promo_code_id)


def clawback(provider_id: str, from_provider_minor: int, from_fee_minor: int, currency: str) -> Entry:
    """A payout taken back into the booking's escrow: the provider's earnings may go negative (MS-3)."""
    return Entry(TransactionKind.CLAWBACK, currency,
                 (Movement(provider_earnings(provider_id), ESCROW, from_provider_minor),
                  Movement(FEE_INCOME, ESCROW, from_fee_minor)),
                 "Payout taken back for a refund of the lesson")


def promo_issue(promo_code_id: str, amount_minor: int, currency: str) -> Entry:
    return Entry(TransactionKind.PROMO_ISSUE, currency,
                 (Movement(ESCROW, promo_code_account(promo_code_id), amount_minor),),
                 "Missed lesson turned into a promo code")


def promo_refund_to_credits(promo_code_id: str, student_id: str, amount_minor: int, currency: str) -> Entry:
    """What a promo code holds and will never pay for a lesson (expired, or left over) goes back as credits."""
    return Entry(TransactionKind.REFUND, currency,
                 (Movement(promo_code_account(promo_code_id), student_credits(student_id), amount_minor),),
                 "Promo code's value refunded to credits")


def capture_with_promo(promo_code_id: str, applied_minor: int, remainder_source: AccountRef | None,
                       remainder_minor: int, currency: str) -> Entry:
    """One capture: the code pays what it can, the student's credits or card (`remainder_source`) the rest."""
    movements = [Movement(promo_code_account(promo_code_id), ESCROW, applied_minor)]
    if remainder_source is not None and remainder_minor:
        movements.append(Movement(remainder_source, ESCROW, remainder_minor))
    return Entry(TransactionKind.CAPTURE, currency, tuple(movements), "Lesson paid with a promo code, held in escrow")
