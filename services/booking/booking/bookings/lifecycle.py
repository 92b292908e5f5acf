"""The booking state machine. Pure: given the current status and what happened, the next status,
or a conflict naming the current one.

    pending_payment ──captured──▶ confirmed ──delivered──▶ delivered
         │              └─(provider must accept)─▶ awaiting_acceptance ──accepted──▶ confirmed
         └──failed / timed out──▶ payment_failed                └──declined / timed out──▶ declined

    awaiting_acceptance, confirmed ──cancel──▶ cancelled        confirmed ──reschedule──▶ confirmed

    confirmed, delivered ──miss resolved──▶ missed          (MS-2, MS-3: the provider did not show up)
    confirmed, delivered ──dispute settled──▶ settled       (DS-1, DS-3: a refund or split decided the money)

A missed lesson stays confirmed (or delivered, when it was confirmed before the report) while its
miss is unresolved, its automatic confirmation held by the open report; once resolved it is
`missed`, and `settled` once a report's refund or split decided its money. Both are final: nothing
confirms, delivers (pays the provider in full) or moves such a lesson afterwards. Neither holds the
provider's time: the lesson is over (a report comes after its start).
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
    MISSED = "missed"
    SETTLED = "settled"


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
    MISS_RESOLVED = "resolve the miss"
    DISPUTE_SETTLED = "settle the dispute"


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
    Step.MISS_RESOLVED: (frozenset({_S.CONFIRMED, _S.DELIVERED}), _S.MISSED),
    Step.DISPUTE_SETTLED: (frozenset({_S.CONFIRMED, _S.DELIVERED}), _S.SETTLED),
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
