"""The projection's consumers. booking_requested is also handled by payments: each handler has its own
inbox claim (HandlerRegistry.combine keeps both), so neither depends on the other."""

from shared.events import BookingRequested, BookingRescheduled, ChatMessageSent, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.contacts.projection import record_moved_start, record_requested_start, record_student_message

handlers = HandlerRegistry()


@handlers.on(BookingRequested.event_type)
async def remember_lesson_start(event: Envelope[BookingRequested], uow: UnitOfWork) -> None:
    lesson = event.data
    await record_requested_start(uow.session, event.marketplace, lesson.booking_id, lesson.student_id,
                                 lesson.provider_id, lesson.starts_at, as_of=event.time)


@handlers.on(BookingRescheduled.event_type)
async def remember_new_lesson_start(event: Envelope[BookingRescheduled], uow: UnitOfWork) -> None:
    moved = event.data
    await record_moved_start(uow.session, event.marketplace, moved.booking_id, moved.student_id,
                             moved.provider_id, moved.starts_at, as_of=event.time)


@handlers.on(ChatMessageSent.event_type)
async def remember_student_message(event: Envelope[ChatMessageSent], uow: UnitOfWork) -> None:
    """Only the student writing to the provider counts: the provider writing first is no contact."""
    message = event.data
    if message.sender_role == "student" and message.sender_id == message.student_id:
        await record_student_message(uow.session, event.marketplace, message.student_id, message.provider_id,
                                     message.sent_at)
