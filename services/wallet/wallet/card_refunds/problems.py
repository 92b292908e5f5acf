"""Why a card refund was refused or did not go through: one problem per failed condition of RF-2,
each with a slug and detail naming it, so staff's tool can say exactly what is missing."""

from datetime import datetime

from shared.errors import Conflict, NotFound, Problem, Unprocessable

ESCROW_SHORTFALL = "escrow_shortfall"


class PaymentNotFound(NotFound):
    slug = "payment-not-found"

    def __init__(self):
        super().__init__("This booking has no captured payment in this marketplace.")


class CardRefundNotFound(NotFound):
    slug = "card-refund-not-found"

    def __init__(self):
        super().__init__("There is no card refund with this id.")


class NotPaidByCard(Conflict):
    slug = "not-paid-by-card"

    def __init__(self, method: str):
        super().__init__(f"The lesson was paid with {method}, not by card: only what a card paid goes back to "
                         "the card. Refund it as credits instead.", condition="paid_by_card", paid_with=method)


class CardRefundWindowClosed(Conflict):
    slug = "card-refund-window-closed"

    def __init__(self, window_days: int, closed_at: datetime):
        super().__init__(f"A card refund is possible only within {window_days} days of the purchase; this "
                         f"one's window closed at {closed_at.isoformat()}.", condition="within_card_refund_window",
                         window_days=window_days, closed_at=closed_at.isoformat())


class StudentHasNotContactedProvider(Conflict):
    slug = "student-has-not-contacted-provider"

    def __init__(self):
        super().__init__("The student has not contacted the provider about this lesson: a card refund needs a "
                         "chat message from the student to the provider sent after the lesson's start.",
                         condition="student_contacted_provider")


class NothingLeftToRefund(Conflict):
    slug = "nothing-left-to-refund"

    def __init__(self):
        super().__init__("Nothing of this lesson's card payment is left to refund: it was refunded already or "
                         "paid out to the provider.", condition="something_left_to_refund", refundable_minor=0)


class AmountAboveRefundable(Unprocessable):
    slug = "amount-above-refundable"

    def __init__(self, asked: int, refundable: int):
        message = f"{asked} is more than what is left to refund to the card ({refundable})."
        super().__init__(message, condition="amount_within_refundable", refundable_minor=refundable,
                         errors=[{"field": "amount_minor", "message": message, "code": "above_refundable"}])


class CardRefundOpen(Conflict):
    """Another card refund of the booking exists: retry it (or read it), never issue a second one."""

    slug = "card-refund-exists"

    def __init__(self, card_refund_id: str, status: str):
        retry = f"retry it: POST /v1/card-refunds/{card_refund_id}/retry"
        todo = "it was issued already" if status == "succeeded" else retry
        super().__init__(f"This booking has a card refund already ({card_refund_id}, {status}); {todo}.",
                         card_refund_id=card_refund_id, card_refund_status=status)


class CardRefundRefused(Conflict):
    slug = "card-refund-refused"

    def __init__(self, card_refund_id: str):
        super().__init__("The processor refused this card refund for good; retrying won't change it. Issue a "
                         "new card refund or refund as credits.", card_refund_id=card_refund_id)


class EscrowNoLongerHolds(Conflict):
    slug = "escrow-no-longer-holds"

    def __init__(self, card_refund_id: str, reason: str):
        super().__init__(f"The processor refunded the card, but the lesson's escrow no longer holds the amount "
                         f"(paid out meanwhile?): {reason} Left failed for the team to settle.",
                         card_refund_id=card_refund_id)


def processor_failure(card_refund_id: str, code: str, reason: str, temporary: bool) -> Problem:
    """The attempt did not end in a refund: 502 when the processor may work later (retry), 422 when it
    refused, 409 when the escrow no longer holds what the processor refunded."""
    if code == ESCROW_SHORTFALL:
        return EscrowNoLongerHolds(card_refund_id, reason)
    if temporary:
        return Problem(f"The card processor did not answer; nothing was refunded. Retry it: POST /v1/card-refunds/"
                       f"{card_refund_id}/retry.", status=502, slug="card-refund-processor-unavailable",
                       title="Card processor unavailable", card_refund_id=card_refund_id, code=code)
    return Unprocessable(f"The card processor refused the refund ({reason}); nothing was refunded.",
                         slug="card-refund-declined", card_refund_id=card_refund_id, code=code)
