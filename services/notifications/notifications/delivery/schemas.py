from datetime import datetime

from pydantic import BaseModel

from notifications.alerts.models import Alert
from notifications.delivery.models import Delivery


class DeliveryOut(BaseModel):
    id: str
    user_id: str
    alert_id: str
    alert_kind: str
    alert_subject: str
    channel: str
    status: str
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
