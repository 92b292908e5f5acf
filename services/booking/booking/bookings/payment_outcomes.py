"""The wallet's answers to a booking (BK-2), applied in any order and at most once each.

Every wallet fact is recorded on the booking and its timeline whatever the booking's status; it
moves the booking only when the state machine allows it. The one contradiction that needs an
answer: money captured for a booking already released (its payment had failed, its slot may be
someone else's now). The booking stays released and says so again with BookingReleased, on which
the wallet refunds any payment it holds for the booking.
"""

import structlog

from booking.bookings import events
from booking.bookings.acceptance import ask_provider, confirm
from booking.bookings.changes import change_status, refresh_payment_state
from booking.bookings.deadlines import PAYMENT_TIMEOUT
from booking.bookings.lifecycle import BookingStatus, Step, can
from booking.bookings.models import Booking
from booking.timeline.recorder import has_entry, record_event
from shared.events import Envelope, PaymentCaptured, PaymentFailed, ProviderPaid, RefundIssued
from shared.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

CAPTURED_AFTER_RELEASE = "payment_captured_after_release"


async def _record_wallet_fact(uow: UnitOfWork, booking: Booking, event: Envelope, summary: str) -> None:
    refresh_payment_state(booking)
    await record_event(uow.session, booking, event, summary)


async def payment_captured(uow: UnitOfWork, booking: Booking, event: Envelope[PaymentCaptured]) -> None:
    capture = event.data
    if await has_entry(uow.session, booking, "wallet.payment_captured", payment_id=capture.payment_id):
        return  # the same capture announced again under a new event id
    if booking.payment_id is not None:
        # A second, different capture of one booking: shown to staff, not applied in place of the first.
        log.error("booking.second_capture", booking_id=booking.id, payment_id=capture.payment_id)
        await _record_wallet_fact(uow, booking, event, "A second payment was captured for this booking; "
                                                       "one of them must be refunded.")
        return
    booking.payment_id, booking.payment_captured_minor = capture.payment_id, capture.amount.amount_minor
    await uow.cancel_timer(PAYMENT_TIMEOUT, booking.id)
    await _record_wallet_fact(uow, booking, event, f"Payment of {capture.amount.amount_minor} "
                                                   f"{capture.amount.currency} ({capture.method}) captured and held "
                                                   "by the platform.")
    if can(BookingStatus(booking.status), Step.PAYMENT_CAPTURED):
        waits = booking.policy.provider_must_accept
        await change_status(uow.session, booking, Step.PAYMENT_CAPTURED,
                            "Paid: waiting for the provider to accept." if waits else "Paid: the lesson is booked.")
        await (ask_provider(uow, booking) if waits else confirm(uow, booking))
    elif booking.status == BookingStatus.PAYMENT_FAILED:
        uow.emit(events.released(booking, CAPTURED_AFTER_RELEASE), marketplace=booking.marketplace_id,
                 subject=booking.subject)


async def payment_failed(uow: UnitOfWork, booking: Booking, event: Envelope[PaymentFailed]) -> None:
    # After a capture a failure is stale (a retried charge that failed first): the capture stands.
    releases = can(BookingStatus(booking.status), Step.PAYMENT_FAILED)
    if releases:
        booking.payment_failure_code, booking.status_reason = event.data.code, event.data.reason
    await _record_wallet_fact(uow, booking, event, f"Payment failed: {event.data.reason}")
    if releases:
        await release(uow, booking, Step.PAYMENT_FAILED, "The booking was released: its payment failed.",
                      event.data.reason)


async def payment_timed_out(uow: UnitOfWork, booking: Booking) -> None:
    """No answer from the wallet in time: free the slot. Should the payment still be taken later, the
    wallet sees the release first and refunds (or never charges)."""
    if can(BookingStatus(booking.status), Step.PAYMENT_TIMED_OUT):
        booking.payment_failure_code = "payment_timeout"
        booking.status_reason = "The payment was not confirmed in time."
        await release(uow, booking, Step.PAYMENT_TIMED_OUT, "The booking was released: no payment in time.",
                      booking.status_reason)


async def release(uow: UnitOfWork, booking: Booking, step: Step, summary: str, reason: str) -> None:
    await change_status(uow.session, booking, step, summary, reason=reason)
    await uow.cancel_timer(PAYMENT_TIMEOUT, booking.id)
    uow.emit(events.released(booking, reason), marketplace=booking.marketplace_id, subject=booking.subject)


async def refund_issued(uow: UnitOfWork, booking: Booking, event: Envelope[RefundIssued]) -> None:
    refund = event.data.amount
    if await has_entry(uow.session, booking, "wallet.refund_issued", refund_id=event.data.refund_id):
        return  # the same refund announced again under a new event id: counted once
    booking.payment_refunded_minor = (booking.payment_refunded_minor or 0) + refund.amount_minor
    await _record_wallet_fact(uow, booking, event, f"{refund.amount_minor} {refund.currency} refunded to the "
                                                   f"student's {event.data.destination}: {event.data.reason}")


async def provider_paid(uow: UnitOfWork, booking: Booking, event: Envelope[ProviderPaid]) -> None:
    paid = event.data
    if await has_entry(uow.session, booking, "wallet.provider_paid"):
        return  # a lesson's provider is paid once (RF-3); a repeat announcement changes nothing
    booking.provider_paid_gross_minor = paid.gross.amount_minor
    booking.provider_paid_net_minor, booking.platform_fee_minor = paid.net.amount_minor, paid.fee.amount_minor
    await _record_wallet_fact(uow, booking, event, f"Provider paid {paid.net.amount_minor} {paid.net.currency} "
                                                   f"(platform fee {paid.fee.amount_minor}).")
