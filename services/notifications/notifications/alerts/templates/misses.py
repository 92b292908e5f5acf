"""Templates of a missed lesson (MS-1 to MS-3, PS-1): the miss to both parties, the provider told
how to settle it and what follows if they don't; then how it was settled, to both.

The grace period is the booking's terms' (BK-6), and booking's lesson_missed doesn't carry its end:
the alerts name the policy's default, 72 hours, as the default (see README, "Open questions")."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import LessonMissed, MissResolved

DISPUTE = AlertKind.DISPUTE
GRACE = "the grace period (72 hours from the report, unless your marketplace's terms say otherwise)"


def missed_for_student(d: LessonMissed, c: Context) -> RenderedAlert:
    lead = ("Your provider told us they missed your lesson." if d.reported_by_role == "provider"
            else "You reported that your provider didn't show up: the lesson counts as missed.")
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.booking_id), "Your lesson was missed", f"{lead} You don't lose its value.",
        _facts(d, c), f"Your provider can give you a promo code for a free replacement lesson, or refund you as "
                      f"wallet credits. If they do neither within {GRACE}, the marketplace refunds you.")


def missed_for_provider(d: LessonMissed, c: Context) -> RenderedAlert:
    lead = ("You told us you missed the lesson." if d.reported_by_role == "provider"
            else "Your student reported that you didn't show up: the lesson counts as missed.")
    return RenderedAlert(
        DISPUTE, fact_key(d.event_type, d.booking_id), "A lesson of yours was missed: settle it with your student",
        f"{lead} Settle it within {GRACE}: give the student a promo code for a replacement lesson, or refund "
        "them as wallet credits.",
        _facts(d, c), "Unsettled by then, the marketplace refunds the student (out of your earnings if you were paid "
                      "for the lesson) and the miss counts against your standing.")


def _facts(d: LessonMissed, c: Context) -> tuple:
    return known(("Lesson", c.lesson_time()), ("Reported", c.when(d.missed_at)), ("Lesson price", money(d.price)),
                 ("Report", d.report_id), ("Booking", d.booking_id))


def settled_for_student(d: MissResolved, c: Context) -> RenderedAlert:
    on_behalf = " on your provider's behalf" if d.resolved_by == "staff" else ""
    if d.remedy == "promo_code":
        subject = "You got a promo code for the missed lesson"
        lead = (f"A promo code worth {money(d.amount)} was issued to you{on_behalf}: book a replacement lesson with "
                "your provider at no cost. The code itself comes in its own alert.")
    elif d.remedy == "credit_refund":
        subject = f"You were refunded {money(d.amount)} for the missed lesson"
        lead = f"The missed lesson was refunded to your wallet credits{on_behalf}."
    else:
        subject = f"You were refunded {money(d.amount)} for the missed lesson"
        lead = "Your provider didn't settle the missed lesson in time, so the marketplace refunded you."
    return RenderedAlert(DISPUTE, fact_key(d.event_type, d.booking_id), subject, lead, _settled_facts(d, c), None)


def settled_for_provider(d: MissResolved, c: Context) -> RenderedAlert:
    by = "The marketplace's team, on your behalf, " if d.resolved_by == "staff" else "You "
    if d.remedy == "promo_code":
        subject, lead = "You settled the missed lesson with a promo code", (
            f"{by}gave the student a promo code worth {money(d.amount)} for a replacement lesson with you. You are "
            "paid once, for both lessons, when the replacement is delivered.")
    elif d.remedy == "credit_refund":
        subject, lead = "You settled the missed lesson with a refund", (
            f"{by}refunded {money(d.amount)} to the student's wallet credits.")
    else:
        subject, lead = "The marketplace refunded your student for the missed lesson", (
            "The grace period passed without a promo code or refund from you, so the marketplace refunded the "
            "student. The miss counts against your standing; if you had been paid for the lesson, the amount comes "
            "out of your earnings.")
    return RenderedAlert(DISPUTE, fact_key(d.event_type, d.booking_id), subject, lead, _settled_facts(d, c), None)


def _settled_facts(d: MissResolved, c: Context) -> tuple:
    expires = c.when(d.promo_expires_at) if d.promo_expires_at else None
    return known(("Lesson", c.lesson_time()), ("Value", money(d.amount)), ("Promo code valid until", expires),
                 ("Settled", c.when(d.resolved_at)), ("Booking", d.booking_id))
