"""A marketplace's stored policy choices, straight on the driver: reminders read them for every
confirmed lesson, once per transaction (a consumer's batch of confirmations reads them once)."""

import json

from asyncpg import Connection

from notifications import config
from notifications.clock import utcnow
from notifications.marketplaces.policy import NotificationPolicy, StoredPolicy, defaults, effective
from shared.database import driver_connection
from shared.unit_of_work import UnitOfWork

POLICY = ("SELECT reminder_offsets_hours, unread_chat_forward_delay_s FROM marketplace_policies"
          " WHERE marketplace_id = $1")

# A registration announced again replaces the choices it made.
SAVE_POLICY = """
INSERT INTO marketplace_policies (marketplace_id, reminder_offsets_hours, unread_chat_forward_delay_s, registered_at)
VALUES ($1, $2::jsonb, $3, $4)
ON CONFLICT (marketplace_id) DO UPDATE SET reminder_offsets_hours = excluded.reminder_offsets_hours,
    unread_chat_forward_delay_s = excluded.unread_chat_forward_delay_s, registered_at = excluded.registered_at
"""


async def policy_of(uow: UnitOfWork, marketplace_id: str) -> NotificationPolicy:
    conn = await driver_connection(uow.session)
    return await uow.remembered((POLICY, marketplace_id), lambda: _read_policy(conn, marketplace_id))


async def _read_policy(conn: Connection, marketplace_id: str) -> NotificationPolicy:
    row = await conn.fetchrow(POLICY, marketplace_id)
    stored = None if row is None else StoredPolicy(marketplace_id, row[0], row[1])
    return effective(stored, defaults(config.settings()))


async def save_policy(uow: UnitOfWork, policy: StoredPolicy) -> None:
    conn = await driver_connection(uow.session)
    # jsonb goes as JSON text, and comes back as Python values (the codec SQLAlchemy sets on the connection).
    offsets = None if policy.reminder_offsets_hours is None else json.dumps(policy.reminder_offsets_hours)
    await conn.execute(SAVE_POLICY, policy.marketplace_id, offsets, policy.unread_chat_forward_delay_s, utcnow())
    uow.forget((POLICY, policy.marketplace_id))
