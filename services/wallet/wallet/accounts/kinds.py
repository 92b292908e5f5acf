"""The kinds of account and who owns each. Sign convention: a posting's amount is what flows *into*
the account (negative: out of it), so a student's credits and a provider's earnings are positive
balances, and the card processor, where outside money comes from, is negative."""

from enum import StrEnum

# Owner of the accounts that belong to the marketplace's platform rather than to a user.
PLATFORM = "platform"


class AccountKind(StrEnum):
    STUDENT_CREDITS = "student_credits"
    PROVIDER_EARNINGS = "provider_earnings"
    PLATFORM_ESCROW = "platform_escrow"
    PLATFORM_FEE_INCOME = "platform_fee_income"
    CARD_PROCESSOR = "card_processor"
    PROMO_CODES = "promo_codes"  # the value of one promo code (owner: the code's id) until used or expired


# Balances that may never go below zero (a provider's earnings may: MS-3 claws a refund back from them).
NEVER_NEGATIVE = frozenset({AccountKind.STUDENT_CREDITS, AccountKind.PROMO_CODES})

