from shared.events import CancellationSettled, Envelope, LessonDelivered
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.payouts.payout import pay_provider, pay_what_was_kept

handlers = HandlerRegistry()


@handlers.on(LessonDelivered.event_type)
async def pay_for_delivered_lesson(event: Envelope[LessonDelivered], uow: UnitOfWork) -> None:
    await pay_provider(uow, event.marketplace, event.data)


@handlers.on(CancellationSettled.event_type)
async def pay_what_the_provider_kept(event: Envelope[CancellationSettled], uow: UnitOfWork) -> None:
    await pay_what_was_kept(uow, event.marketplace, event.data)
