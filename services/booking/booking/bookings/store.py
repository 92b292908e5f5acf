"""A booking's row, read and written straight on the driver: every request and event about a
booking goes through here, and each statement through the ORM costs several times its CPU.

A booking read here is a `Booking` no session knows of: nothing is written behind the caller's
back. Whoever changes one saves it (see access.changing), in the transaction of the change, with
the timeline entries that record the change."""

import json
from collections.abc import Mapping

from sqlalchemy.orm import class_mapper
from sqlmodel.ext.asyncio.session import AsyncSession

from booking.bookings.models import Booking
from booking.bookings.slot_hold import hold_slot
from booking.timeline.recorder import Entry, append_sql, columns
from shared.database import driver_connection

_COLUMNS = tuple(Booking.model_fields)
# What a booking's life changes; the rest is what was bought, as it was then (BK-6), and its keys.
_CHANGING = ("starts_at", "ends_at", "status", "status_reason", "respond_by", "delivered_at", "confirmed_by",
             "payment_state", "payment_id", "payment_failure_code", "payment_captured_minor",
             "payment_refunded_minor", "provider_paid_gross_minor", "provider_paid_net_minor", "platform_fee_minor",
             "open_report_id", "missed_report_id", "missed_reported_by", "missed_at", "miss_remedy",
             "miss_resolved_by", "miss_resolved_by_user", "miss_resolved_at", "promo_expires_at", "version",
             "updated_at")

# $3, $4: the student or provider the booking must be of (NULL: any, for staff and other services' events).
_SELECT = f"""
    SELECT {", ".join(_COLUMNS)} FROM bookings
    WHERE id = $1 AND marketplace_id = $2
      AND ($3::text IS NULL OR student_id = $3) AND ($4::text IS NULL OR provider_id = $4)"""
_SELECT_FOR_UPDATE = _SELECT + " FOR UPDATE"
# The booking's row and its timeline entries (timeline.recorder.columns) in one statement; a
# data-modifying WITH runs in full whether or not the outer statement reads it.
_INSERT = f"""
    WITH stored AS (
        INSERT INTO bookings ({", ".join(_COLUMNS)})
        VALUES ({", ".join(f"${n}::jsonb" if name == "terms" else f"${n}" for n, name in enumerate(_COLUMNS, 1))}))
    {append_sql(len(_COLUMNS) + 1)}"""
_UPDATE = f"""
    WITH saved AS (
        UPDATE bookings SET {", ".join(f"{name} = ${n}" for n, name in enumerate(_CHANGING, 3))}
        WHERE id = $1 AND marketplace_id = $2)
    {append_sql(len(_CHANGING) + 3)}"""

# How SQLAlchemy itself makes the instances it loads (a table model's own __init__ takes ~0.4 ms of
# CPU); class_mapper configures the mappers first, which the instances' attributes need.
_new_booking = class_mapper(Booking).class_manager.new_instance
_FIELDS = Booking.model_fields


def _booking(values: Mapping) -> Booking:
    booking = _new_booking()
    booking.__dict__.update(values)
    return booking


def new_booking(**values) -> Booking:
    """A booking not stored yet, with the model's defaults for what `values` leaves out."""
    return _booking({name: values[name] if name in values else field.get_default(call_default_factory=True)
                     for name, field in _FIELDS.items()})


async def find(session: AsyncSession, marketplace_id: str, booking_id: str, *, student_id: str | None = None,
               provider_id: str | None = None, for_update: bool = False) -> Booking | None:
    """The booking (of that student or provider, when given); locked until the transaction ends if `for_update`."""
    conn = await driver_connection(session)
    row = await conn.fetchrow(_SELECT_FOR_UPDATE if for_update else _SELECT, booking_id, marketplace_id,
                              student_id, provider_id)
    return None if row is None else _booking(row)


async def insert(session: AsyncSession, booking: Booking, entries: list[Entry]) -> None:
    """Store a new booking and its first timeline entries; 'slot-taken' when another booking holds
    its time (BK-1): the exclusion constraint decides, waiting for a racing insert's outcome."""
    conn = await driver_connection(session)
    values = [json.dumps(booking.terms) if name == "terms" else getattr(booking, name) for name in _COLUMNS]
    await hold_slot(conn.execute(_INSERT, *values, *columns(entries)))


async def save(session: AsyncSession, booking: Booking, entries: list[Entry]) -> None:
    """Store the booking's changes and the timeline entries recording them; 'slot-taken' when its
    new time is held by another booking (RS-3)."""
    conn = await driver_connection(session)
    await hold_slot(conn.execute(_UPDATE, booking.id, booking.marketplace_id,
                                 *(getattr(booking, name) for name in _CHANGING), *columns(entries)))
