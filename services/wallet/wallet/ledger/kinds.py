from enum import StrEnum


class TransactionKind(StrEnum):
    TOP_UP = "top_up"      # a student bought credits with a card
    CAPTURE = "capture"    # a booking's price taken from the student into escrow
    REFUND = "refund"      # a booking's price given back from escrow (or from the promo code it turned into)
    PAYOUT = "payout"      # a lesson's price (or what the provider kept of it) released to provider and platform
    CLAWBACK = "clawback"  # a payout taken back into escrow (MS-3, a dispute after the payout): provider and fee
    PROMO_ISSUE = "promo_issue"  # a missed lesson's escrow moved into the promo code issued for it (PC-1)


# A lesson's money: always for a booking.
BOOKING_MONEY = (TransactionKind.CAPTURE, TransactionKind.REFUND, TransactionKind.PAYOUT, TransactionKind.CLAWBACK,
                 TransactionKind.PROMO_ISSUE)
# A lesson is captured and paid out at most once each; the database holds it to that. Refunds may be
# several (a cancellation's, then exceptions), each once per decision (refunds' unique index), and
# together never more than the capture (the escrow floor, checked at commit). A payout is clawed back at
# most once, and a missed lesson turns into at most one promo code (migration 0005).
ONCE_PER_BOOKING = (TransactionKind.CAPTURE, TransactionKind.PAYOUT, TransactionKind.CLAWBACK,
                    TransactionKind.PROMO_ISSUE)
