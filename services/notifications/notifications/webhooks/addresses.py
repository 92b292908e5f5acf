"""Which network addresses a partner webhook may reach: public ones only (no SSRF into our network).

A host is read the way the system will read it when we connect: libc's inet_aton takes `127.1`,
`0x7f000001`, `2130706433` and `0177.0.0.1` as 127.0.0.1, so a check that only knows the dotted
quad lets them through. An IPv6 address that carries an IPv4 one (mapped, 6to4, NAT64) is judged
by the IPv4 address too, since that is where the packets end up."""

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Names that are this machine whatever DNS says (RFC 6761 reserves every *.localhost).
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
# A label inet_aton would read as a number: decimal, octal (leading 0) or hex (0x).
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: a network's own translator


class NotAHost(ValueError):
    """Something no resolver should be asked about: it would read it in its own way."""


def literal_address(host: str) -> IPAddress | None:
    """The address a host names by itself, in any spelling the system accepts; None for a name.

    `host` is without brackets (urlsplit's hostname)."""
    host = host.lower()
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise NotAHost(f"'{host}' is not a valid IPv6 address") from None
    labels = host.removesuffix(".").split(".")
    if "" in labels:
        raise NotAHost(f"'{host}' is not a host name (an empty label)")
    if not all(_NUMERIC_LABEL.match(label) for label in labels):
        return None
    address = _inet_aton(labels)
    if address is None:
        # All numbers but not an address libc accepts (`1.2.3.4.5`, `08`, `256.1`): a resolver
        # would guess at it, so we don't ask one.
        raise NotAHost(f"'{host}' is neither an IP address nor a host name")
    return address


def _inet_aton(labels: list[str]) -> ipaddress.IPv4Address | None:
    """inet_aton's reading: 1 to 4 numbers, the last one filling the bytes the others left."""
    if not 1 <= len(labels) <= 4:
        return None
    numbers = []
    for label in labels:
        try:
            if label.startswith("0x"):
                numbers.append(int(label[2:], 16))  # "0x" alone is no number: int() refuses it too
            elif len(label) > 1 and label.startswith("0"):
                numbers.append(int(label[1:], 8))
            else:
                numbers.append(int(label, 10))
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 0xFF for n in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    value = last
    for position, number in enumerate(head):
        value |= number << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def local_name(host: str) -> bool:
    name = host.removesuffix(".")
    return name in _LOCAL_NAMES or name.endswith(".localhost")


def refusal(address: IPAddress, allow_loopback: bool) -> str | None:
    """What kind of address it is when a webhook must not go there ("a loopback address"), else None."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _NAT64_LOCAL:
            return "a local-use NAT64 address"
        embedded = address.ipv4_mapped or address.sixtofour or _nat64(address)
        if embedded is not None:
            reason = refusal(embedded, allow_loopback)
            return f"{reason} ({embedded}) in IPv6 form" if reason else None
    if address.is_loopback:
        # Only where the deployment opted in (development, tests): the partner's stand-in runs here.
        return None if allow_loopback else "a loopback address"
    kinds = (("an unspecified address", address.is_unspecified), ("a link-local address", address.is_link_local),
             ("a multicast address", address.is_multicast), ("a private address", address.is_private),
             ("a reserved address", address.is_reserved),
             ("a site-local address", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
             # Shared (100.64/10), documentation, benchmarking and the like: nobody's public server.
             ("not a public address", not address.is_global))
    return next((kind for kind, flag in kinds if flag), None)


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    # The well-known prefix: a NAT64 gateway sends it to the IPv4 address in the last 32 bits.
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
