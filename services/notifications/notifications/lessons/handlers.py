"""What this service knows of each lesson, from booking's events: who, when, and whether it still
stands. Alerts take their facts from it, and reminders go out only for a lesson that stands."""

from collections.abc import Awaitable, Callable

from asyncpg import Connection

from notifications.lessons.projection import move, record
from notifications.lessons.record import LessonRecord
from notifications.lessons.status import LessonStatus
from shared.events import (
    AcceptanceRequested,
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    BookingRescheduled,
    Envelope,
    LessonDelivered,
)


async def requested(event: Envelope[BookingRequested], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.REQUESTED,
                        d.starts_at, d.ends_at, d.price)


async def awaiting_acceptance(event: Envelope[AcceptanceRequested], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id,
                        LessonStatus.AWAITING_ACCEPTANCE, d.starts_at)


async def confirmed(event: Envelope[BookingConfirmed], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.CONFIRMED,
                        d.starts_at, d.ends_at)


async def declined(event: Envelope[BookingDeclined], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.DECLINED)


async def released(event: Envelope[BookingReleased], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.RELEASED)


async def delivered(event: Envelope[LessonDelivered], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.DELIVERED,
                        price=d.price)


async def rescheduled(event: Envelope[BookingRescheduled], conn: Connection) -> LessonRecord:
    return await move(conn, event.marketplace, event.data, event.time)


async def cancelled(event: Envelope[BookingCancelled], conn: Connection) -> LessonRecord:
    d = event.data
    return await record(conn, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.CANCELLED,
                        d.starts_at, d.ends_at)


LESSON_UPDATES: dict[str, Callable[[Envelope, Connection], Awaitable[LessonRecord]]] = {
    BookingRequested.event_type: requested,
    AcceptanceRequested.event_type: awaiting_acceptance,
    BookingConfirmed.event_type: confirmed,
    BookingDeclined.event_type: declined,
    BookingReleased.event_type: released,
    LessonDelivered.event_type: delivered,
    BookingRescheduled.event_type: rescheduled,
    BookingCancelled.event_type: cancelled,
}


async def record_lesson(event: Envelope, conn: Connection) -> LessonRecord | None:
    """The lesson as the event leaves it; None for an event that doesn't change a lesson."""
    update = LESSON_UPDATES.get(event.type)
    return await update(event, conn) if update else None
