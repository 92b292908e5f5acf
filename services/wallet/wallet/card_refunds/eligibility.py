"""RF-2's conditions as plain functions, checked in this order: paid by card, within the window,
the student contacted the provider, and an amount within what is left. Each raises its own problem."""

from datetime import datetime, timedelta

from wallet.card_refunds.problems import (
    AmountAboveRefundable,
    CardRefundWindowClosed,
    NothingLeftToRefund,
    NotPaidByCard,
    StudentHasNotContactedProvider,
)


def check_paid_by_card(method: str) -> None:
    if method != "card":
        raise NotPaidByCard(method)


def check_window(captured_at: datetime, now: datetime, window_days: int) -> None:
    closes_at = captured_at + timedelta(days=window_days)
    if now > closes_at:
        raise CardRefundWindowClosed(window_days, closes_at)


def check_contacted(contacted: bool) -> None:
    if not contacted:
        raise StudentHasNotContactedProvider()


def refundable_minor(paid_by_card: int, refunded_to_card: int, held_in_escrow: int) -> int:
    """What may still go back to the card: not refunded to it yet, and still in escrow (a lesson paid
    out, or refunded as credits, holds less)."""
    return max(0, min(paid_by_card - refunded_to_card, held_in_escrow))


def amount_to_refund(asked: int | None, refundable: int) -> int:
    """The amount asked for, or all that is left when none was asked."""
    if refundable == 0:
        raise NothingLeftToRefund()
    if asked is None:
        return refundable
    if asked > refundable:
        raise AmountAboveRefundable(asked, refundable)
    return asked
