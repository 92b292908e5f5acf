"""Who the parties of a lesson are, and which of them a caller is. Pure."""

from typing import Protocol

from shared.auth import Identity, Role


class HasParties(Protocol):
    student_id: str
    provider_id: str


def party_role(parties: HasParties, identity: Identity) -> Role | None:
    """The caller's side of the lesson, or None for anyone else (staff included: they are no party)."""
    if identity.role is Role.STUDENT and identity.user_id == parties.student_id:
        return Role.STUDENT
    if identity.role is Role.PROVIDER and identity.user_id == parties.provider_id:
        return Role.PROVIDER
    return None


def counterpart(parties: HasParties, role: Role) -> str:
    """The user id of the other party."""
    return parties.provider_id if role is Role.STUDENT else parties.student_id
