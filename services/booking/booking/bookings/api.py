"""Booking a lesson and reading bookings: a student's own, a provider's, staff all (PL-2)."""

from datetime import datetime

from fastapi import APIRouter, Response

from booking.answers import BOOKING_NOT_FOUND, OFFERING_NOT_FOUND, OFFERING_WITHDRAWN
from booking.availability.problems import ProviderNotBookable, SlotInPast, SlotNotOffered, SlotTaken, SlotUnavailable
from booking.bookings.access import visible_booking, visible_bookings
from booking.bookings.lifecycle import BookingStatus
from booking.bookings.placing import place_booking
from booking.bookings.preconditions import etag
from booking.bookings.schemas import BookingIn, BookingOut
from booking.roles import StudentIdentity
from shared.auth import CurrentIdentity
from shared.currencies import CurrencyNotAccepted
from shared.http import UoW
from shared.openapi import problem_answers
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/bookings", tags=["bookings"])


@router.post("", status_code=201,
             summary="Book a slot; the booking is pending_payment until the wallet answers",
             responses=problem_answers(OFFERING_NOT_FOUND, SlotTaken, SlotUnavailable, ProviderNotBookable,
                                       OFFERING_WITHDRAWN, SlotNotOffered, SlotInPast, CurrencyNotAccepted))
async def post_booking(request: BookingIn, student: StudentIdentity, uow: UoW) -> BookingOut:
    booking = await place_booking(uow, student, request)
    await uow.commit()
    return BookingOut.of(booking)


@router.get("", summary="The caller's bookings, by start time")
async def get_bookings(identity: CurrentIdentity, uow: UoW, status: BookingStatus | None = None, limit: Limit = 20,
                       cursor: Cursor = None) -> Page[BookingOut]:
    after = decode_cursor(cursor, datetime, str) if cursor else None
    rows = await visible_bookings(uow.session, identity, status, after, limit)
    items, next_cursor = page(rows, limit, lambda booking: (booking.starts_at, booking.id))
    return Page(items=[BookingOut.of(b) for b in items], next_cursor=next_cursor)


@router.get("/{booking_id}", summary="One booking, with its status and payment state; its ETag is its version",
            responses=problem_answers(BOOKING_NOT_FOUND))
async def get_booking(booking_id: str, identity: CurrentIdentity, uow: UoW, response: Response) -> BookingOut:
    booking = await visible_booking(uow.session, identity, booking_id)
    response.headers["ETag"] = etag(booking)
    return BookingOut.of(booking)
