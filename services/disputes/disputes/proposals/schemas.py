from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from disputes.proposals.models import Proposal
from disputes.proposals.resolutions import Resolution
from shared.events import Money
from shared.events.money import amount_minor

# A refund may be nothing; the lesson's price, known once the report is read, bounds it further.
RefundMinor = amount_minor(minimum=0)


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resolution: Resolution
    refund_minor: RefundMinor | None = Field(
        default=None, description="Only for a split: the part of the price back to the student, in minor units")


class ProposalOut(BaseModel):
    id: str
    proposer_id: str
    proposer_role: str
    resolution: str
    refund: Money | None = Field(description="Back to the student; the rest of the price goes to the provider")
    status: str = Field(description="pending, accepted, rejected, or lapsed (the report went to staff)")
    proposed_at: datetime
    answered_by: str | None
    answered_at: datetime | None

    @classmethod
    def of(cls, proposal: Proposal) -> "ProposalOut":
        refund = None if proposal.refund_minor is None else Money(amount_minor=proposal.refund_minor,
                                                                  currency=proposal.currency)
        return cls.model_validate({**proposal.model_dump(), "refund": refund})
