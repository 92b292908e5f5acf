"""POSTing one signed delivery to a partner's endpoint, and what its answer means.

Standard Webhooks: any 2xx is success; 410 Gone means the partner removed the endpoint (it is
disabled); anything else is retried, honouring Retry-After on 429 and 503, except a redirect: it
is never followed (it could lead anywhere, past the checks below) and fails the delivery at once.

The URL is checked again before each attempt, and its host resolved once and connected to by the
checked address (destinations.py): a name that now leads into a private network blocks the
delivery, and no connection is made."""

from collections.abc import Mapping
from urllib.parse import urlunsplit

import httpx

from notifications.delivery.outcomes import Delivered, Gone, Outcome, Refused, RetryLater
from notifications.webhooks.addresses import IPAddress
from notifications.webhooks.destinations import Blocked, Unresolvable, checked_addresses
from notifications.webhooks.urls import EndpointUrl, parsed_url


async def post_webhook(url: str, body: str, headers: dict[str, str], timeout_s: float,
                       allow_local: bool) -> tuple[Outcome, int | None]:
    try:
        target = parsed_url(url, allow_local)
        addresses = await checked_addresses(target, allow_local, timeout_s)
    except (ValueError, Blocked) as exc:
        return Refused(f"blocked: {exc}"), None
    except Unresolvable as exc:
        return RetryLater(f"endpoint unreachable ({exc})"), None
    error: httpx.HTTPError | None = None
    # trust_env=False: no proxy from the environment, which would resolve the name again itself.
    async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=False, trust_env=False) as client:
        for address in addresses:
            try:
                response = await client.post(pinned_url(target, address), content=body.encode(),
                                              headers={**headers, "host": target.netloc},
                                              extensions=_tls_name(target))
            except httpx.ConnectError as exc:
                error = exc  # refused or unreachable at once: the host's next address may answer
                continue
            except httpx.HTTPError as exc:
                error = exc
                break
            return partner_outcome(response.status_code, response.headers), response.status_code
    return RetryLater(f"endpoint unreachable ({type(error).__name__}: {error})"), None


def pinned_url(target: EndpointUrl, address: IPAddress) -> str:
    """The endpoint's URL with the checked address in place of its host."""
    host = f"[{address}]" if address.version == 6 else str(address)
    return urlunsplit((target.scheme, f"{host}:{target.port}", target.path or "/", target.query, ""))


def _tls_name(target: EndpointUrl) -> dict[str, str]:
    # The certificate is verified against the partner's host name (sent as SNI), not the address.
    return {} if target.address is not None else {"sni_hostname": target.host.removesuffix(".")}


def partner_outcome(status: int, headers: Mapping[str, str]) -> Outcome:
    if 200 <= status < 300:
        return Delivered()
    if 300 <= status < 400:
        return Refused(f"the endpoint answered {status}, a redirect: webhooks don't follow redirects, "
                       "register the URL it leads to")
    if status == 410:
        return Gone("the endpoint answered 410 Gone")
    wait = None
    if status in (429, 503):
        try:
            wait = max(float(headers.get("retry-after", "")), 0.0)
        except ValueError:
            wait = None
    return RetryLater(f"the endpoint answered {status}", wait_s=wait)
