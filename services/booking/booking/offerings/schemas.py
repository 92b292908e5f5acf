from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from booking.policies.overrides import check_overrides
from booking.providers.schemas import LessonKind
from shared.events import Money

PolicyOverrides = Annotated[dict, AfterValidator(check_overrides)]
# Whole minutes, at most a working day: slots are laid on a grid of this length.
DurationMinutes = Annotated[int, Field(ge=5, le=720)]


class OfferingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    kind: LessonKind = Field(description="One of the provider's lesson kinds")
    duration_minutes: DurationMinutes
    price: Money
    policy_overrides: PolicyOverrides = Field(default_factory=dict,
                                              description="Policy settings this offering does differently")


class OfferingChange(BaseModel):
    """The fields to change; the others stay as they are."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    kind: LessonKind | None = None
    duration_minutes: DurationMinutes | None = None
    price: Money | None = None
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
