from typing import Annotated

from fastapi import APIRouter, Header
from pydantic import BaseModel, Field, field_validator

from shared.events import Money
from shared.http import UoW
from wallet.access import StudentIdentity
from wallet.cards.errors import CardProcessorError
from wallet.cards.problems import as_problem
from wallet.ledger import posting_rules
from wallet.ledger.balances import owner_balance
from wallet.topups.top_up import buy_credits

router = APIRouter(prefix="/v1/wallet", tags=["wallet"])


class TopUpIn(BaseModel):
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
    balance: Money  # the student's credits in this currency after the top-up


@router.post("/top-ups", status_code=201, summary="Buy wallet credits with a saved card",
             responses={402: {"description": "The card was declined: `code` says why, `detail` is for the student"},
                        404: {"description": "No such payment method of the student"}})
async def create_top_up(body: TopUpIn, student: StudentIdentity, uow: UoW,
                        idempotency_key: Annotated[str | None, Header()] = None) -> TopUpOut:
    try:
        top_up = await buy_credits(uow, student, body.amount, body.payment_method_id, idempotency_key)
    except CardProcessorError as error:
        raise as_problem(error) from None
    balance = await owner_balance(uow.session, student.marketplace_id,
                                  posting_rules.student_credits(student.user_id), body.amount.currency)
    await uow.commit()
    return TopUpOut(id=top_up.id, amount=body.amount, payment_method_id=top_up.payment_method_id,
                    charge_id=top_up.charge_id, balance=Money(amount_minor=balance, currency=body.amount.currency))
