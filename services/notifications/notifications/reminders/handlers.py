"""A confirmed lesson gets its reminders, a moved one gets them again for its new time (RS-3, NT-3),
and one that ends any other way, a cancelled one included, loses them."""

from notifications.lessons.projection import lesson_of
from notifications.reminders.scheduling import drop_reminders, plan_reminders
from shared.events import (
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRescheduled,
    Envelope,
    LessonDelivered,
)
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


async def plan_for_lesson(event: Envelope, uow: UnitOfWork) -> None:
    # The lesson handler has recorded the event already (it is registered first): the lesson is at its
    # latest time, and plan_reminders replaces any reminders planned for another.
    lesson = await lesson_of(uow.session, event.marketplace, event.data.booking_id)
    if lesson is not None:
        await plan_reminders(uow, lesson)


async def drop_for_ended_lesson(event: Envelope, uow: UnitOfWork) -> None:
    await drop_reminders(uow, event.marketplace, event.data.booking_id)


for _event in (BookingConfirmed, BookingRescheduled):
    handlers.on(_event.event_type)(plan_for_lesson)
for _event in (BookingDeclined, BookingReleased, LessonDelivered, BookingCancelled):
    handlers.on(_event.event_type)(drop_for_ended_lesson)
