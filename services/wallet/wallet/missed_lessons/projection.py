from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from shared.events import LessonMissed
from wallet.missed_lessons.models import MissedLesson

_RECORD = (
    "INSERT INTO missed_lessons (marketplace_id, booking_id, report_id, student_id, provider_id, price_minor,"
    " currency, missed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (marketplace_id, booking_id) DO NOTHING"
)


async def record_missed_lesson(session: AsyncSession, marketplace_id: str, missed: LessonMissed) -> None:
    """Keep the first report of the miss: booking publishes it once per booking, and a redelivery or a
    re-announcement under another event id finds the row there and changes nothing."""
    await (await driver_connection(session)).execute(
        _RECORD, marketplace_id, missed.booking_id, missed.report_id, missed.student_id, missed.provider_id,
        missed.price.amount_minor, missed.price.currency, missed.missed_at)


async def missed_lesson(session: AsyncSession, marketplace_id: str, booking_id: str) -> MissedLesson | None:
    return (await session.exec(select(MissedLesson).where(
        MissedLesson.marketplace_id == marketplace_id, MissedLesson.booking_id == booking_id))).first()
