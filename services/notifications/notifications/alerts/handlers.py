"""Every event of the alert table becomes an alert to each user it concerns (or to the staff desk).
The shared inbox makes a redelivered event count once; the alert's key makes a re-announced fact
count once too."""

from functools import partial

from notifications.alerts.raising import raise_alert
from notifications.alerts.table import ALERTS
from notifications.lessons.projection import lesson_of
from notifications.staffdesk.raising import raise_staff_alert
from shared.events import Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


async def alert_those_concerned(event: Envelope, uow: UnitOfWork) -> None:
    booking_id = getattr(event.data, "booking_id", None)
    lesson = await lesson_of(uow.session, event.marketplace, booking_id) if booking_id else None
    for audience in ALERTS[event.type]:
        if not audience.applies(event.data):
            continue
        render = partial(audience.template, event.data)
        if audience.role == "staff":
            await raise_staff_alert(uow, event.marketplace, render, lesson)
        else:
            await raise_alert(uow, event.marketplace, audience.user_id(event.data), render, lesson)


for event_type in ALERTS:
    handlers.on(event_type)(alert_those_concerned)
