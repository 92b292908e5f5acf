"""The callers of each kind of route. A wrong role is a 403 (it reveals nothing of anyone's data);
another user's object is a 404 (see each domain's `visible_*` and `party_*` queries)."""

from typing import Annotated

from shared.auth import Identity, Role, require_role

# The two parties of a lesson: they report, propose, answer and escalate; staff decide.
PartyIdentity = Annotated[Identity, require_role(Role.STUDENT, Role.PROVIDER)]
