"""Every event a partner subscribed to becomes a delivery to each of the marketplace's endpoints
that want it, in the transaction that handles the event. Every event of the contract comes here,
so the endpoints are looked for first, once per transaction for a marketplace (a consumer's batch
reads them once), and the body is made only for an event someone wants."""


from asyncpg import Connection

from notifications.clock import utcnow
from notifications.delivery.models import DeliveryStatus
from notifications.ids import NEW_ID_SQL
from notifications.webhooks.payload import webhook_body
from notifications.webhooks.scheduling import WEBHOOK_ATTEMPT, attempt_key
from shared.events import Envelope
from shared.unit_of_work import UnitOfWork

ENABLED_ENDPOINTS = "SELECT id, event_types FROM webhook_endpoints WHERE marketplace_id = $1 AND enabled"

# One delivery per endpoint and event: a redelivered event adds none.
NEW_DELIVERIES = f"""
INSERT INTO webhook_deliveries (id, marketplace_id, endpoint_id, event_id, event_type, body, status, attempts,
                                next_attempt_at, created_at, updated_at)
SELECT 'msg_' || {NEW_ID_SQL}, $1, endpoint_id, $2, $3, $4, '{DeliveryStatus.PENDING}', 0, $5, $5, $5
FROM unnest($6::text[]) AS e(endpoint_id)
ON CONFLICT (endpoint_id, event_id) DO NOTHING
RETURNING id
"""


async def forward_to_partner(event: Envelope, uow: UnitOfWork, conn: Connection) -> None:
    enabled = await uow.remembered((ENABLED_ENDPOINTS, event.marketplace),
                                   lambda: conn.fetch(ENABLED_ENDPOINTS, event.marketplace))
    endpoints = [endpoint_id for endpoint_id, event_types in enabled if event.type in event_types]
    if not endpoints:
        return
    now = utcnow()
    for row in await conn.fetch(NEW_DELIVERIES, event.marketplace, str(event.id), event.type, webhook_body(event),
                                now, endpoints):
        await uow.schedule(WEBHOOK_ATTEMPT, attempt_key(row[0], 0, now), now, {"delivery_id": row[0]},
                           marketplace=event.marketplace)
