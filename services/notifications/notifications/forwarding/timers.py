from functools import partial

from sqlmodel import select

from notifications.alerts.raising import raise_alert
from notifications.alerts.templates.chat import unread_message
from notifications.chat.models import ChatMessage
from notifications.forwarding.scheduling import FORWARD_UNREAD
from shared.timers import Timer, TimerRegistry
from shared.unit_of_work import UnitOfWork

timers = TimerRegistry()


@timers.on(FORWARD_UNREAD)
async def forward_unread_message(timer: Timer, uow: UnitOfWork) -> None:
    # FOR SHARE: a "mark read" racing with this timer either lands first (nothing is forwarded) or waits.
    message = (await uow.session.exec(select(ChatMessage).where(
        ChatMessage.id == timer.payload["message_id"], ChatMessage.marketplace_id == timer.marketplace,
    ).with_for_update(read=True))).first()
    if message is None or message.read_at is not None:
        return
    # The alert's key (the message) makes this once, even if the timer fired twice after a crash.
    await raise_alert(uow, message.marketplace_id, message.recipient_id, partial(unread_message, message))
