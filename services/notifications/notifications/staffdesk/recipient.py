"""Who reads the desk: staff of its marketplace, and nobody else, even a user whose id happens to
be the desk's."""

from shared.auth import Identity, Role

# The desk's recipient id in the alerts table, beside the users' own ids.
STAFF_DESK = "@staff-desk"


def readable_recipients(identity: Identity) -> list[str]:
    """The alert recipients whose alerts the caller reads: their own, and staff the desk's too."""
    if identity.role is Role.STAFF:
        return [identity.user_id, STAFF_DESK]
    return [identity.user_id] if identity.user_id != STAFF_DESK else []
