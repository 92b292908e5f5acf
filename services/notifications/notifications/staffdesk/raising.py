"""An alert to the staff desk: rendered once (times in UTC: the desk has no zone of its own) and
recorded once per fact (NT-5), in the transaction of the event that caused it. It has no inbox item
nor deliveries: staff read it with GET /v1/alerts/staff-desk."""

from sqlalchemy.dialects.postgresql import insert

from notifications.alerts.models import Alert
from notifications.alerts.raising import Template
from notifications.alerts.rendering import Context
from notifications.clock import utcnow
from notifications.ids import new_id
from notifications.lessons.models import Lesson
from notifications.staffdesk.recipient import STAFF_DESK
from shared.unit_of_work import UnitOfWork


async def raise_staff_alert(uow: UnitOfWork, marketplace_id: str, render: Template,
                            lesson: Lesson | None = None) -> Alert | None:
    """The new alert; None when the desk was told this fact already."""
    rendered = render(Context("UTC", lesson))
    return (await uow.session.exec(
        insert(Alert).values(
            id=new_id(), marketplace_id=marketplace_id, user_id=STAFF_DESK, kind=rendered.kind.value,
            dedupe_key=rendered.dedupe_key, subject=rendered.subject[:300], lead=rendered.lead,
            facts=[list(fact) for fact in rendered.facts], next_step=rendered.next_step, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["marketplace_id", "user_id", "dedupe_key"])
        .returning(Alert))).scalars().first()
