"""Whether a promo code may pay for a booking (PC-2), and the sentence the student is shown when not.
Pure: the code as found (or None), the request, the time."""

from datetime import UTC, datetime

from shared.events import BookingRequested
from wallet.payments.outcomes import Refused
from wallet.promo_codes.models import PromoCode, PromoCodeStatus

CODE = "promo_code_refused"


def refusal(promo: PromoCode | None, request: BookingRequested, now: datetime) -> Refused | None:
    if promo is None:
        return Refused(CODE, "This promo code doesn't exist. Check the code you typed and book again.")
    if promo.student_id != request.student_id:
        # Said without naming anyone: the caller learns only that the code isn't theirs (PL-2).
        return Refused(CODE, "This promo code was issued to another student; only they can use it.")
    if promo.provider_id != request.provider_id:
        return Refused(CODE, "This promo code is for lessons with another provider; book with the provider who "
                             "issued it to use it.")
    if promo.status == PromoCodeStatus.USED:
        return Refused(CODE, "This promo code was already used for another booking; a code can be used once.")
    if promo.status == PromoCodeStatus.EXPIRED or promo.expires_at <= now:
        return Refused(CODE, f"This promo code expired on {promo.expires_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC; "
                             "its value goes back to your wallet credits.")
    if promo.currency != request.price.currency:
        return Refused(CODE, f"This promo code is in {promo.currency} and the lesson is priced in "
                             f"{request.price.currency}.")
    return None
