"""The callers of each kind of route. A wrong role is a 403 (it reveals nothing of anyone's data);
another user's object is a 404 (see each domain's `visible_*` or `own_*` queries)."""

from typing import Annotated

from shared.auth import Identity, Role, require_role

# The two parties of lessons and chats; staff act only on their marketplace's operations.
PartyIdentity = Annotated[Identity, require_role(Role.STUDENT, Role.PROVIDER)]
# Readers of a chat: its parties, and staff while the pair has a report escalated to them.
ReaderIdentity = Annotated[Identity, require_role(Role.STUDENT, Role.PROVIDER, Role.STAFF)]
