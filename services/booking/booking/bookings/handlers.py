"""The wallet's and disputes' events about bookings. The shared inbox makes each event count once; the domain
functions make their order not matter (see payment_outcomes)."""

from booking.bookings import payment_outcomes, reports
from booking.bookings.access import booking_of_event
from booking.misses.card_refunds import refunded_to_card
from shared.events import (
    Envelope,
    PaymentCaptured,
    PaymentFailed,
    ProblemReported,
    ProviderPaid,
    RefundIssued,
    ReportResolved,
)
from shared.messaging.handlers import HandlerRegistry
from shared.unit_of_work import UnitOfWork

handlers = HandlerRegistry()


def _booking(event: Envelope, uow: UnitOfWork):
    return booking_of_event(uow, event.marketplace, event.data.booking_id)


@handlers.on(PaymentCaptured.event_type)
async def on_payment_captured(event: Envelope[PaymentCaptured], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await payment_outcomes.payment_captured(uow, booking, event)


@handlers.on(PaymentFailed.event_type)
async def on_payment_failed(event: Envelope[PaymentFailed], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await payment_outcomes.payment_failed(uow, booking, event)


@handlers.on(RefundIssued.event_type)
async def on_refund_issued(event: Envelope[RefundIssued], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await payment_outcomes.refund_issued(uow, booking, event)
        await refunded_to_card(uow, booking, event.data)  # staff's card refund of a missed lesson (MS-3)


@handlers.on(ProviderPaid.event_type)
async def on_provider_paid(event: Envelope[ProviderPaid], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await payment_outcomes.provider_paid(uow, booking, event)


@handlers.on(ProblemReported.event_type)
async def on_problem_reported(event: Envelope[ProblemReported], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await reports.problem_reported(uow, booking, event)


@handlers.on(ReportResolved.event_type)
async def on_report_resolved(event: Envelope[ReportResolved], uow: UnitOfWork) -> None:
    async with _booking(event, uow) as booking:
        await reports.report_resolved(uow, booking, event)
