"""Every event a partner subscribed to becomes a delivery to each of the marketplace's endpoints
that want it, in the transaction that handles the event."""

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select

from notifications.clock import utcnow
from notifications.ids import new_id
from notifications.webhooks.catalog import subscribable_event_types
from notifications.webhooks.models import Endpoint, WebhookDelivery
from notifications.webhooks.payload import webhook_body
from notifications.webhooks.scheduling import schedule_webhook_attempt
from shared.events import Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


async def forward_to_partner(event: Envelope, uow: UnitOfWork) -> None:
    endpoints = await uow.session.exec(select(Endpoint).where(
        Endpoint.marketplace_id == event.marketplace, Endpoint.enabled,
        Endpoint.event_types.contains([event.type])))
    body = webhook_body(event)
    for endpoint in endpoints:
        new = insert(WebhookDelivery).values(
            id=f"msg_{new_id()}", marketplace_id=event.marketplace, endpoint_id=endpoint.id, event_id=str(event.id),
            event_type=event.type, body=body, created_at=utcnow(), updated_at=utcnow())
        delivery = (await uow.session.exec(new.on_conflict_do_nothing(index_elements=["endpoint_id", "event_id"])
                                           .returning(WebhookDelivery))).scalars().first()
        if delivery is not None:
            await schedule_webhook_attempt(uow, delivery, utcnow())


for _event_type in subscribable_event_types():
    handlers.on(_event_type)(forward_to_partner)
