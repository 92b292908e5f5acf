"""What one attempt to send came to, as the channel told it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Delivered:
    # Discord's bucket is empty: leave this webhook alone this long (X-RateLimit-Reset-After).
    pause_s: float | None = None


@dataclass(frozen=True)
class RetryLater:
    error: str
    # How long the channel asked us to wait (Discord's 429 retry_after); None: our back-off decides.
    wait_s: float | None = None

    @property
    def pause_s(self) -> float | None:
        return self.wait_s


@dataclass(frozen=True)
class Refused:
    """Trying again can't help: a 5xx SMTP reply, a Discord 400/401/403."""

    error: str
    pause_s: None = None


@dataclass(frozen=True)
class Gone:
    """The destination no longer exists (Discord's 404): the channel is disabled."""

    error: str
    pause_s: None = None


Outcome = Delivered | RetryLater | Refused | Gone
