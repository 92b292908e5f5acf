from sqlalchemy.dialects.postgresql import insert
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.events import LessonMissed
from wallet.missed_lessons.models import MissedLesson


async def record_missed_lesson(session: AsyncSession, marketplace_id: str, missed: LessonMissed) -> None:
    """Keep the first report of the miss: booking publishes it once per booking, and a redelivery or a
    re-announcement under another event id finds the row there and changes nothing."""
    await session.exec(insert(MissedLesson).values(
        marketplace_id=marketplace_id, booking_id=missed.booking_id, report_id=missed.report_id,
        student_id=missed.student_id, provider_id=missed.provider_id, price_minor=missed.price.amount_minor,
        currency=missed.price.currency, missed_at=missed.missed_at,
    ).on_conflict_do_nothing(index_elements=["marketplace_id", "booking_id"]))


async def missed_lesson(session: AsyncSession, marketplace_id: str, booking_id: str) -> MissedLesson | None:
    return (await session.exec(select(MissedLesson).where(
        MissedLesson.marketplace_id == marketplace_id, MissedLesson.booking_id == booking_id))).first()
