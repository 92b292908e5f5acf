from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from booking.cancellations.models import Cancellation, RefundDecision
from booking.cancellations.policy import RefundChoice
from shared.auth import Role
from shared.events import Money
from shared.events.money import amount_minor

Cause = Literal["student", "provider"]
# The booking's price bounds a refund (see policy); before the booking is read, no amount past the
# largest any currency allows is worth reading.
RefundAmount = amount_minor(minimum=1)
_CAUSE = "student: the student asked for it; provider: the provider can't make it (refunded in full, counts " \
         "on the provider's record)"


class RefundChoiceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["none", "full", "partial"]
    amount_minor: RefundAmount | None = Field(default=None, description="Only for 'partial': in the minor unit "
                                                                        "of the lesson's currency, less than its price")

    @model_validator(mode="after")
    def _amount_for_partial_only(self) -> "RefundChoiceIn":
        if (self.kind == "partial") != (self.amount_minor is not None):
            raise ValueError("amount_minor goes with kind 'partial', and only with it")
        return self

    @property
    def choice(self) -> RefundChoice:
        return RefundChoice(self.kind, self.amount_minor or 0)


class CancelIn(BaseModel):
    """A student's or provider's cancellation. The student gives only the reason: their terms decide."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "I am ill"},
        {"reason": "The student asked to cancel", "cause": "student", "refund": {"kind": "partial",
                                                                                 "amount_minor": 2000}},
        {"reason": "I can't make it", "cause": "provider"}]})

    reason: str = Field(min_length=1, max_length=500)
    cause: Cause | None = Field(default=None, description=f"Provider only. {_CAUSE}")
    refund: RefundChoiceIn | None = Field(default=None, description="Provider only, when the student asked for it")


class StaffCancelIn(BaseModel):
    """Staff cancel any lesson, initial sessions included (CX-3)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"reason": "The provider is ill", "student_aware": True, "cause": "provider",
         "refund": {"kind": "full"}, "refund_form": "credits", "alternative_provider_ids": ["provider-7"]}]})

    reason: str = Field(min_length=1, max_length=500)
    student_aware: Literal[True] = Field(description="You confirm the student knows of the cancellation")
    cause: Cause = Field(description=_CAUSE)
    refund: RefundChoiceIn | None = Field(default=None, description="Needed when the lesson is under 48 h away")
    refund_form: Literal["credits", "card"] = Field(
        default="credits", description="card: back to the card that paid, within the card-refund window")
    alternative_provider_ids: list[str] = Field(
        default_factory=list, max_length=3, description="Up to three providers of the same kind of lesson, "
                                                        "bookable in the next 14 days, shown to the student")

    @model_validator(mode="after")
    def _distinct(self) -> "StaffCancelIn":
        if len(set(self.alternative_provider_ids)) != len(self.alternative_provider_ids):
            raise ValueError("alternative_provider_ids: each provider once")
        return self


class ExceptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"refund": {"kind": "full"}, "reason": "Goodwill: the student's flight was cancelled"},
        {"refund": {"kind": "partial", "amount_minor": 1000}}]})

    refund: RefundChoiceIn = Field(description="full: all the provider still keeps; partial: part of it")
    reason: str | None = Field(default=None, max_length=500)


class DecisionOut(BaseModel):
    id: str
    amount: Money
    form: str
    decided_by: Literal["policy", "provider", "staff"] = Field(description="policy: the booking's terms")
    rule: str
    reason: str | None
    created_at: datetime

    @classmethod
    def of(cls, d: RefundDecision) -> "DecisionOut":
        return cls(id=d.id, amount=Money(amount_minor=d.amount_minor, currency=d.currency), form=d.form,
                   decided_by=d.decided_by, rule=d.rule, reason=d.reason, created_at=d.created_at)


class AlternativeOut(BaseModel):
    provider_id: str
    display_name: str
    first_free_slot: datetime | None = Field(description="Their first free slot in the next 14 days, if any")


class CancellationOut(BaseModel):
    booking_id: str
    cancelled_by: Role
    cause: Cause
    reason: str
    student_aware: bool | None
    refunded: Money = Field(description="Every refund decided so far")
    provider_keeps: Money
    settle_at: datetime | None = Field(description="Until then exceptions can still give back what the provider keeps")
    settled_at: datetime | None
    decisions: list[DecisionOut]
    alternatives: list[AlternativeOut]
    created_at: datetime

    @classmethod
    def of(cls, c: Cancellation, decisions: list[RefundDecision],
           alternatives: list[AlternativeOut]) -> "CancellationOut":
        def money(amount: int) -> Money:
            return Money(amount_minor=amount, currency=c.currency)

        return cls(booking_id=c.booking_id, cancelled_by=c.cancelled_by, cause=c.cause, reason=c.reason,
                   student_aware=c.student_aware, refunded=money(c.refund_decided_minor),
                   provider_keeps=money(c.remaining_minor), settle_at=c.settle_at, settled_at=c.settled_at,
                   decisions=[DecisionOut.of(d) for d in decisions], alternatives=alternatives,
                   created_at=c.created_at)
