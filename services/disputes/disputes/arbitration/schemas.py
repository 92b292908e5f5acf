from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from disputes.arbitration.models import Dispute
from shared.events.money import amount_minor

# A refund may be nothing; the lesson's price, known once the report is read, bounds it further.
RefundMinor = amount_minor(minimum=0)


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"refund_minor": 2500, "note": "The recording shows the lesson ended after 25 of its 60 minutes"},
        {"refund_minor": 0}]})

    refund_minor: RefundMinor = Field(description="The part of the lesson's price back to the student, in minor "
                                                  "units; the rest goes to the provider. 0: all to the provider")
    note: str | None = Field(default=None, max_length=2000, description="Staff's reasons, shown to the parties")


class DisputeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: str
    booking_id: str
    reason: Literal["party", "unanswered"] = Field(description="party: a party escalated it; unanswered: nobody "
                                                               "answered for 7 days")
    escalated_by: str | None
    escalated_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str | None
    closed_at: datetime | None = Field(description="The missed lesson was settled before staff decided: the "
                                                   "dispute left the queue undecided")
    closed_by: str | None = Field(description="provider, staff or platform: who settled the missed lesson")

    @classmethod
    def of(cls, dispute: Dispute) -> "DisputeOut":
        return cls.model_validate(dispute)
