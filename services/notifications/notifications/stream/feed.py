"""What is new for one user since the last look.

A transaction that began first may commit last, so a row can appear with a time earlier than rows
already sent. Each look therefore goes back LOOKBACK and skips the ids it has sent.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from notifications.alerts.models import Alert
from notifications.chat.models import ChatMessage
from notifications.chat.schemas import MessageOut
from notifications.inbox.models import InboxItem
from notifications.inbox.schemas import InboxItemOut
from shared.auth import Identity

LOOKBACK = timedelta(seconds=5)


@dataclass(frozen=True)
class FeedEvent:
    kind: str  # "alert" or "message"
    id: str
    at: datetime
    data: dict


@dataclass
class Feed:
    identity: Identity
    since: datetime
    _sent: dict[str, datetime] = field(default_factory=dict)

    async def next(self, session: AsyncSession) -> list[FeedEvent]:
        start = self.since - LOOKBACK
        found = await _alerts(session, self.identity, start) + await _messages(session, self.identity, start)
        fresh = [e for e in found if e.id not in self._sent]
        fresh.sort(key=lambda e: e.at)
        for event in fresh:
            self._sent[event.id] = event.at
            self.since = max(self.since, event.at)
        self._sent = {i: at for i, at in self._sent.items() if at >= self.since - LOOKBACK}
        return fresh


async def _alerts(session: AsyncSession, identity: Identity, start: datetime) -> list[FeedEvent]:
    rows = await session.exec(select(InboxItem, Alert).join(Alert, Alert.id == InboxItem.alert_id).where(
        InboxItem.marketplace_id == identity.marketplace_id, InboxItem.user_id == identity.user_id,
        InboxItem.created_at > start))
    return [FeedEvent("alert", item.id, item.created_at, InboxItemOut.of(item, alert).model_dump(mode="json"))
            for item, alert in rows]


async def _messages(session: AsyncSession, identity: Identity, start: datetime) -> list[FeedEvent]:
    # Both directions: the user's other devices show what they sent too.
    rows = await session.exec(select(ChatMessage).where(
        ChatMessage.marketplace_id == identity.marketplace_id, ChatMessage.sent_at > start,
        or_(ChatMessage.recipient_id == identity.user_id, ChatMessage.sender_id == identity.user_id)))
    return [FeedEvent("message", m.id, m.sent_at, MessageOut.of(m).model_dump(mode="json")) for m in rows]
