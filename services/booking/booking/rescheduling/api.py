"""Moving a lesson: reschedule requests and their answers (RS-1 to RS-3), and the provider's
"Edit Date/Time" (RS-4). Someone else's booking is 404; a wrong role 403; a wrong state 409."""

from fastapi import APIRouter, status

from booking.answers import BOOKING_NOT_FOUND
from booking.availability.problems import SlotInPast, SlotNotOffered, SlotTaken, SlotUnavailable
from booking.bookings.access import visible_booking
from booking.bookings.lifecycle import BookingStateConflict
from booking.bookings.preconditions import IfMatch, booking_to_change
from booking.bookings.schemas import BookingOut
from booking.bookings.start import LessonStarted
from booking.rescheduling import answering
from booking.rescheduling.asking import RequestAlreadyOpen, ask
from booking.rescheduling.edits import edit_time
from booking.rescheduling.lifecycle import NotYourTurn, RequestClosed
from booking.rescheduling.queries import request_of, requests_of
from booking.rescheduling.schemas import (
    Approval,
    Pick,
    Refusal,
    RescheduleAsk,
    RescheduleOutcome,
    RescheduleRequestOut,
    TimeEdit,
)
from booking.roles import PartyIdentity, ProviderIdentity, StudentIdentity
from shared.auth import CurrentIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/bookings/{booking_id}", tags=["rescheduling"])
REQUEST = "/reschedule-requests/{request_id}"
# What answering a request may meet, and what moving the lesson to a new time may.
ANSWERING = (BOOKING_NOT_FOUND, (404, "`reschedule-request-not-found`: No such request of this booking"),
             RequestClosed, NotYourTurn)
MOVING = (LessonStarted, SlotTaken, SlotUnavailable, SlotNotOffered, SlotInPast,
          (422, "`same-time`: The new time is the lesson's time already"))


@router.post("/reschedule-requests", status_code=status.HTTP_201_CREATED,
             summary="Student or provider: ask to move the lesson, before it starts (RS-1)",
             responses=problem_answers(BOOKING_NOT_FOUND, LessonStarted, RequestAlreadyOpen, BookingStateConflict))
async def post_request(booking_id: str, body: RescheduleAsk, party: PartyIdentity, uow: UoW,
                       if_match: IfMatch = None) -> RescheduleRequestOut:
    async with booking_to_change(uow, party, booking_id, if_match) as booking:
        request = await ask(uow, booking, party, body)
    await uow.commit()
    return RescheduleRequestOut.model_validate(request)


@router.get("/reschedule-requests", summary="The booking's reschedule requests, oldest first",
            responses=problem_answers(BOOKING_NOT_FOUND))
async def get_requests(booking_id: str, identity: CurrentIdentity, uow: UoW) -> list[RescheduleRequestOut]:
    booking = await visible_booking(uow.session, identity, booking_id)
    return [RescheduleRequestOut.model_validate(r) for r in await requests_of(uow.session, booking)]


@router.post(REQUEST + "/approve", summary="Provider: agree to move the lesson, optionally proposing a time",
             responses=problem_answers(*ANSWERING, *MOVING))
async def approve_request(booking_id: str, request_id: str, body: Approval, provider: ProviderIdentity,
                          uow: UoW, if_match: IfMatch = None) -> RescheduleOutcome:
    async with booking_to_change(uow, provider, booking_id, if_match) as booking:
        request = await request_of(uow.session, booking, request_id)
        await answering.approve(uow, booking, request, body.starts_at)
    await uow.commit()
    return RescheduleOutcome.of(request, booking)


@router.post(REQUEST + "/pick", summary="Student: pick the new time from the provider's slots; the lesson moves",
             responses=problem_answers(*ANSWERING, *MOVING))
async def pick_time(booking_id: str, request_id: str, body: Pick, student: StudentIdentity, uow: UoW,
                    if_match: IfMatch = None) -> RescheduleOutcome:
    async with booking_to_change(uow, student, booking_id, if_match) as booking:
        request = await request_of(uow.session, booking, request_id)
        await answering.pick(uow, booking, request, body.starts_at)
    await uow.commit()
    return RescheduleOutcome.of(request, booking)


@router.post(REQUEST + "/decline", summary="The party asked: decline; the lesson stays where it is",
             responses=problem_answers(*ANSWERING))
async def decline_request(booking_id: str, request_id: str, body: Refusal, party: PartyIdentity, uow: UoW,
                          if_match: IfMatch = None) -> RescheduleOutcome:
    async with booking_to_change(uow, party, booking_id, if_match) as booking:
        request = await request_of(uow.session, booking, request_id)
        await answering.decline(uow, booking, request, party.role.value, body.reason)
    await uow.commit()
    return RescheduleOutcome.of(request, booking)


@router.post("/edit-time", summary="Provider: move the lesson to a time the student agreed to outside the platform "
                                   "(RS-4); counts on the provider's record",
             responses=problem_answers(BOOKING_NOT_FOUND, BookingStateConflict, *MOVING))
async def post_time_edit(booking_id: str, body: TimeEdit, provider: ProviderIdentity, uow: UoW,
                         if_match: IfMatch = None) -> BookingOut:
    async with booking_to_change(uow, provider, booking_id, if_match) as booking:
        await edit_time(uow, booking, body)
    await uow.commit()
    return BookingOut.of(booking)
