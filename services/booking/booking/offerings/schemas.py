from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from booking.policies.overrides import check_overrides
from booking.providers.schemas import LessonKind
from shared.events import Money
from shared.events.money import amount_minor

PolicyOverrides = Annotated[dict, AfterValidator(check_overrides)]
# Whole minutes, at most a working day: slots are laid on a grid of this length.
DurationMinutes = Annotated[int, Field(ge=5, le=720)]
PriceMinor = amount_minor(minimum=1)


class OfferingPrice(Money):
    """Money, and more than nothing: no rule gives lessons away (initial sessions are special in who
    may cancel them, CX-3, not in price), so an offering at 0 is a slip. The currency must be one the
    marketplace takes: checked in the catalog, which knows the marketplace."""

    amount_minor: PriceMinor = Field(description="The price in the currency's minor unit (cents): at "
                                                        "least 1, at most 100 million of its major unit")


class OfferingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"title": "Guitar for beginners, 60 minutes", "kind": "guitar", "duration_minutes": 60,
         "price": {"amount_minor": 4500, "currency": "EUR"}},
        {"title": "Trial lesson", "kind": "guitar", "duration_minutes": 30,
         "price": {"amount_minor": 1500, "currency": "EUR"}, "policy_overrides": {"provider_must_accept": True}}]})

    title: str = Field(min_length=1, max_length=200)
    kind: LessonKind = Field(description="One of the provider's lesson kinds")
    duration_minutes: DurationMinutes
    price: OfferingPrice = Field(description="In a currency the marketplace takes (GET /v1/marketplace)")
    policy_overrides: PolicyOverrides = Field(default_factory=dict,
                                              description="Policy settings this offering does differently")


class OfferingChange(BaseModel):
    """The fields to change; the others stay as they are."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"price": {"amount_minor": 5000, "currency": "EUR"}}, {"active": False}]})

    title: str | None = Field(default=None, min_length=1, max_length=200)
    kind: LessonKind | None = None
    duration_minutes: DurationMinutes | None = None
    price: OfferingPrice | None = Field(default=None, description="In a currency the marketplace takes")
    policy_overrides: PolicyOverrides | None = None
    active: bool | None = Field(default=None, description="false withdraws the offering from sale")


class OfferingOut(BaseModel):
    id: str
    provider_id: str
    title: str
    kind: str
    duration_minutes: int
    price: Money
    policy_overrides: dict
    active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, offering) -> "OfferingOut":
        return cls.model_validate({**offering.model_dump(), "price": offering.price})
