"""The booking state machine. Pure: given the current status and what happened, the next status,
or a conflict naming the current one.

    pending_payment ──captured──▶ confirmed ──delivered──▶ delivered
         │              └─(provider must accept)─▶ awaiting_acceptance ──accepted──▶ confirmed
         └──failed / timed out──▶ payment_failed                └──declined / timed out──▶ declined

    awaiting_acceptance, confirmed ──cancel──▶ cancelled        confirmed ──reschedule──▶ confirmed
"""

from enum import StrEnum

from shared.errors import Conflict


class BookingStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAYMENT_FAILED = "payment_failed"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


# The statuses whose booking keeps the provider's time; the database's exclusion constraint
# covers exactly these, so a freed slot is offered again at once (BK-4).
HOLDS_SLOT = frozenset({BookingStatus.PENDING_PAYMENT, BookingStatus.AWAITING_ACCEPTANCE,
                        BookingStatus.CONFIRMED, BookingStatus.DELIVERED})


class Step(StrEnum):
    PAYMENT_CAPTURED = "payment captured"
    PAYMENT_FAILED = "payment failed"
    PAYMENT_TIMED_OUT = "payment timeout"
    ACCEPTED = "accept"
    DECLINED = "decline"
    ACCEPTANCE_TIMED_OUT = "acceptance timeout"
    DELIVERY_CONFIRMED = "confirm delivery"
    AUTO_CONFIRMED = "automatic confirmation"
    CANCELLED = "cancel"
    RESCHEDULED = "reschedule"


_S = BookingStatus
_TRANSITIONS: dict[Step, tuple[frozenset[BookingStatus], BookingStatus]] = {
    Step.PAYMENT_CAPTURED: (frozenset({_S.PENDING_PAYMENT}), _S.CONFIRMED),
    Step.PAYMENT_FAILED: (frozenset({_S.PENDING_PAYMENT}), _S.PAYMENT_FAILED),
    Step.PAYMENT_TIMED_OUT: (frozenset({_S.PENDING_PAYMENT}), _S.PAYMENT_FAILED),
    Step.ACCEPTED: (frozenset({_S.AWAITING_ACCEPTANCE}), _S.CONFIRMED),
    Step.DECLINED: (frozenset({_S.AWAITING_ACCEPTANCE}), _S.DECLINED),
    Step.ACCEPTANCE_TIMED_OUT: (frozenset({_S.AWAITING_ACCEPTANCE}), _S.DECLINED),
    Step.DELIVERY_CONFIRMED: (frozenset({_S.CONFIRMED}), _S.DELIVERED),
    Step.AUTO_CONFIRMED: (frozenset({_S.CONFIRMED}), _S.DELIVERED),
    Step.CANCELLED: (frozenset({_S.AWAITING_ACCEPTANCE, _S.CONFIRMED}), _S.CANCELLED),
    Step.RESCHEDULED: (frozenset({_S.CONFIRMED}), _S.CONFIRMED),
}


class BookingStateConflict(Conflict):
    slug = "booking-state-conflict"


def can(current: BookingStatus, step: Step) -> bool:
    return current in _TRANSITIONS[step][0]


def next_status(current: BookingStatus, step: Step, *, provider_must_accept: bool = False) -> BookingStatus:
    allowed_from, target = _TRANSITIONS[step]
    if current not in allowed_from:
        needed = " or ".join(sorted(allowed_from))
        raise BookingStateConflict(f"The booking is {current}; '{step}' needs a booking that is {needed}.",
                                   current_status=current.value)
    if step is Step.PAYMENT_CAPTURED and provider_must_accept:
        return BookingStatus.AWAITING_ACCEPTANCE
    return target
