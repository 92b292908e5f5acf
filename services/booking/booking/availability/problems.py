"""Why a requested start time can't be booked, or a period blocked; each a problem a frontend can
branch on."""

from datetime import datetime

from shared.errors import Conflict, Unprocessable


def _field_error(field: str, message: str, code: str) -> list[dict]:
    return [{"field": field, "message": message, "code": code}]


class SlotNotOffered(Unprocessable):
    slug = "slot-not-offered"

    def __init__(self):
        message = "This start time is not one of the offering's slots (see GET /v1/slots)."
        super().__init__(message, errors=_field_error("starts_at", message, "not_a_slot"))


class SlotInPast(Unprocessable):
    slug = "slot-in-past"

    def __init__(self):
        message = "This start time has passed; only future slots can be booked."
        super().__init__(message, errors=_field_error("starts_at", message, "in_past"))


class BlockInPast(Unprocessable):
    slug = "block-in-past"

    def __init__(self, now: datetime):
        message = f"This period has ended (it is {now.isoformat()} now); only a period still to come can be blocked."
        super().__init__(message, errors=_field_error("ends_at", message, "in_past"))


class SlotUnavailable(Conflict):
    slug = "slot-unavailable"

    def __init__(self):
        super().__init__("The provider has blocked this time.")


class SlotTaken(Conflict):
    slug = "slot-taken"

    def __init__(self):
        super().__init__("Someone else booked this slot; pick another one.")


class ProviderNotBookable(Conflict):
    slug = "provider-not-bookable"

    def __init__(self, status: str):
        super().__init__(f"The provider is {status} and takes no new bookings.", provider_status=status)
