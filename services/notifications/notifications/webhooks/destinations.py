"""The addresses a webhook may be sent to: the host resolved once, every address it resolves to
checked (one private address among public ones is enough to refuse), and the caller connects to
these very addresses. Asking DNS again when connecting would let a name answer a public address
to the check and a private one to the connection (DNS rebinding).

The resolver is the one boundary here that tests replace (`install_resolver`), to make a name
point somewhere else between registration and delivery."""

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

from notifications.webhooks.addresses import IPAddress
from notifications.webhooks.urls import EndpointUrl, address_refusal

Resolver = Callable[[str, int], Awaitable[list[str]]]


class Blocked(Exception):
    """The endpoint leads into a network partners have no business in: never retried."""


class Unresolvable(Exception):
    """DNS gave no answer now; it may later."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


_resolver: Resolver = system_resolver


def install_resolver(resolver: Resolver | None) -> None:
    """Tests only: answer lookups with `resolver` (None: the system's again)."""
    global _resolver
    _resolver = resolver or system_resolver


async def checked_addresses(target: EndpointUrl, allow_local: bool, timeout_s: float) -> list[IPAddress]:
    """Where to connect, every one checked; Blocked or Unresolvable otherwise."""
    if target.address is not None:
        addresses = [target.address]  # urls.py checked it already; checked again below all the same
    else:
        addresses = await _resolve(target.host, target.port, timeout_s)
    for address in addresses:
        reason = address_refusal(target, address, allow_local)
        if reason:
            said = "is" if target.address is not None else "resolves to"
            raise Blocked(f"'{target.host}' {said} {address}, {reason}")
    return addresses


async def _resolve(host: str, port: int, timeout_s: float) -> list[IPAddress]:
    try:
        answers = await asyncio.wait_for(_resolver(host, port), timeout_s)
        # getaddrinfo repeats an address once per socket type and family it fits; keep the order.
        addresses = list(dict.fromkeys(ipaddress.ip_address(answer) for answer in answers))
    except TimeoutError:
        raise Unresolvable(f"resolving '{host}' took over {timeout_s:g} s") from None
    except (OSError, UnicodeError, ValueError) as exc:
        raise Unresolvable(f"cannot resolve '{host}' ({exc})") from None
    if not addresses:
        raise Unresolvable(f"'{host}' resolves to no address")
    return addresses
