from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.contacts.models import LessonStart, StudentContact
from wallet.contacts.rule import has_contacted


@dataclass(frozen=True)
class ContactFacts:
    lesson_starts_at: datetime | None
    last_written_at: datetime | None

    @property
    def contacted(self) -> bool:
        return has_contacted(self.last_written_at, self.lesson_starts_at)


async def contact_facts(session: AsyncSession, marketplace_id: str, booking_id: str, student_id: str,
                        provider_id: str) -> ContactFacts:
    """What the projection knows of the student's contact with the provider about this lesson."""
    start = await session.get(LessonStart, (marketplace_id, booking_id))
    contact = await session.get(StudentContact, (marketplace_id, student_id, provider_id))
    return ContactFacts(start.starts_at if start else None, contact.last_written_at if contact else None)
