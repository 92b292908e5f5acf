from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field, SecretStr

from shared.http import UoW
from shared.pagination import Page
from wallet.access import StudentIdentity
from wallet.cards.errors import CardProcessorError
from wallet.cards.problems import as_problem
from wallet.cards.sandbox.docs import tokenization_guide
from wallet.payment_methods.registration import add_card
from wallet.payment_methods.repository import owned_payment_methods
from wallet.request_bodies import RequestBody

router = APIRouter(prefix="/v1/payment-methods", tags=["payment methods"])


class CardTokenIn(RequestBody):
    # A SecretStr: until the processor has spent it, the token is a bearer secret, so no repr of the
    # body (a log line, a traceback's locals) shows it.
    token: SecretStr = Field(min_length=1, max_length=200, description="The card processor's single-use token",
                             examples=["tok_3f9c2a7e1b8d4c6f0a5e9b2d7c1f4a8e6b3d0c9f"])


class PaymentMethodOut(BaseModel):
    id: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    created_at: datetime | None


@router.post("", status_code=201, summary="Save a card for the calling student, by its processor token",
             description=tokenization_guide(),
             responses={402: {"description": "The processor declined the card (`card-declined`, "
                                             "`insufficient-funds`, ...; `code` says which)"},
                        422: {"description": "Card data sent instead of a token (`card-data-refused`), or a "
                                             "token the processor refuses (`card-token-refused`)"},
                        502: {"description": "The processor refused the request (`processor-error`)"},
                        503: {"description": "The processor did not answer (`processor-unavailable`); retry"}})
async def create_payment_method(body: CardTokenIn, student: StudentIdentity, uow: UoW) -> PaymentMethodOut:
    try:
        method = await add_card(uow, student, body.token)
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
