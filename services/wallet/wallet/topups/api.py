from typing import Annotated

from fastapi import APIRouter, Header
from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.events import Money
from shared.http import UoW
from wallet.access import StudentIdentity
from wallet.cards.errors import CardProcessorError
from wallet.cards.problems import as_problem
from wallet.ledger.schemas import SignedMoney
from wallet.request_bodies import RequestBody
from wallet.topups.top_up import buy_credits

router = APIRouter(prefix="/v1/wallet", tags=["wallet"])


class TopUpIn(RequestBody):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"amount": {"amount_minor": 5000, "currency": "EUR"}, "payment_method_id": "pm_5c2e1f"}]})

    amount: Money
    payment_method_id: str = Field(max_length=40)

    @field_validator("amount")
    @classmethod
    def _positive(cls, amount: Money) -> Money:
        if amount.amount_minor <= 0:
            raise ValueError("a top-up must be more than zero")
        return amount


class TopUpOut(BaseModel):
    id: str
    amount: Money
    payment_method_id: str
    charge_id: str
    # The student's credits in this currency after the top-up. Not Money: a balance may hold more than
    # the largest single amount Money takes (up to the ceiling of topups.ceiling).
    balance: SignedMoney


@router.post("/top-ups", status_code=201, summary="Buy wallet credits with a saved card",
             responses={402: {"description": "The card was declined: `code` says why, `detail` is for the student"},
                        404: {"description": "No such payment method of the student"},
                        409: {"description": "A repeat of a top-up whose charge was refunded (top-up-charge-refunded):"
                                             " send it with a new Idempotency-Key"},
                        422: {"description": "Invalid amount, a currency the marketplace does not accept "
                                             "(currency-not-accepted), or credits over the ceiling "
                                             "(credits-ceiling-reached); nothing was charged"},
                        500: {"description": "The credits could not be added and the charge was refunded "
                                             "(top-up-not-credited)"},
                        502: {"description": "The card processor refused the request (processor-error); nothing "
                                             "was charged"},
                        503: {"description": "The card processor did not answer (processor-unavailable); nothing "
                                             "was charged: retry after `Retry-After` seconds"}})
async def create_top_up(body: TopUpIn, student: StudentIdentity, uow: UoW,
                        idempotency_key: Annotated[str | None, Header()] = None) -> TopUpOut:
    try:
        credited = await buy_credits(uow, student, body.amount, body.payment_method_id, idempotency_key)
    except CardProcessorError as error:
        raise as_problem(error) from None
    top_up = credited.top_up
    return TopUpOut(id=top_up.id, amount=body.amount, payment_method_id=top_up.payment_method_id,
                    charge_id=top_up.charge_id,
                    balance=SignedMoney(amount_minor=credited.balance_minor, currency=body.amount.currency))
