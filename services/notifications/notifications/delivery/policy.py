"""NT-5's retry policy, as a plain function of the attempt's outcome and how many were made."""

from dataclasses import dataclass

from notifications.delivery.models import DeliveryStatus
from notifications.delivery.outcomes import Delivered, Gone, Outcome, Refused, RetryLater


@dataclass(frozen=True)
class Next:
    status: DeliveryStatus
    retry_in_s: float | None = None
    error: str | None = None


def after(outcome: Outcome, attempts_made: int, retry_delays_s: list[float]) -> Next:
    """What follows an attempt: done, another try after a delay, or failed for good.

    One retry per entry of `retry_delays_s`; the channel's own wait (Discord's 429) replaces the
    back-off delay, since sending earlier would only be refused again."""
    match outcome:
        case Delivered():
            return Next(DeliveryStatus.SENT)
        case Refused(error) | Gone(error):
            return Next(DeliveryStatus.FAILED, error=error)
        case RetryLater(error, wait_s):
            if attempts_made > len(retry_delays_s):
                return Next(DeliveryStatus.FAILED, error=f"{error} (gave up after {attempts_made} attempts)")
            delay = wait_s if wait_s is not None else retry_delays_s[attempts_made - 1]
            return Next(DeliveryStatus.PENDING, retry_in_s=delay, error=error)
    raise TypeError(f"not an outcome: {outcome!r}")
