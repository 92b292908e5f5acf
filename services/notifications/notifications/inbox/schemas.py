from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from notifications.alerts.models import Alert
from notifications.inbox.models import InboxItem
from notifications.inbox.states import InboxState
from notifications.preferences.kinds import AlertKind


class InboxItemOut(BaseModel):
    id: str
    alert_id: str
    state: InboxState
    kind: AlertKind
    subject: str
    lead: str
    facts: list[list[str]] = Field(description="[label, value] pairs: the lesson, time, amounts")
    next_step: str | None
    text: str = Field(description="The whole alert as plain text")
    created_at: datetime
    read_at: datetime | None
    archived_at: datetime | None

    @classmethod
    def of(cls, item: InboxItem, alert: Alert) -> "InboxItemOut":
        return cls(id=item.id, alert_id=alert.id, state=InboxState(item.state), kind=alert.kind,
                   subject=alert.subject, lead=alert.lead, facts=alert.facts, next_step=alert.next_step,
                   text=alert.text, created_at=item.created_at, read_at=item.read_at, archived_at=item.archived_at)


class InboxPage(BaseModel):
    items: list[InboxItemOut]
    next_cursor: str | None
    unread: int = Field(description="How many items are unread in all")


class StateChange(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"state": "read"},
                                                                              {"state": "archived"}]})

    state: InboxState
