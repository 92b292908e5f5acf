from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from shared.http import UoW
from shared.pagination import Page
from wallet.access import StudentIdentity
from wallet.cards.errors import CardProcessorError
from wallet.cards.port import CardDetails
from wallet.cards.problems import as_problem
from wallet.payment_methods.registration import add_card
from wallet.payment_methods.repository import owned_payment_methods
from wallet.request_bodies import RequestBody

router = APIRouter(prefix="/v1/payment-methods", tags=["payment methods"])


class CardIn(RequestBody):
    card_number: str = Field(pattern=r"^[0-9 ]{12,23}$", examples=["4242424242424242"])
    # JSON integers only, as money: "12" or true (read as 1, January) are refused, not guessed at.
    exp_month: int = Field(ge=1, le=12, strict=True)
    exp_year: int = Field(ge=2000, le=2200, strict=True)
    cvc: str = Field(pattern=r"^[0-9]{3,4}$")


class PaymentMethodOut(BaseModel):
    id: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    created_at: datetime | None


@router.post("", status_code=201, summary="Save a card for the calling student",
             responses={422: {"description": "The card number, expiry or CVC is not accepted"}})
async def create_payment_method(body: CardIn, student: StudentIdentity, uow: UoW) -> PaymentMethodOut:
    try:
        method = await add_card(uow, student, CardDetails(body.card_number, body.exp_month, body.exp_year, body.cvc))
    except CardProcessorError as error:
        raise as_problem(error) from None
    await uow.session.flush()
    await uow.session.refresh(method)
    await uow.commit()
    return PaymentMethodOut.model_validate(method, from_attributes=True)


@router.get("", summary="The calling student's saved cards")
async def list_payment_methods(student: StudentIdentity, uow: UoW) -> Page[PaymentMethodOut]:
    # A student keeps a handful of cards: one page always holds them all.
    methods = await owned_payment_methods(uow.session, student.marketplace_id, student.user_id)
    return Page(items=[PaymentMethodOut.model_validate(m, from_attributes=True) for m in methods])
