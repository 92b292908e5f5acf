"""What a resolution means in money, pure: the part of the lesson's price that goes back to the
student (`refund`); the rest goes to the provider. A reschedule moves no money."""

from enum import StrEnum

from shared.errors import Conflict, Unprocessable


class Resolution(StrEnum):
    RESCHEDULE = "reschedule"
    FULL_PAYMENT_TO_PROVIDER = "full_payment_to_provider"
    FULL_REFUND_TO_STUDENT = "full_refund_to_student"
    SPLIT = "split"


class InvalidRefund(Unprocessable):
    slug = "invalid-refund"

    def __init__(self, detail: str):
        super().__init__(detail, field="refund_minor")


class LessonPriceUnknown(Conflict):
    slug = "lesson-price-unknown"

    def __init__(self):
        super().__init__("The lesson's price is not known here yet, so no money can be split; try again shortly.")


def refund_for(resolution: Resolution, refund_minor: int | None, price_minor: int | None) -> int | None:
    if resolution is Resolution.RESCHEDULE:
        if refund_minor is not None:
            raise InvalidRefund("A reschedule moves no money: leave refund_minor out.")
        return None
    if price_minor is None:
        raise LessonPriceUnknown()
    fixed = {Resolution.FULL_PAYMENT_TO_PROVIDER: 0, Resolution.FULL_REFUND_TO_STUDENT: price_minor}.get(resolution)
    if fixed is not None:
        if refund_minor not in (None, fixed):
            raise InvalidRefund(f"{resolution} means a refund of {fixed}: leave refund_minor out.")
        return fixed
    if refund_minor is None or not 0 < refund_minor < price_minor:
        raise InvalidRefund(f"A split gives part of the price back: refund_minor from 1 to {price_minor - 1}.")
    return refund_minor


def resolution_of_refund(refund_minor: int, price_minor: int | None) -> Resolution:
    """Staff decide any split of the price (DS-3); the resolution follows from the amount."""
    if price_minor is None:
        raise LessonPriceUnknown()
    if not 0 <= refund_minor <= price_minor:
        raise InvalidRefund(f"The refund is part of the lesson's price: from 0 to {price_minor}.")
    if refund_minor == 0:
        return Resolution.FULL_PAYMENT_TO_PROVIDER
    return Resolution.FULL_REFUND_TO_STUDENT if refund_minor == price_minor else Resolution.SPLIT
