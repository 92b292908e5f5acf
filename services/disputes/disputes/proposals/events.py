from disputes.proposals.models import Proposal
from disputes.reports.models import Report
from shared.events import ProposalRejected, ResolutionProposed


def proposed(report: Report, proposal: Proposal) -> ResolutionProposed:
    return ResolutionProposed(
        report_id=report.id, booking_id=report.booking_id, proposal_id=proposal.id, proposer_id=proposal.proposer_id,
        proposer_role=proposal.proposer_role, resolution=proposal.resolution, refund_minor=proposal.refund_minor,
        currency=proposal.currency, student_id=report.student_id, provider_id=report.provider_id,
        answer_by=report.answer_by)


def rejected(report: Report, proposal: Proposal) -> ProposalRejected:
    return ProposalRejected(report_id=report.id, booking_id=report.booking_id, proposal_id=proposal.id,
                            rejected_by=proposal.answered_by, student_id=report.student_id,
                            provider_id=report.provider_id)
