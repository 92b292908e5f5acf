"""What a partner receives: the Standard Webhooks payload shape (`type`, `timestamp`, `data`),
with the event's id and subject so the partner can tie it to its own records."""

import json

from shared.events import Envelope


def webhook_body(event: Envelope) -> str:
    return json.dumps({
        "type": event.type,
        "timestamp": event.time.isoformat(),
        "id": str(event.id),
        "subject": event.subject,
        "data": event.data.model_dump(mode="json"),
    }, separators=(",", ":"))
