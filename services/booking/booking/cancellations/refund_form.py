"""Where a cancellation's refund goes. Wallet credits by default, whatever paid for the lesson, so
the money is back at once and a booking's refunds stay simple. Staff may send it to the card that
paid, within the card-refund window after the purchase (RF-2's window; its contact-first rule is
about missed lessons, not cancellations). Pure."""

from datetime import datetime, timedelta
from typing import Literal

from booking.policies.terms import PolicyTerms
from shared.errors import Unprocessable

RefundForm = Literal["credits", "card"]


def refund_form(requested: RefundForm, paid_with: str, bought_at: datetime, terms: PolicyTerms,
                now: datetime) -> RefundForm:
    if requested == "credits":
        return "credits"
    if paid_with != "card":
        raise _invalid("the lesson was paid with credits; its refund goes back to credits")
    if now - bought_at > timedelta(days=terms.card_refund_window_days):
        raise _invalid(f"card refunds are possible for {terms.card_refund_window_days} days after the purchase "
                       f"({bought_at.date().isoformat()}); refund to credits instead")
    return "card"


def _invalid(message: str) -> Unprocessable:
    return Unprocessable(f"refund_form: {message}.", slug="invalid-refund-form",
                         errors=[{"field": "refund_form", "message": message, "code": "refund_form"}])
