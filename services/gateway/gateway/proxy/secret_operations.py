"""The routed operations that manage a marketplace rather than act for a user: besides a staff
token, they take a secret key of the marketplace, so a browser holding a user's token (or a
publishable key) can't change them."""

import re

# (method, path pattern, scope the key needs beyond being secret)
_OPERATIONS: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    ("PUT", re.compile(r"/v1/marketplace/policy"), "policy"),
    ("POST", re.compile(r"/v1/webhooks(/[^/]+/rotate-secret)?"), None),
    ("PATCH", re.compile(r"/v1/webhooks/[^/]+"), None),
    ("DELETE", re.compile(r"/v1/webhooks/[^/]+"), None),
    ("PUT", re.compile(r"/v1/channels/marketplace-discord"), None),
    ("DELETE", re.compile(r"/v1/channels/marketplace-discord"), None),
)


def scope_needed(method: str, path: str) -> str | None:
    """None when the operation needs no secret key; else the scope it needs ("" for none beyond it)."""
    for wanted_method, pattern, scope in _OPERATIONS:
        if method == wanted_method and pattern.fullmatch(path.rstrip("/")):
            return scope or ""
    return None
