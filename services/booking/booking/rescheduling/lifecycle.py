"""A reschedule request's state machine (RS-2). Pure: who may answer it now, and what an answer does.

    student asks ──▶ awaiting_provider ──approve (the student's proposed time)──▶ agreed: the lesson moves
                        │      └──approve proposing another time, or with no time to take──▶ awaiting_student
                        └──decline──▶ declined
    provider asks ─▶ awaiting_student ──the student picks a time from the provider's slots──▶ agreed
                        └──decline──▶ declined

An open request lapses when the lesson starts unanswered, and is superseded when the booking is
cancelled or the provider edits its time directly.
"""

from datetime import datetime
from enum import StrEnum
from typing import Literal

from shared.errors import Conflict

Party = Literal["student", "provider"]


class RequestStatus(StrEnum):
    AWAITING_PROVIDER = "awaiting_provider"
    AWAITING_STUDENT = "awaiting_student"
    AGREED = "agreed"
    DECLINED = "declined"
    LAPSED = "lapsed"
    SUPERSEDED = "superseded"


OPEN = frozenset({RequestStatus.AWAITING_PROVIDER, RequestStatus.AWAITING_STUDENT})
_AWAITS: dict[RequestStatus, Party] = {RequestStatus.AWAITING_PROVIDER: "provider",
                                       RequestStatus.AWAITING_STUDENT: "student"}


class RequestClosed(Conflict):
    slug, title = "reschedule-request-closed", "The reschedule request is closed"


class NotYourTurn(Conflict):
    slug, title = "reschedule-awaits-other-party", "The reschedule request awaits the other party"


def first_status(asked_by: Party) -> RequestStatus:
    """A request awaits the other party."""
    return RequestStatus.AWAITING_PROVIDER if asked_by == "student" else RequestStatus.AWAITING_STUDENT


def require_turn(status: RequestStatus, party: Party) -> None:
    """`party` may answer now: the request is open and awaits them."""
    if status not in OPEN:
        raise RequestClosed(f"The reschedule request is {status}; it takes no more answers.",
                            current_status=status.value)
    if _AWAITS[status] != party:
        raise NotYourTurn(f"The reschedule request awaits the {_AWAITS[status]}'s answer, not yours.",
                          current_status=status.value, awaiting=_AWAITS[status])


def after_approval(student_proposal: datetime | None,
                   provider_proposal: datetime | None) -> tuple[RequestStatus, datetime | None]:
    """The provider approves a student's request: agreed at the student's time unless the provider
    proposes another; with another time, or none to take, the student picks (the proposal is a
    suggestion, the provider's slots are the choice)."""
    if student_proposal is not None and provider_proposal in (None, student_proposal):
        return RequestStatus.AGREED, student_proposal
    return RequestStatus.AWAITING_STUDENT, provider_proposal
