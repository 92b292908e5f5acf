from enum import StrEnum


class TransactionKind(StrEnum):
    TOP_UP = "top_up"      # a student bought credits with a card
    CAPTURE = "capture"    # a booking's price taken from the student into escrow
    REFUND = "refund"      # a booking's price given back from escrow
    PAYOUT = "payout"      # a delivered lesson's price released from escrow to provider and platform


# A lesson is captured, refunded and paid out at most once each; the database holds it to that.
ONCE_PER_BOOKING = (TransactionKind.CAPTURE, TransactionKind.REFUND, TransactionKind.PAYOUT)
