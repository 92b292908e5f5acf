"""The callers of each kind of route. A wrong role is a 403 (it reveals nothing of anyone's data);
another user's object is a 404 (see the domains' `visible_*` queries)."""

from typing import Annotated

from shared.auth import Identity, Role, require_role

StudentIdentity = Annotated[Identity, require_role(Role.STUDENT)]
ProviderIdentity = Annotated[Identity, require_role(Role.PROVIDER)]
# The two parties of a lesson (rescheduling, cancelling); staff act through routes of their own.
PartyIdentity = Annotated[Identity, require_role(Role.STUDENT, Role.PROVIDER)]
ProviderOrStaffIdentity = Annotated[Identity, require_role(Role.PROVIDER, Role.STAFF)]
