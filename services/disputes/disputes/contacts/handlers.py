"""notifications.chat_message_sent: only the student's messages to the provider count."""

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert

from disputes.contacts.models import ChatContact
from shared.events import ChatMessageSent, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


@handlers.on(ChatMessageSent.event_type)
async def chat_message_sent(event: Envelope[ChatMessageSent], uow: UnitOfWork) -> None:
    message = event.data
    if message.sender_role != "student":
        return
    insert_contact = insert(ChatContact).values(
        marketplace_id=event.marketplace, student_id=message.student_id, provider_id=message.provider_id,
        student_last_wrote_at=message.sent_at)
    latest = func.greatest(ChatContact.student_last_wrote_at, insert_contact.excluded.student_last_wrote_at)
    await uow.session.exec(insert_contact.on_conflict_do_update(
        index_elements=["marketplace_id", "student_id", "provider_id"], set_={"student_last_wrote_at": latest}))
