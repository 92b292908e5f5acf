"""Posting to a Discord webhook over HTTP."""

import httpx

from notifications.delivery.discord_replies import discord_outcome
from notifications.delivery.outcomes import Outcome, RetryLater


async def post_to_discord(webhook_url: str, payload: dict, timeout_s: float) -> Outcome:
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            # wait=true: Discord answers once the message exists, so a 200 means it was posted.
            response = await client.post(webhook_url, params={"wait": "true"}, json=payload)
    except httpx.HTTPError as exc:
        return RetryLater(f"Discord unreachable ({type(exc).__name__}: {exc})")
    return discord_outcome(response.status_code, response.headers, response.content)


def shortened(webhook_url: str) -> str:
    """The webhook without most of its token: the token lets anyone post, so logs don't keep it."""
    head, _, token = webhook_url.rpartition("/")
    return f"{head}/{token[:4]}…"
