"""Where a partner's webhooks may go: HTTPS to a public host. Plain HTTP only to this machine, and
only where the deployment allows it (development)."""

import ipaddress
from urllib.parse import urlsplit

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def endpoint_url(value: str, allow_http_localhost: bool) -> str:
    parts = urlsplit(value.strip())
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        raise ValueError("give a full URL like https://api.example.com/webhooks, without credentials in it")
    local = host in _LOCAL_HOSTS
    if parts.scheme in ("http", "https") and local and allow_http_localhost:
        return parts.geturl()
    if parts.scheme != "https":
        raise ValueError("a webhook endpoint must use https://")
    if local or _private_address(host):
        # The service's own network is not a partner's backend.
        raise ValueError(f"'{host}' is not a public host")
    return parts.geturl()


def _private_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global
