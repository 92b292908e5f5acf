"""GET /v1/stream: the caller's new alerts and chat messages, live."""

import asyncio
import time
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.responses import StreamingResponse

from notifications import config
from notifications.clock import utcnow
from notifications.stream.feed import Feed
from notifications.stream.sse import HEARTBEAT, PREAMBLE, sse_event
from shared.auth import CurrentIdentity

router = APIRouter(prefix="/v1/stream", tags=["stream"])


@router.get("", summary="Server-Sent Events: `alert` and `message` events as they happen",
            response_class=StreamingResponse, responses={200: {"content": {"text/event-stream": {}}}})
async def stream(identity: CurrentIdentity, request: Request,
                 last_event_id: Annotated[str | None, Header()] = None) -> StreamingResponse:
    feed = Feed(identity, _resume_point(last_event_id) or utcnow())
    return StreamingResponse(_events(feed, request.app.state.runtime.sessionmaker), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _events(feed: Feed, sessionmaker):
    settings = config.settings()
    yield PREAMBLE
    quiet_since = time.monotonic()
    while True:
        # A short session per look: a stream may stay open for hours and must hold no transaction.
        async with sessionmaker() as session:
            events = await feed.next(session)
        for event in events:
            yield sse_event(event.kind, event.data, event.at.isoformat())
        if events:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settings.stream_heartbeat_s:
            yield HEARTBEAT
            quiet_since = time.monotonic()
        await asyncio.sleep(settings.stream_poll_interval_s)


def _resume_point(last_event_id: str | None) -> datetime | None:
    """The browser sends back the last id it saw on reconnect: the time of that event."""
    try:
        moment = datetime.fromisoformat(last_event_id) if last_event_id else None
    except ValueError:
        return None
    return moment if moment and moment.tzinfo else None
