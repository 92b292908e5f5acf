"""The live stream of a user's new alerts and chat messages (Server-Sent Events), over real HTTP."""

import asyncio
import json

import httpx
import pytest

from notifications.service import service
from shared.events import CreditsToppedUp, Money
from shared.http import create_app

from .servers import serving


@pytest.fixture(scope="module")
async def served(settings):
    async with serving(create_app(service, settings), lifespan="on") as url:
        yield url


async def read_events(response: httpx.Response, wanted: int) -> list[tuple[str, dict]]:
    events, event = [], {}
    async for line in response.aiter_lines():
        if line.startswith(("event:", "data:", "id:")):
            name, _, value = line.partition(": ")
            event[name] = value
        elif not line and "event" in event:
            events.append((event["event"], json.loads(event["data"])))
            event = {}
            if len(events) == wanted:
                return events
    return events


async def test_a_user_follows_new_alerts_and_messages_live(community, served):
    student, provider = community.student(), community.provider()
    async with httpx.AsyncClient(base_url=served, timeout=10) as client, client.stream(
            "GET", "/v1/stream", headers=student.headers) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        reading = asyncio.create_task(read_events(response, wanted=2))
        await community.publish(CreditsToppedUp(student_id=student.user_id, payment_id="pay-live",
                                                amount=Money(amount_minor=1500, currency="EUR")))
        await community.say(provider, await community.open_chat(provider, student), "See you soon")
        (first, alert), (second, message) = await asyncio.wait_for(reading, 10)

    assert (first, alert["subject"]) == ("alert", "EUR 15.00 added to your credits")
    assert (second, message["body"], message["sender_id"]) == ("message", "See you soon", provider.user_id)


async def test_the_stream_needs_a_token(served):
    async with httpx.AsyncClient(base_url=served) as client:
        assert (await client.get("/v1/stream")).status_code == 401
