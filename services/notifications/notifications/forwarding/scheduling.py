from notifications.chat.models import ChatMessage
from notifications.marketplaces.store import policy_of
from shared.unit_of_work import UnitOfWork

FORWARD_UNREAD = "chat.forward_unread"


async def forward_if_unread_later(uow: UnitOfWork, message: ChatMessage) -> None:
    policy = await policy_of(uow, message.marketplace_id)
    await uow.schedule(FORWARD_UNREAD, message.id, message.sent_at + policy.unread_chat_forward_delay,
                       {"message_id": message.id}, marketplace=message.marketplace_id)
