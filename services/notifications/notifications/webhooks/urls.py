"""Where a partner's webhooks may go, as far as the URL itself tells: HTTPS to a public host, without
credentials. Plain HTTP and this machine only where the deployment opted in (development, tests).
What a host name resolves to is destinations.py's to check, at registration and at every delivery."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from notifications.webhooks.addresses import IPAddress, NotAHost, literal_address, local_name, refusal

# What a resolver is asked about: ASCII labels (an IDN in its punycode form). Anything else
# (`%2e`, spaces, which inet_aton stops reading at) is a host each library reads its own way.
_HOST_NAME = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$")


@dataclass(frozen=True)
class EndpointUrl:
    url: str
    scheme: str
    host: str  # lower case, without an IPv6 literal's brackets
    port: int
    netloc: str  # as the partner wrote it: the Host header of every delivery
    path: str
    query: str
    address: IPAddress | None  # the host's own address, when it is one (in any spelling)

    @property
    def loopback_only(self) -> bool:
        # Plain HTTP is for a partner's stand-in on this machine, never across a network.
        return self.scheme == "http"


def endpoint_url(value: str, allow_local: bool) -> str:
    return parsed_url(value, allow_local).url


def parsed_url(value: str, allow_local: bool) -> EndpointUrl:
    """The URL's parts, or ValueError saying what is wrong with it. `allow_local`: the deployment's
    `webhooks_allow_http_localhost` (plain HTTP, and loopback addresses, for development)."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a valid URL ({exc})") from None
    host = (parts.hostname or "").lower()
    if not host or "@" in parts.netloc:
        raise ValueError("give a full URL like https://api.example.com/webhooks, without credentials in it")
    if parts.scheme != "https" and not (parts.scheme == "http" and allow_local):
        raise ValueError("a webhook endpoint must use https://")
    if ":" not in host and not _HOST_NAME.match(host):
        raise ValueError(f"'{host}' is not a valid host name (give an IDN in its xn-- form)")
    try:
        address = literal_address(host)
    except NotAHost as exc:
        raise ValueError(str(exc)) from None
    if address is None and local_name(host) and not allow_local:
        raise ValueError(f"'{host}' is this machine, not a partner's backend")
    target = EndpointUrl(parts.geturl(), parts.scheme, host, port or (443 if parts.scheme == "https" else 80),
                         parts.netloc, parts.path, parts.query, address)
    if address is not None:
        reason = address_refusal(target, address, allow_local)
        if reason:
            raise ValueError(f"'{host}' is {address}, {reason}" if host != str(address) else f"{host} is {reason}")
    return target


def address_refusal(target: EndpointUrl, address: IPAddress, allow_local: bool) -> str | None:
    """Why the endpoint must not be reached at this address (of its host, or one it resolved to)."""
    reason = refusal(address, allow_local)
    if reason is None and target.loopback_only and refusal(address, False) is None:
        return "a public address, which plain http:// doesn't go to (use https://)"
    return reason
