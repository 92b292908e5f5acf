"""Why a miss can't be resolved now (409, naming the booking's state)."""

from booking.bookings.models import Booking
from shared.errors import Conflict


class NotMissed(Conflict):
    slug, title = "not-missed", "The lesson was not missed"


class MissAlreadyResolved(Conflict):
    slug, title = "miss-already-resolved", "The miss is resolved already"


def require_unresolved_miss(booking: Booking) -> None:
    if booking.missed_report_id is None:
        raise NotMissed("Nobody reported the provider absent from this lesson: there is no miss to resolve. "
                        "A missed lesson is reported first (a provider_absent problem report).",
                        current_status=booking.status)
    if booking.miss_remedy is not None:
        raise MissAlreadyResolved(
            f"The miss was resolved already ({booking.miss_remedy.replace('_', ' ')}, by "
            f"{booking.miss_resolved_by}, at {booking.miss_resolved_at.isoformat()}).",
            remedy=booking.miss_remedy, resolved_by=booking.miss_resolved_by)
