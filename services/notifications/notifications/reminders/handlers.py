"""A confirmed lesson gets its reminders, a moved one gets them again for its new time (RS-3, NT-3),
and one that ends any other way, a cancelled one included, loses them."""

from asyncpg import Connection

from notifications.lessons.record import LessonRecord
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
from shared.unit_of_work import UnitOfWork

PLANNED_ON = frozenset({BookingConfirmed.event_type, BookingRescheduled.event_type})
DROPPED_ON = frozenset({BookingDeclined.event_type, BookingReleased.event_type, LessonDelivered.event_type,
                        BookingCancelled.event_type})


async def keep_reminders_in_step(event: Envelope, uow: UnitOfWork, conn: Connection,
                                 lesson: LessonRecord | None) -> None:
    """`lesson`: as this event left it, at its latest time; plan_reminders replaces any reminders
    planned for another."""
    if event.type in PLANNED_ON and lesson is not None:
        await plan_reminders(uow, conn, lesson)
    elif event.type in DROPPED_ON:
        await drop_reminders(uow, conn, event.marketplace, event.data.booking_id)
