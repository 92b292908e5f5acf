from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from disputes.arbitration.models import Dispute
from disputes.arbitration.schemas import DisputeOut
from disputes.proposals.models import Proposal
from disputes.proposals.schemas import ProposalIn, ProposalOut
from disputes.reports.kinds import ProblemKind
from disputes.reports.lifecycle import ReportStatus
from disputes.reports.models import Report
from shared.events import Money


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"booking_id": "9b1f0c2d7e6a4b3c8d5e2f1a0b9c8d7e", "kind": "provider_absent",
         "details": "I waited 20 minutes in the call; nobody came"},
        {"booking_id": "9b1f0c2d7e6a4b3c8d5e2f1a0b9c8d7e", "kind": "technical_problem",
         "details": "The call dropped after ten minutes",
         "proposal": {"resolution": "split", "refund_minor": 2000}}]})

    booking_id: str = Field(max_length=100)
    kind: ProblemKind = Field(description="provider_absent (a provider may declare their own miss), "
                                          "student_absent or technical_problem")
    details: str = Field(default="", max_length=2000, description="What happened, in the reporter's words")
    proposal: ProposalIn | None = Field(default=None, description="How the reporter proposes to settle it (DS-1)")


class ReportSummaryOut(BaseModel):
    id: str
    booking_id: str
    kind: ProblemKind
    details: str
    reporter_id: str
    reporter_role: Literal["student", "provider"]
    student_id: str
    provider_id: str
    status: ReportStatus = Field(description="open, resolved (a proposal accepted, or the missed lesson "
                                             "settled), escalated (staff decide), decided (final)")
    reported_at: datetime
    answer_by: datetime | None = Field(description="Goes to staff if still open then (DS-5)")
    resolution: str | None
    refund: Money | None = Field(description="Back to the student once resolved; the rest goes to the provider")
    resolved_at: datetime | None

    @classmethod
    def of(cls, report: Report) -> "ReportSummaryOut":
        refund = None if report.refund_minor is None else Money(amount_minor=report.refund_minor,
                                                                currency=report.currency)
        return cls.model_validate({**report.model_dump(), "refund": refund})


class ReportOut(ReportSummaryOut):
    student_contacted_provider: bool = Field(
        description="The student sent the provider a chat message after the lesson's start (RF-2, DS-4)")
    proposals: list[ProposalOut]
    dispute: DisputeOut | None

    @classmethod
    def detail(cls, report: Report, proposals: list[Proposal], dispute: Dispute | None,
               contacted: bool) -> "ReportOut":
        return cls.model_validate({
            **ReportSummaryOut.of(report).model_dump(), "student_contacted_provider": contacted,
            "proposals": [ProposalOut.of(p) for p in proposals],
            "dispute": DisputeOut.of(dispute) if dispute else None})
