"""Raising an alert: render it for the recipient, record it once, and hand it to each channel the
recipient chose for its kind, all in the transaction of the event (or timer) that caused it."""

from collections.abc import Callable

from sqlalchemy.dialects.postgresql import insert

from notifications.alerts.models import Alert
from notifications.alerts.rendering import Context, RenderedAlert
from notifications.clock import utcnow
from notifications.delivery.scheduling import new_delivery
from notifications.ids import new_id
from notifications.inbox.models import InboxItem
from notifications.lessons.models import Lesson
from notifications.preferences.kinds import EXTERNAL_CHANNELS, Channel
from notifications.preferences.routing import channels_for
from notifications.preferences.store import active_channels, preferences_of
from shared.unit_of_work import UnitOfWork

Template = Callable[[Context], RenderedAlert]


async def raise_alert(uow: UnitOfWork, marketplace_id: str, user_id: str, render: Template,
                      lesson: Lesson | None = None) -> Alert | None:
    """The new alert; None when the user was told this fact already, or wants it nowhere."""
    session = uow.session
    preferences = await preferences_of(session, marketplace_id, user_id)
    rendered = render(Context(preferences.timezone, lesson))
    channels = channels_for(rendered.kind, preferences.alert_channels,
                            await active_channels(session, marketplace_id, user_id))
    if not channels:
        return None  # the user silenced this kind, or has nowhere it could go (chat without email or Discord)
    alert = (await session.exec(
        insert(Alert).values(
            id=new_id(), marketplace_id=marketplace_id, user_id=user_id, kind=rendered.kind.value,
            dedupe_key=rendered.dedupe_key, subject=rendered.subject[:300], lead=rendered.lead,
            facts=[list(fact) for fact in rendered.facts], next_step=rendered.next_step, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["marketplace_id", "user_id", "dedupe_key"])
        .returning(Alert))).scalars().first()
    if alert is None:
        return None
    if Channel.IN_PLATFORM in channels:
        session.add(InboxItem(marketplace_id=marketplace_id, user_id=user_id, alert_id=alert.id))
    for channel in EXTERNAL_CHANNELS:
        if channel in channels:
            await new_delivery(uow, marketplace_id, user_id, alert.id, channel)
    return alert
