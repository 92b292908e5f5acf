"""Merging the services' OpenAPI documents into the gateway's (pure functions, no I/O)."""

import copy

from gateway.openapi.tags import described_tags
from gateway.proxy.routes import service_for
from gateway.security import PROXIED_CALL_SECURITY, security_schemes
from shared.openapi import add_answers

REF_PREFIX = "#/components/schemas/"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def merge_documents(own: dict, services: dict[str, dict], missing: list[str]) -> dict:
    """The gateway's document plus each service's routed paths and their schemas."""
    merged = copy.deepcopy(own)
    schemas = merged.setdefault("components", {}).setdefault("schemas", {})
    for service, document in services.items():
        theirs = document.get("components", {}).get("schemas", {})
        renames = _renames_for_clashes(service, theirs, schemas)
        for name, schema in theirs.items():
            schemas.setdefault(renames.get(name, name), _rewrite_refs(schema, renames))
        for path, item in document.get("paths", {}).items():
            # Only what a partner can reach: paths the route table sends to this very service.
            if service_for(path) == service:
                merged.setdefault("paths", {})[path] = _as_proxied(_rewrite_refs(item, renames))
    merged["components"]["securitySchemes"] = security_schemes()
    for path, item in merged.get("paths", {}).items():
        if path.startswith("/v1/"):
            for method in METHODS:
                if method in item:
                    add_answers(item[method].setdefault("responses", {}), RATE_LIMITED)
    merged["tags"] = described_tags(merged["paths"])
    if missing:
        note = f"Not included, unavailable when this document was built: {', '.join(sorted(missing))}."
        merged["info"]["description"] = f"{merged['info'].get('description', '')}\n\n{note}".strip()
    return merged


def _renames_for_clashes(service: str, theirs: dict, ours: dict) -> dict[str, str]:
    """Names to prefix with the service: those taken by another schema. Renaming one can change a
    schema that refers to it, which may then clash in turn, hence the loop."""
    renames: dict[str, str] = {}
    while True:
        clashing = {name: f"{service}_{name}" for name, schema in theirs.items()
                    if name not in renames and name in ours and ours[name] != _rewrite_refs(schema, renames)}
        if not clashing:
            return renames
        renames.update(clashing)


def _rewrite_refs(node, renames: dict[str, str]):
    """A copy of the node whose $refs point at the renamed schemas."""
    if isinstance(node, dict):
        return {key: _renamed(value, renames) if key == "$ref" else _rewrite_refs(value, renames)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(value, renames) for value in node]
    return node


def _renamed(ref: str, renames: dict[str, str]) -> str:
    name = ref.removeprefix(REF_PREFIX)
    return REF_PREFIX + renames[name] if ref.startswith(REF_PREFIX) and name in renames else ref


# What the gateway itself may answer for any call it routes, before or instead of the service.
PROXIED_ANSWERS = {
    401: ["The API key or the user token is missing, not valid, expired or revoked"],
    403: ["The API key and the user token are of different marketplaces, or the key may not do this"],
    502: ["The service that serves this path can't be reached"],
    504: ["The service that serves this path did not answer in time"],
}


# The gateway limits the rate of every /v1 call, its own and those it routes.
RATE_LIMITED = {429: ["Too many requests of this key or user; retry after `Retry-After` seconds"]}


def _as_proxied(item: dict) -> dict:
    for method in METHODS:
        if method in item:
            item[method]["security"] = PROXIED_CALL_SECURITY
            add_answers(item[method].setdefault("responses", {}), PROXIED_ANSWERS)
    return item
