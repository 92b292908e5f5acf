"""The wallet's money steps of a missed lesson, on the booking's timeline (issue 5: every step is on it):
a promo code issued for the missed lesson, used for its replacement or expired unused, a payout clawed
back, a card refund that failed at the processor. Recorded once per fact, whatever is redelivered or
announced again; they move nothing in booking (the refunds, which do, are payment outcomes).

The promo code itself stays out of the timeline, which both parties read: it reaches the student by
their alerts (PC-1)."""

from booking.bookings.access import booking_of_event
from booking.timeline.recorder import fact_of, has_entry, record_event
from shared.events import (
    CardRefundFailed,
    EarningsClawedBack,
    Envelope,
    Money,
    PromoCodeExpired,
    PromoCodeIssued,
    PromoCodeRedeemed,
)
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


def _money(amount: Money) -> str:
    return f"{amount.amount_minor} {amount.currency}"


async def _record_once(uow: UnitOfWork, event: Envelope, booking_id: str, key: str, summary: str,
                       hidden: frozenset[str] = frozenset()) -> None:
    async with booking_of_event(uow, event.marketplace, booking_id) as booking:
        data = {k: v for k, v in event.data.model_dump(mode="json").items() if k not in hidden}
        if not await has_entry(uow.session, booking, fact_of(event), **{key: data[key]}):
            await record_event(uow.session, booking, event, summary, data)


@handlers.on(PromoCodeIssued.event_type)
async def promo_code_issued(event: Envelope[PromoCodeIssued], uow: UnitOfWork) -> None:
    d = event.data
    await _record_once(uow, event, d.booking_id, "promo_code_id",
                       f"A promo code worth {_money(d.value)} was issued to the student for a replacement lesson, "
                       f"valid until {d.expires_at.isoformat()}.", hidden=frozenset({"code"}))


@handlers.on(PromoCodeRedeemed.event_type)
async def promo_code_redeemed(event: Envelope[PromoCodeRedeemed], uow: UnitOfWork) -> None:
    d = event.data
    await _record_once(uow, event, d.booking_id, "promo_code_id",
                       f"Paid {_money(d.applied)} with the promo code of missed lesson {d.missed_booking_id}.",
                       hidden=frozenset({"code"}))


@handlers.on(PromoCodeExpired.event_type)
async def promo_code_expired(event: Envelope[PromoCodeExpired], uow: UnitOfWork) -> None:
    d = event.data
    await _record_once(uow, event, d.booking_id, "promo_code_id",
                       f"The promo code expired unused; its {_money(d.value)} went back to the student as credits.",
                       hidden=frozenset({"code"}))


@handlers.on(EarningsClawedBack.event_type)
async def earnings_clawed_back(event: Envelope[EarningsClawedBack], uow: UnitOfWork) -> None:
    d = event.data
    await _record_once(uow, event, d.booking_id, "booking_id",
                       f"The lesson's payout was taken back for its refund: {_money(d.from_provider)} from the "
                       f"provider's earnings, {_money(d.from_platform_fee)} of the platform's fee.",
                       hidden=frozenset({"earnings_balance_after"}))


@handlers.on(CardRefundFailed.event_type)
async def card_refund_failed(event: Envelope[CardRefundFailed], uow: UnitOfWork) -> None:
    d = event.data
    async with booking_of_event(uow, event.marketplace, d.booking_id) as booking:
        # Each failed attempt is its own fact: staff retry, and the timeline shows every try.
        await record_event(uow.session, booking, event,
                           f"A refund of {_money(d.amount)} to the card failed at the processor: {d.reason}")
