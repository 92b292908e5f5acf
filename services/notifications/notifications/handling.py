"""One handler per event type: all that an event does here runs as one handler, so it costs one
inbox claim, and in this order: the marketplace's policy or the lesson it changes first (alerts and
reminders read the lesson as the event leaves it), then the alerts, the reminders, the staff's
access to a disputed pair's chat, and the partner webhooks. Each step passes over the events that
aren't its own."""

from notifications.alerts.handlers import alert_those_concerned
from notifications.alerts.table import ALERTS
from notifications.chat.disputes import RECORDED_ON, record_dispute_step
from notifications.lessons.handlers import LESSON_UPDATES, record_lesson
from notifications.marketplaces.handlers import POLICY_EVENTS, record_policy
from notifications.reminders.handlers import DROPPED_ON, PLANNED_ON, keep_reminders_in_step
from notifications.webhooks.catalog import subscribable_event_types
from notifications.webhooks.subscriptions import forward_to_partner
from shared.database import driver_connection
from shared.events import Envelope
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


async def handle_event(event: Envelope, uow: UnitOfWork) -> None:
    conn = await driver_connection(uow.session)
    await record_policy(event, uow)
    lesson = await record_lesson(event, conn)
    await alert_those_concerned(event, uow, conn, lesson)
    await keep_reminders_in_step(event, uow, conn, lesson)
    await record_dispute_step(event, conn)
    await forward_to_partner(event, uow, conn)


for _event_type in sorted({*POLICY_EVENTS, *LESSON_UPDATES, *ALERTS, *PLANNED_ON, *DROPPED_ON, *RECORDED_ON,
                           *subscribable_event_types()}):
    handlers.on(_event_type)(handle_event)
