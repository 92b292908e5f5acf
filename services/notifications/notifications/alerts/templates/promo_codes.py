"""Templates of a promo code (PC-1, PC-2): issued to the student with the code itself, its value and
expiry (their channels are how it reaches them) and to the provider without it; expired unused, to
the student; redeemed for a replacement lesson, to the provider."""

from notifications.alerts.rendering import Context, RenderedAlert, fact_key, known, money
from notifications.preferences.kinds import AlertKind
from shared.events import PromoCodeExpired, PromoCodeIssued, PromoCodeRedeemed

PAYMENT = AlertKind.PAYMENT


def issued_for_student(d: PromoCodeIssued, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.promo_code_id), f"Your promo code for a free lesson: {d.code}",
        f"Your provider missed a lesson, so here is a promo code worth {money(d.value)}: {d.code}",
        (("Code", d.code), ("Worth", money(d.value)), ("Valid until", c.when(d.expires_at)),
         ("With provider", d.provider_id), ("Missed lesson", d.booking_id)),
        "Enter the code when you book your next lesson with this provider. It works once, for you and this "
        "provider only; unused by then, its value goes back to your wallet credits.")


def issued_for_provider(d: PromoCodeIssued, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.promo_code_id), "Your student has a promo code for a replacement lesson",
        f"A promo code worth {money(d.value)} went to your student for the missed lesson; they can use it to book "
        "with you.",
        (("Worth", money(d.value)), ("Valid until", c.when(d.expires_at)), ("Student", d.student_id),
         ("Missed lesson", d.booking_id)),
        "Keep slots free for them. You are paid once, for both lessons, when the replacement is delivered.")


def expired_for_student(d: PromoCodeExpired, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.promo_code_id), "Your promo code expired unused",
        f"The promo code {d.code} wasn't used in time, so its value, {money(d.value)}, went back to your wallet "
        "credits.",
        (("Code", d.code), ("Back to your credits", money(d.value)), ("Missed lesson", d.booking_id)),
        "Use your credits to book a lesson whenever you like.")


def redeemed_for_provider(d: PromoCodeRedeemed, c: Context) -> RenderedAlert:
    return RenderedAlert(
        PAYMENT, fact_key(d.event_type, d.promo_code_id), "Your student booked a replacement lesson with their code",
        f"The promo code paid {money(d.applied)} of the new lesson.",
        known(("Replacement lesson", c.lesson_time()), ("Paid by the code", money(d.applied)),
              ("Student", d.student_id), ("Replacement booking", d.booking_id),
              ("Missed lesson", d.missed_booking_id)),
        "You are paid for the missed lesson and its replacement together once the replacement is delivered.")
