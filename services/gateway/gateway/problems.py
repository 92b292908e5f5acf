"""Errors of the gateway's own making, beside the shared ones (Unauthorized, Forbidden, NotFound, ...)."""

from shared.errors import Problem


class UpstreamUnavailable(Problem):
    status, slug, title = 502, "upstream-unavailable", "A service is unavailable"


class UpstreamTimeout(Problem):
    status, slug, title = 504, "upstream-timeout", "A service did not answer in time"
