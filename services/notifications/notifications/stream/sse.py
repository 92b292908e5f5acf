"""The text/event-stream wire format."""

import json

# Tells the browser's EventSource how long to wait before reconnecting.
PREAMBLE = b"retry: 3000\n\n"
# A comment line: keeps proxies from closing an idle stream.
HEARTBEAT = b": keep-alive\n\n"


def sse_event(event: str, data: dict, event_id: str) -> bytes:
    payload = json.dumps(data, default=str, separators=(",", ":"))
    return f"id: {event_id}\nevent: {event}\ndata: {payload}\n\n".encode()
