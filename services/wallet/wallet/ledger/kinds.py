from enum import StrEnum


class TransactionKind(StrEnum):
    TOP_UP = "top_up"      # a student bought credits with a card
    CAPTURE = "capture"    # a booking's price taken from the student into escrow
    REFUND = "refund"      # a booking's price given back from escrow
    PAYOUT = "payout"      # a lesson's price (or what the provider kept of it) released to provider and platform


# A lesson's money: always for a booking.
BOOKING_MONEY = (TransactionKind.CAPTURE, TransactionKind.REFUND, TransactionKind.PAYOUT)
# A lesson is captured and paid out at most once each; the database holds it to that. Refunds may be
# several (a cancellation's, then exceptions), each once per decision (refunds' unique index), and
# together never more than the capture (the escrow floor, checked at commit).
ONCE_PER_BOOKING = (TransactionKind.CAPTURE, TransactionKind.PAYOUT)
