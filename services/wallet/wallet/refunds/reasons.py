from shared.events.booking import BookingDeclined

# Why a booking's money went back, as the student is told.
DECLINE_REASONS = {
    "declined": "The provider declined the booking; the full price was refunded.",
    "acceptance_timeout": "The provider did not answer the booking in time; the full price was refunded.",
}


def reason_for(declined: BookingDeclined) -> str:
    return DECLINE_REASONS.get(declined.reason, "The booking was declined; the full price was refunded.")
