"""A confirmed lesson gets its reminders; one that ends any other way loses them."""

from notifications.lessons.projection import lesson_of
from notifications.reminders.scheduling import drop_reminders, plan_reminders
from shared.events import BookingConfirmed, BookingDeclined, BookingReleased, Envelope, LessonDelivered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(BookingConfirmed.event_type)
async def plan_for_confirmed_lesson(event: Envelope[BookingConfirmed], uow: UnitOfWork) -> None:
    # The lesson handler has recorded the event already (it is registered first).
    lesson = await lesson_of(uow.session, event.marketplace, event.data.booking_id)
    if lesson is not None:
        await plan_reminders(uow, lesson)


async def drop_for_ended_lesson(event: Envelope, uow: UnitOfWork) -> None:
    await drop_reminders(uow, event.marketplace, event.data.booking_id)


for _event in (BookingDeclined, BookingReleased, LessonDelivered):
    handlers.on(_event.event_type)(drop_for_ended_lesson)
