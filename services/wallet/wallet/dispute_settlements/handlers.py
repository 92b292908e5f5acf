from shared.events import DisputeSettled, Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.dispute_settlements.settle import settle_report

handlers = HandlerRegistry()


@handlers.on(DisputeSettled.event_type)
async def settle_dispute_money(event: Envelope[DisputeSettled], uow: UnitOfWork) -> None:
    await settle_report(uow, event.marketplace, event.data)
