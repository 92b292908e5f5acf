from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from disputes.proposals.answers import ProposalStatus
from disputes.proposals.models import Proposal
from disputes.proposals.resolutions import Resolution
from shared.events import Money
from shared.events.money import amount_minor

# A refund may be nothing; the lesson's price, known once the report is read, bounds it further.
RefundMinor = amount_minor(minimum=0)


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"resolution": "split", "refund_minor": 2000}, {"resolution": "reschedule"}]})

    resolution: Resolution
    refund_minor: RefundMinor | None = Field(
        default=None, description="Only for a split: the part of the price back to the student, in minor units")


class ProposalOut(BaseModel):
    id: str
    proposer_id: str
    proposer_role: Literal["student", "provider"]
    resolution: Resolution
    refund: Money | None = Field(description="Back to the student; the rest of the price goes to the provider")
    status: ProposalStatus = Field(description="lapsed: the report went to staff, or the missed lesson was "
                                               "settled, before anyone answered")
    proposed_at: datetime
    answered_by: str | None
    answered_at: datetime | None

    @classmethod
    def of(cls, proposal: Proposal) -> "ProposalOut":
        refund = None if proposal.refund_minor is None else Money(amount_minor=proposal.refund_minor,
                                                                  currency=proposal.currency)
        return cls.model_validate({**proposal.model_dump(), "refund": refund})
