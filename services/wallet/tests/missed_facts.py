"""Booking's missed-lesson and settlement facts for the wallet tests, and the wallet's timers fired on
demand (moved to now instead of waited for)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, update

from shared.events import DisputeSettled, Envelope, LessonMissed, MissResolved, Money
from shared.scheduler import TimerScheduler
from shared.timers import timers_table
from wallet.promo_codes.expiry import EXPIRY
from wallet.service import service


def eur(amount_minor: int) -> Money:
    return Money(amount_minor=amount_minor, currency="EUR")


def lesson_missed(wallet, mkt: str, booking_id: str, price: int, student: str = "stu",
                  provider: str = "pro-1") -> Envelope:
    return wallet.envelope(LessonMissed(
        booking_id=booking_id, student_id=student, provider_id=provider, report_id=f"rep-{booking_id}",
        reported_by_role="student", price=eur(price), missed_at=datetime.now(UTC)), mkt, booking_id)


def miss_resolved(wallet, mkt: str, booking_id: str, price: int, remedy: str = "credit_refund",
                  student: str = "stu", provider: str = "pro-1",
                  promo_expires_at: datetime | None = None) -> Envelope:
    resolved_by = {"credit_refund": "provider", "promo_code": "provider", "platform_refund": "platform"}[remedy]
    if remedy == "promo_code" and promo_expires_at is None:
        promo_expires_at = datetime.now(UTC) + timedelta(days=90)
    return wallet.envelope(MissResolved(
        booking_id=booking_id, student_id=student, provider_id=provider, report_id=f"rep-{booking_id}",
        remedy=remedy, resolved_by=resolved_by, amount=eur(price), resolved_at=datetime.now(UTC),
        promo_expires_at=promo_expires_at), mkt, booking_id)


def dispute_settled(wallet, mkt: str, booking_id: str, refund: int, keeps: int, fee_bps: int = 0,
                    report_id: str = "rep-1", student: str = "stu", provider: str = "pro-1") -> Envelope:
    return wallet.envelope(DisputeSettled(
        booking_id=booking_id, student_id=student, provider_id=provider, report_id=report_id, resolution="split",
        refund=eur(refund), provider_keeps=eur(keeps), platform_fee_bps=fee_bps), mkt, booking_id)


def with_promo_code(request: Envelope, code: str) -> Envelope:
    return request.model_copy(update={"data": request.data.model_copy(update={"promo_code": code})})


async def paid(wallet, mkt: str, booking_id: str, price: int, student: str = "stu", provider: str = "pro-1") -> None:
    """The lesson paid with credits the student topped up for it."""
    card = await wallet.add_card(mkt, student)
    await wallet.top_up(mkt, student, price, card)
    await wallet.handle(wallet.requested(mkt, booking_id, student, price, provider=provider))


async def fire_promo_expiry(wallet, promo_code_id: str) -> int:
    async with wallet.runtime.engine.begin() as conn:
        moved = await conn.execute(update(timers_table).where(
            timers_table.c.kind == EXPIRY, timers_table.c.key == promo_code_id).values(due_at=func.now()))
    assert moved.rowcount == 1, f"no expiry timer for promo code {promo_code_id}"
    return await TimerScheduler(service.timers, wallet.runtime.uow).fire_due()


async def promo_timer_due_at(wallet, promo_code_id: str) -> datetime | None:
    return await wallet.scalar("SELECT due_at FROM timers WHERE kind = :kind AND key = :key", kind=EXPIRY,
                               key=promo_code_id)
