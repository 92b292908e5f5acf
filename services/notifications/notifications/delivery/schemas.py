from datetime import datetime

from pydantic import BaseModel, Field

from notifications.alerts.models import Alert
from notifications.delivery.models import Delivery, DeliveryStatus
from notifications.preferences.kinds import AlertKind, Channel


class DeliveryOut(BaseModel):
    id: str
    user_id: str
    alert_id: str
    alert_kind: AlertKind
    alert_subject: str
    channel: Channel = Field(description="email or discord: the in-platform inbox needs no delivery")
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    destination: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None

    @classmethod
    def of(cls, delivery: Delivery, alert: Alert) -> "DeliveryOut":
        return cls.model_validate({**delivery.model_dump(), "alert_kind": alert.kind, "alert_subject": alert.subject})
