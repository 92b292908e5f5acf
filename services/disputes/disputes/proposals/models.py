from datetime import datetime

from sqlalchemy import BigInteger, Index, text
from sqlmodel import Field

from disputes.clock import utcnow
from disputes.columns import timestamp
from disputes.db import Base
from disputes.ids import new_id
from disputes.proposals.answers import ProposalStatus


class Proposal(Base, table=True):
    __tablename__ = "proposals"
    __table_args__ = (
        # One question at a time: a report has at most one pending proposal.
        Index("uq_proposals_one_pending", "report_id", unique=True, postgresql_where=text("status = 'pending'")),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    report_id: str = Field(foreign_key="reports.id", index=True, max_length=32)
    proposer_id: str = Field(max_length=200)
    proposer_role: str = Field(max_length=20)
    resolution: str = Field(max_length=40)
    refund_minor: int | None = Field(default=None, sa_type=BigInteger)  # 64-bit, as prices are
    currency: str | None = Field(default=None, max_length=3)
    status: str = Field(default=ProposalStatus.PENDING, max_length=20)
    proposed_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    answered_by: str | None = Field(default=None, max_length=200)
    answered_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
