"""The contact-first fact of a lesson, for any flow that needs it (reports show it, escalation
checks it)."""

from sqlmodel.ext.asyncio.session import AsyncSession

from disputes.contacts.models import ChatContact
from disputes.contacts.rule import contacted_after_start
from disputes.lessons.models import Lesson


async def student_contacted_provider(session: AsyncSession, lesson: Lesson) -> bool:
    contact = await session.get(ChatContact, (lesson.marketplace_id, lesson.student_id, lesson.provider_id))
    return contacted_after_start(lesson.starts_at, contact.student_last_wrote_at if contact else None)
