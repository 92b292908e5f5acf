from shared.events import Envelope, LessonDelivered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.payouts.payout import pay_provider

handlers = HandlerRegistry()


@handlers.on(LessonDelivered.event_type)
async def pay_for_delivered_lesson(event: Envelope[LessonDelivered], uow: UnitOfWork) -> None:
    await pay_provider(uow, event.marketplace, event.data)
