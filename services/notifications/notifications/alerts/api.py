"""One of the caller's alerts and where it went: the inbox, and each delivery's status. Staff read
their marketplace's staff-desk alerts here too (they have no channels: staffdesk/)."""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import select

from notifications.alerts.models import Alert
from notifications.delivery.models import Delivery, DeliveryStatus
from notifications.inbox.models import InboxItem
from notifications.inbox.states import InboxState
from notifications.preferences.kinds import AlertKind, Channel
from notifications.staffdesk.recipient import readable_recipients
from shared.auth import CurrentIdentity
from shared.errors import NotFound
from shared.http import UoW

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])


class ChannelStatus(BaseModel):
    channel: Channel
    status: InboxState | DeliveryStatus = Field(description="in_platform: the inbox state; email/discord: the "
                                                            "delivery's")
    at: datetime | None = Field(description="When it was sent (or read, for the inbox)")


class AlertOut(BaseModel):
    id: str
    kind: AlertKind
    subject: str
    text: str
    created_at: datetime
    channels: list[ChannelStatus]


@router.get("/{alert_id}", summary="One of the caller's alerts, with its status on each channel")
async def get_alert(alert_id: str, identity: CurrentIdentity, uow: UoW) -> AlertOut:
    alert = (await uow.session.exec(select(Alert).where(
        Alert.id == alert_id, Alert.marketplace_id == identity.marketplace_id,
        Alert.user_id.in_(readable_recipients(identity)),
    ))).first()
    if alert is None:
        raise NotFound(f"No alert '{alert_id}' of yours.", slug="alert-not-found")
    item = (await uow.session.exec(select(InboxItem).where(InboxItem.alert_id == alert.id))).first()
    deliveries = await uow.session.exec(
        select(Delivery).where(Delivery.alert_id == alert.id).order_by(Delivery.channel))
    channels = [ChannelStatus(channel="in_platform", status=item.state, at=item.read_at)] if item else []
    channels += [ChannelStatus(channel=d.channel, status=d.status, at=d.sent_at) for d in deliveries]
    return AlertOut(id=alert.id, kind=alert.kind, subject=alert.subject, text=alert.text, created_at=alert.created_at,
                    channels=channels)
