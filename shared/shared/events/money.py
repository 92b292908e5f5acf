"""Money in events and APIs: integer minor units and an ISO 4217 currency, never floats."""

from pydantic import BaseModel, ConfigDict, Field


class Money(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    amount_minor: int = Field(ge=0, description="Amount in the currency's minor unit (cents)")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
