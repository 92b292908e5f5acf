"""Booking's events about one lesson, built as booking builds them (shared.events.booking)."""

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shared.events import (
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingRequested,
    BookingRescheduled,
    LessonDelivered,
    MissResolved,
    Money,
)


@dataclass(frozen=True)
class LessonFacts:
    booking_id: str
    student_id: str
    provider_id: str
    starts_at: datetime
    ends_at: datetime
    price: Money


def new_lesson(student_id: str, provider_id: str, started: timedelta, price_minor: int = 5000) -> LessonFacts:
    """An hour's lesson that started `started` ago (negative: starts later)."""
    starts_at = (datetime.now(UTC) - started).replace(microsecond=0)
    return LessonFacts(uuid.uuid4().hex, student_id, provider_id, starts_at, starts_at + timedelta(hours=1),
                       Money(amount_minor=price_minor, currency="EUR"))


def _parties(lesson: LessonFacts) -> dict:
    return {"booking_id": lesson.booking_id, "student_id": lesson.student_id, "provider_id": lesson.provider_id}


def requested(lesson: LessonFacts) -> BookingRequested:
    return BookingRequested(**_parties(lesson), offering_id="offering-1", starts_at=lesson.starts_at,
                            ends_at=lesson.ends_at, price=lesson.price, payment_method="credits")


def confirmed(lesson: LessonFacts) -> BookingConfirmed:
    return BookingConfirmed(**_parties(lesson), starts_at=lesson.starts_at, ends_at=lesson.ends_at)


def declined(lesson: LessonFacts) -> BookingDeclined:
    return BookingDeclined(**_parties(lesson), reason="declined", refund=lesson.price)


def delivered(lesson: LessonFacts) -> LessonDelivered:
    return LessonDelivered(**_parties(lesson), price=lesson.price, platform_fee_bps=0, confirmed_by="student")


def rescheduled(lesson: LessonFacts, starts_at: datetime) -> tuple[BookingRescheduled, LessonFacts]:
    moved = dataclasses.replace(lesson, starts_at=starts_at, ends_at=starts_at + (lesson.ends_at - lesson.starts_at))
    return BookingRescheduled(**_parties(lesson), previous_starts_at=lesson.starts_at,
                              previous_ends_at=lesson.ends_at, starts_at=moved.starts_at, ends_at=moved.ends_at,
                              how="request", initiated_by="student", request_id="request-1"), moved


def cancelled(lesson: LessonFacts) -> BookingCancelled:
    nothing = Money(amount_minor=0, currency=lesson.price.currency)
    return BookingCancelled(**_parties(lesson), starts_at=lesson.starts_at, ends_at=lesson.ends_at,
                            cancelled_by="student", cause="student", reason="Can't make it.", refund=lesson.price,
                            refund_form="credits", refund_decision_id="decision-1", refund_decided_by="policy",
                            provider_keeps=nothing)


def miss_resolved(lesson: LessonFacts, report_id: str, remedy: str = "promo_code",
                  resolved_by: str = "provider") -> MissResolved:
    """booking's settlement of the lesson missed by its report `report_id` (MS-2, MS-3)."""
    now = datetime.now(UTC)
    return MissResolved(**_parties(lesson), report_id=report_id, remedy=remedy, resolved_by=resolved_by,
                        amount=lesson.price, resolved_at=now,
                        promo_expires_at=now + timedelta(days=90) if remedy == "promo_code" else None)
