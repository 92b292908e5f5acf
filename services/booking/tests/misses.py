"""Missed lessons as the tests make them: a paid lesson that ended, reported with the provider absent
(disputes' event through the real broker), and the ways its report ends."""

from datetime import timedelta

from shared.events import Envelope, ReportResolved

RESOLVED = "booking.miss_resolved.v1"
MISSED = "booking.lesson_missed.v1"
STRIKE = "booking.provider_strike_recorded.v1"
SETTLED = "booking.dispute_settled.v1"
SUSPENDED = "booking.provider_suspended.v1"


async def ended_lesson(market, provider=None, student=None, ago: timedelta = timedelta(minutes=1)) -> dict:
    booking = await market.paid_lesson(provider=provider, student=student)
    await market.backstage.end_lesson(booking["id"], ago)
    return await market.get(booking["id"], market.staff())


async def missed_lesson(market, provider=None, student=None, by: str = "student") -> dict:
    """A lesson the provider missed, reported by `by`: booking.lesson_missed.v1 announced, the grace running."""
    booking = await ended_lesson(market, provider, student)
    await market.disputes.report(booking, kind="provider_absent", by=by)
    missed = await market.get(booking["id"], market.staff())
    assert missed["missed"] is not None, missed
    return missed


async def resolve_report(market, booking: dict, resolution: str, decided_by: str, refund_minor: int | None = None,
                         report_id: str | None = None, envelope: Envelope | None = None) -> Envelope:
    """Disputes' report_resolved for the booking's report (its missed report by default)."""
    data = ReportResolved(report_id=report_id or booking["missed"]["report_id"], booking_id=booking["id"],
                          resolution=resolution, refund_minor=refund_minor, currency=booking["price"]["currency"],
                          decided_by=decided_by, student_id=booking["student_id"], provider_id=booking["provider_id"])
    return await market.disputes.publish(data, booking, envelope=envelope)
