"""Every event of the alert table becomes an alert to each user it concerns (or to the staff desk).
The shared inbox makes a redelivered event count once; the alert's key makes a re-announced fact
count once too."""

from functools import partial

from asyncpg import Connection

from notifications.alerts.raising import Recipient, raise_alerts
from notifications.alerts.table import ALERTS
from notifications.lessons.record import LessonRecord
from shared.events import Envelope
from shared.unit_of_work import UnitOfWork


async def alert_those_concerned(event: Envelope, uow: UnitOfWork, conn: Connection,
                                lesson: LessonRecord | None) -> None:
    """`lesson`: as this event left it, when it is a lesson's event; else read by the event's booking."""
    recipients = [Recipient(audience.user_id(event.data), partial(audience.template, event.data),
                            staff_desk=audience.role == "staff")
                  for audience in ALERTS.get(event.type, ()) if audience.applies(event.data)]
    if recipients:
        await raise_alerts(uow, conn, event.marketplace, recipients, lesson, getattr(event.data, "booking_id", None))
