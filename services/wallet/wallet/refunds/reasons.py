from shared.events.booking import BookingCancelled, BookingDeclined, RefundExceptionGranted

# Why a booking's money went back, as the student is told.
DECLINE_REASONS = {
    "declined": "The provider declined the booking; the full price was refunded.",
    "acceptance_timeout": "The provider did not answer the booking in time; the full price was refunded.",
}
_CANCELLED_BY = {"student": "You cancelled the lesson", "provider": "The provider cancelled the lesson",
                 "staff": "The marketplace's team cancelled the lesson"}
_DECIDED_BY = {"policy": "as its cancellation terms say", "provider": "as the provider decided",
               "staff": "as the marketplace's team decided"}


def reason_for(declined: BookingDeclined) -> str:
    return DECLINE_REASONS.get(declined.reason, "The booking was declined; the full price was refunded.")


def cancellation_reason(cancelled: BookingCancelled) -> str:
    return f"{_CANCELLED_BY[cancelled.cancelled_by]}; refunded {_DECIDED_BY[cancelled.refund_decided_by]}."


def exception_reason(granted: RefundExceptionGranted) -> str:
    who = "The provider" if granted.granted_by == "provider" else "The marketplace's team"
    return f"{who} gave back part of what they kept of a cancelled lesson, as an exception."[:300]
