"""Template of a report's money carried out (DS-1, DS-3): booking's dispute_settled tells both
parties what goes back to the student as credits and what the provider keeps, before the fee."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import DisputeSettled

PAYMENT = AlertKind.PAYMENT


def settled_for_student(d: DisputeSettled, c: Context) -> RenderedAlert:
    refunded = d.refund.amount_minor > 0
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.report_id),
        f"{money(d.refund)} back to your credits for a disputed lesson" if refunded
        else "A disputed lesson was settled: no refund",
        f"The report's outcome is carried out: {money(d.refund)} goes back to your wallet credits." if refunded
        else "The report's outcome is carried out: the provider keeps the lesson's payment.",
        known(("Refund to you", money(d.refund)), ("Lesson", c.lesson_time()), ("Report", d.report_id),
              ("Booking", d.booking_id)), None)


def settled_for_provider(d: DisputeSettled, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.report_id),
        f"A disputed lesson was settled: you keep {money(d.provider_keeps)}",
        "The report's outcome is carried out: what you keep is paid to you, less the platform's fee.",
        known(("You keep, before the fee", money(d.provider_keeps)), ("Platform fee", f"{d.platform_fee_bps / 100:g}%"),
              ("Refund to the student", money(d.refund)), ("Lesson", c.lesson_time()), ("Report", d.report_id),
              ("Booking", d.booking_id)), None)
