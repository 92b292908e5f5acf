"""Booking's events about a lesson. The inbox makes each count once; `record` makes their order
not matter."""

from disputes.lessons.projection import move, record
from disputes.lessons.status import LessonStatus
from shared.events import (
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRequested,
    BookingRescheduled,
    Envelope,
    LessonDelivered,
)
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(BookingRequested.event_type)
async def requested(event: Envelope[BookingRequested], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id,
                 LessonStatus.REQUESTED, d.starts_at, d.ends_at, d.price)


@handlers.on(BookingConfirmed.event_type)
async def confirmed(event: Envelope[BookingConfirmed], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id,
                 LessonStatus.CONFIRMED, d.starts_at, d.ends_at)


@handlers.on(BookingDeclined.event_type)
async def declined(event: Envelope[BookingDeclined], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.DECLINED)


@handlers.on(BookingReleased.event_type)
async def released(event: Envelope[BookingReleased], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.RELEASED)


@handlers.on(LessonDelivered.event_type)
async def delivered(event: Envelope[LessonDelivered], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id,
                 LessonStatus.DELIVERED, price=d.price)


@handlers.on(BookingRescheduled.event_type)
async def rescheduled(event: Envelope[BookingRescheduled], uow: UnitOfWork) -> None:
    await move(uow.session, event.marketplace, event.data, event.time)


@handlers.on(BookingCancelled.event_type)
async def cancelled(event: Envelope[BookingCancelled], uow: UnitOfWork) -> None:
    d = event.data
    await record(uow.session, event.marketplace, d.booking_id, d.student_id, d.provider_id, LessonStatus.CANCELLED)
