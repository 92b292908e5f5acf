"""Who may act on or read which wallet. Every query is also scoped by the caller's marketplace (PL-1)."""

from typing import Annotated

from shared.auth import Identity, Role, require_role
from shared.errors import NotFound

StudentIdentity = Annotated[Identity, require_role(Role.STUDENT)]


def readable_wallet_owner(identity: Identity, user_id: str | None) -> str:
    """The user whose wallet the caller reads: their own, or for staff any user of their marketplace.
    Asking for someone else's is answered like asking for a wallet that doesn't exist (PL-2)."""
    if user_id is None or user_id == identity.user_id:
        return identity.user_id
    if identity.role is Role.STAFF:
        return user_id
    raise NotFound("There is no wallet with this user id.", slug="wallet-not-found")
