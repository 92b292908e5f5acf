"""POSTing one signed delivery to a partner's endpoint, and what its answer means.

Standard Webhooks: any 2xx is success; 410 Gone means the partner removed the endpoint (it is
disabled); anything else is retried, honouring Retry-After on 429 and 503."""

from collections.abc import Mapping

import httpx

from notifications.delivery.outcomes import Delivered, Gone, Outcome, RetryLater


async def post_webhook(url: str, body: str, headers: dict[str, str], timeout_s: float) -> tuple[Outcome, int | None]:
    try:
        async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=False) as client:
            response = await client.post(url, content=body.encode(), headers=headers)
    except httpx.HTTPError as exc:
        return RetryLater(f"endpoint unreachable ({type(exc).__name__}: {exc})"), None
    return partner_outcome(response.status_code, response.headers), response.status_code


def partner_outcome(status: int, headers: Mapping[str, str]) -> Outcome:
    if 200 <= status < 300:
        return Delivered()
    if status == 410:
        return Gone("the endpoint answered 410 Gone")
    wait = None
    if status in (429, 503):
        try:
            wait = max(float(headers.get("retry-after", "")), 0.0)
        except ValueError:
            wait = None
    return RetryLater(f"the endpoint answered {status}", wait_s=wait)
