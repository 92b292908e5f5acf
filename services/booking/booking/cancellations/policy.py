"""What a cancellation refunds (CX-1 to CX-3). Pure: the booking's snapshot terms, its price and
start, who cancels and why, and the time decide it, so every rule is tested without I/O.

- The student cancels: notice given (at least the terms' notice window before the start, measured in
  absolute hours, not wall-clock days) refunds in full; later, the provider keeps the payment.
- The provider cancels at the student's request: the provider chooses (nothing, full or partial).
- The provider caused it: always a full refund (and a strike, see providers.strikes).
- Staff cancel: a provider-caused cancellation refunds in full; otherwise a lesson 48 h or more
  away is refunded in full and a nearer one needs staff's decision (CX-3).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from booking.policies.terms import PolicyTerms
from shared.errors import Unprocessable

Cause = Literal["student", "provider"]
DecidedBy = Literal["policy", "provider", "staff"]
STAFF_DECIDES_WITHIN = timedelta(hours=48)  # CX-3, the therapy source's number


@dataclass(frozen=True)
class RefundChoice:
    """What a provider or staff member chose to give back: nothing, all, or `amount_minor`."""

    kind: Literal["none", "full", "partial"]
    amount_minor: int = 0

    def of(self, price_minor: int) -> int:
        if self.kind == "partial" and not 0 < self.amount_minor < price_minor:
            raise _invalid("refund.amount_minor", f"a partial refund is more than 0 and less than {price_minor}")
        return {"none": 0, "full": price_minor, "partial": self.amount_minor}[self.kind]


@dataclass(frozen=True)
class Decision:
    amount_minor: int
    decided_by: DecidedBy
    rule: str  # why, for the timeline and the alerts

    def kept(self, price_minor: int) -> int:
        return price_minor - self.amount_minor


def gave_notice(terms: PolicyTerms, starts_at: datetime, now: datetime) -> bool:
    """At least the notice window ahead; exactly at its boundary counts as notice given. No window
    (a studio's course decides, CR-1, not built yet): any time before the start."""
    return starts_at - now >= timedelta(hours=terms.student_notice_hours or 0)


def decide(by: Literal["student", "provider", "staff"], terms: PolicyTerms, price_minor: int,
           starts_at: datetime, now: datetime, cause: Cause | None, choice: RefundChoice | None) -> Decision:
    """The refund of a cancellation by `by`; the student neither names a cause nor chooses a refund."""
    if by == "student":
        if cause == "provider" or choice is not None:
            raise _invalid("cause" if choice is None else "refund", "the provider or staff decide this, not you")
        return by_student(terms, price_minor, starts_at, now)
    if cause is None:
        raise _invalid("cause", "say whether the student asked for the cancellation or the provider caused it")
    if by == "provider":
        return by_provider(price_minor, cause, choice)
    return by_staff(price_minor, cause, choice, starts_at, now)


def by_student(terms: PolicyTerms, price_minor: int, starts_at: datetime, now: datetime) -> Decision:
    if gave_notice(terms, starts_at, now):
        return Decision(price_minor, "policy", "notice_given")
    return Decision(0, "policy", "inside_notice_window")


def by_provider(price_minor: int, cause: Cause, choice: RefundChoice | None) -> Decision:
    if cause == "provider":
        _require_full_if_chosen(choice, "a cancellation you caused is always refunded in full")
        return Decision(price_minor, "policy", "provider_caused")
    if choice is None:
        raise _invalid("refund", "choose whether the student gets a refund: none, full or partial")
    return Decision(choice.of(price_minor), "provider", "provider_choice")


def by_staff(price_minor: int, cause: Cause, choice: RefundChoice | None, starts_at: datetime,
             now: datetime) -> Decision:
    if cause == "provider":
        _require_full_if_chosen(choice, "a cancellation the provider caused is always refunded in full")
        return Decision(price_minor, "policy", "provider_caused")
    if starts_at - now >= STAFF_DECIDES_WITHIN:
        _require_full_if_chosen(choice, "a lesson 48 hours or more away is refunded in full")
        return Decision(price_minor, "policy", "48h_or_more_ahead")
    if choice is None:
        raise _invalid("refund", "the lesson is less than 48 hours away: decide the refund (none, full or partial)")
    return Decision(choice.of(price_minor), "staff", "staff_choice")


def exception_amount(remaining_minor: int, choice: RefundChoice) -> int:
    """A refund granted after the cancellation: all that is left, or part of it."""
    if choice.kind == "none":
        raise _invalid("refund.kind", "an exception refunds something: full or partial")
    if choice.kind == "partial" and not 0 < choice.amount_minor <= remaining_minor:
        raise _invalid("refund.amount_minor", f"at most what the provider still keeps, {remaining_minor}")
    return remaining_minor if choice.kind == "full" else choice.amount_minor


def _require_full_if_chosen(choice: RefundChoice | None, why: str) -> None:
    if choice is not None and choice.kind != "full":
        raise _invalid("refund", why)


def _invalid(field: str, message: str) -> Unprocessable:
    return Unprocessable(f"{field}: {message}.", slug="invalid-refund",
                         errors=[{"field": field, "message": message, "code": "refund_rule"}])
