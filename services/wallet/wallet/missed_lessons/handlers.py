from shared.events import Envelope, LessonMissed, MissResolved
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork
from wallet.missed_lessons.projection import record_missed_lesson
from wallet.missed_lessons.refund import refund_missed_lesson
from wallet.promo_codes.issue import issue_promo_code

handlers = HandlerRegistry()


@handlers.on(LessonMissed.event_type)
async def keep_missed_lesson(event: Envelope[LessonMissed], uow: UnitOfWork) -> None:
    await record_missed_lesson(uow.session, event.marketplace, event.data)


@handlers.on(MissResolved.event_type)
async def settle_missed_lesson(event: Envelope[MissResolved], uow: UnitOfWork) -> None:
    """A promo code (PC-1), or a refund as credits (RF-1, MS-2 by the provider; MS-3 by the platform)."""
    resolved = event.data
    if resolved.remedy == "promo_code":
        await issue_promo_code(uow, event.marketplace, resolved)
    else:
        await refund_missed_lesson(uow, event.marketplace, resolved)
