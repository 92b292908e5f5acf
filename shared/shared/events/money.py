"""Money in events and APIs: integer minor units and an ISO 4217 currency, never floats."""

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from shared.currencies import LARGEST_AMOUNT_MINOR, is_currency, max_amount_minor


def whole_number(value: Any) -> Any:
    """A JSON integer only: "100", 1.0 or true are refused rather than read as 100 or 1. A sum read
    from the database (numeric) is let through when it is whole."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or value != int(value):
        raise ValueError("must be a whole number of the currency's minor unit, as a JSON integer")
    return int(value)


def known_currency(value: Any) -> Any:
    if not isinstance(value, str) or not is_currency(value):
        raise ValueError("must be an ISO 4217 currency code in circulation, e.g. EUR")
    return value


def amount_minor(minimum: int = 0) -> type[int]:
    """An amount as callers send it: a JSON integer from `minimum` to the largest amount of any
    currency. The bounds come before the validator, so the JSON schema shows them as minimum and
    maximum."""
    return Annotated[int, Field(ge=minimum, le=LARGEST_AMOUNT_MINOR), BeforeValidator(whole_number)]


AmountMinor = amount_minor()
Currency = Annotated[str, BeforeValidator(known_currency)]


class Money(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # The currency first: the amount's bound depends on it.
    currency: Currency = Field(description="ISO 4217 code of a currency in circulation, e.g. EUR",
                               json_schema_extra={"pattern": "^[A-Z]{3}$"})
    amount_minor: AmountMinor = Field(description="Amount in the currency's minor unit (cents); at most "
                                                        "100 million of the currency's major unit")

    @field_validator("amount_minor")
    @classmethod
    def _within_bounds(cls, amount: int, info: ValidationInfo) -> int:
        currency = info.data.get("currency")
        if currency is not None and amount > max_amount_minor(currency):
            raise ValueError(f"must be at most {max_amount_minor(currency)} in {currency}")
        return amount
