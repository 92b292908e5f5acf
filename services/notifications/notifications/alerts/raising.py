"""Raising alerts: render each for its recipient, record it once, and hand it to each channel the
recipient chose for its kind, all in the transaction of the event (or timer) that caused it.

The marketplace's staff desk is a recipient too: its alerts read in UTC (the desk has no zone of
its own) and are only recorded, with no inbox item nor deliveries (staff read them with
GET /v1/alerts/staff-desk)."""

from collections.abc import Callable
from dataclasses import dataclass

from asyncpg import Connection

from notifications.alerts.rendering import Context, RenderedAlert
from notifications.alerts.store import NewAlert, recipients_and_lesson, record_alerts
from notifications.clock import utcnow
from notifications.delivery.scheduling import new_delivery
from notifications.ids import new_id
from notifications.lessons.record import LessonRecord
from notifications.preferences.kinds import EXTERNAL_CHANNELS
from notifications.preferences.routing import Reach
from shared.database import driver_connection
from shared.unit_of_work import UnitOfWork

Template = Callable[[Context], RenderedAlert]


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: str
    render: Template
    staff_desk: bool = False  # the marketplace's staff desk, not a user (user_id is STAFF_DESK)


async def raise_alerts(uow: UnitOfWork, conn: Connection, marketplace_id: str, recipients: list[Recipient],
                       lesson: LessonRecord | None = None, booking_id: str | None = None) -> None:
    """Alert each recipient, unless they were told this fact already or want it nowhere. The lesson
    the alerts are about is `lesson`, or else read with the recipients' preferences by `booking_id`."""
    if not recipients:
        return
    await uow.flush()  # `conn` is the session's driver connection: its statements must see the session's changes
    reach, stored = await recipients_and_lesson(conn, marketplace_id, [r.user_id for r in recipients],
                                                None if lesson else booking_id)
    lesson = lesson or stored
    alerts = [alert for r in recipients if (alert := _addressed(r, reach.get(r.user_id, Reach()), lesson))]
    if not alerts:
        return
    recorded = await record_alerts(conn, marketplace_id, alerts, utcnow())
    for alert in alerts:
        for channel in EXTERNAL_CHANNELS:
            if channel in alert.channels and alert.id in recorded:
                await new_delivery(uow, marketplace_id, alert.user_id, alert.id, channel)


def _addressed(recipient: Recipient, reach: Reach, lesson: LessonRecord | None) -> NewAlert | None:
    """The alert rendered for its recipient, with the channels it goes to; None when it goes nowhere."""
    if recipient.staff_desk:
        return NewAlert(new_id(), recipient.user_id, recipient.render(Context("UTC", lesson)), frozenset())
    rendered = recipient.render(Context(reach.timezone, lesson))
    channels = reach.channels_for(rendered.kind)
    if not channels:
        return None  # the user silenced this kind, or has nowhere it could go (chat without email or Discord)
    return NewAlert(new_id(), recipient.user_id, rendered, frozenset(channels))


async def raise_alert(uow: UnitOfWork, marketplace_id: str, user_id: str, render: Template) -> None:
    await raise_alerts(uow, await driver_connection(uow.session), marketplace_id, [Recipient(user_id, render)])
