"""Templates of the wallet's events."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.alerts.templates.booking import NOT_GOING_THROUGH
from notifications.preferences.kinds import AlertKind
from shared.events import CreditsToppedUp, EarningsClawedBack, PaymentFailed, ProviderPaid, RefundIssued

PAYMENT = AlertKind.PAYMENT
_DESTINATIONS = {"credits": "your wallet credits", "card": "your card"}


def payment_failed_for_student(d: PaymentFailed, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, f"{NOT_GOING_THROUGH}:{d.booking_id}", "Your booking didn't go through",
        "The payment for your booking failed, so the slot was not kept for you.",
        known(("Lesson", c.lesson_time()), ("Why", d.reason), ("Booking", d.booking_id)),
        "Top up your credits or use another card, then book again.")


def refund_for_student(d: RefundIssued, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.refund_id), f"You were refunded {money(d.amount)}",
        f"{money(d.amount)} went back to {_DESTINATIONS[d.destination]}.",
        known(("Amount", money(d.amount)), ("To", _DESTINATIONS[d.destination]), ("Why", d.reason),
              ("Lesson", c.lesson_time()), ("Booking", d.booking_id)),
        "Card refunds take a few days to show on your statement." if d.destination == "card" else None)


def paid_to_provider(d: ProviderPaid, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.booking_id), f"You were paid {money(d.net)} for a lesson",
        "The lesson's price left escrow; your share is in your balance.",
        known(("Lesson price", money(d.gross)), ("Platform fee", money(d.fee)), ("You receive", money(d.net)),
              ("Lesson", c.lesson_time()), ("Booking", d.booking_id)), None)


def credits_for_student(d: CreditsToppedUp, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.payment_id), f"{money(d.amount)} added to your credits",
        "Your top-up went through.", known(("Amount", money(d.amount)), ("Payment", d.payment_id)),
        "Use your credits to book lessons.")


def clawed_back_from_provider(d: EarningsClawedBack, c: Context) -> RenderedAlert:
    negative = d.earnings_balance_after.amount_minor < 0
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.booking_id), f"{money(d.from_provider)} taken back from your earnings",
        "A lesson you had been paid for was refunded to the student, so what you were paid for it came back out of "
        "your earnings.",
        known(("Refunded lesson price", money(d.amount)), ("From your earnings", money(d.from_provider)),
              ("From the platform's fee", money(d.from_platform_fee)),
              ("Your earnings balance now", money(d.earnings_balance_after)), ("Lesson", c.lesson_time()),
              ("Booking", d.booking_id)),
        "Your balance is negative: it is recovered from your next earnings before anything is paid out to you."
        if negative else None)
