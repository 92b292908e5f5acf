"""Who may answer a proposal, pure: the other party, while it is pending (DS-1)."""

from enum import StrEnum

from shared.auth import Identity
from shared.errors import Conflict, Forbidden


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LAPSED = "lapsed"  # the report went to staff, or the missed lesson was settled, before anyone answered


class OwnProposal(Forbidden):
    slug = "own-proposal"


class ProposalNotPending(Conflict):
    slug = "proposal-not-pending"


def check_answerer(proposer_id: str, proposer_role: str, status: str, answerer: Identity) -> None:
    if (proposer_id, proposer_role) == (answerer.user_id, answerer.role.value):
        raise OwnProposal("The other party answers a proposal; this one is yours.")
    if status != ProposalStatus.PENDING:
        raise ProposalNotPending(f"The proposal is {status}; only a pending one can be answered.",
                                 proposal_status=status)
