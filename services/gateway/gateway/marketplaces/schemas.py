from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gateway.marketplaces.models import MarketplaceStatus, PolicyPreset
from shared.events.money import Currency

# Lower-case letters, digits and inner hyphens: the id travels in tokens, URLs and event subjects.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$"


class MarketplaceIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"id": "acme", "name": "Acme Coaching", "policy_preset": "coaching"},
        {"name": "Studio Nord", "policy_preset": "studio", "policy_overrides": {"miss_grace_hours": 48},
         "currencies": ["EUR", "SEK"]}]})

    id: str | None = Field(default=None, pattern=SLUG_PATTERN,
                           description="A slug; generated from the name when left out")
    name: str = Field(min_length=1, max_length=200)
    policy_preset: PolicyPreset
    policy_overrides: dict = Field(default_factory=dict,
                                   description="Policy settings that differ from the preset's")
    currencies: list[Currency] = Field(default_factory=lambda: ["EUR"], min_length=1, max_length=20,
                                       description="The ISO 4217 currencies prices, payments and top-ups "
                                                   "may be in")

    @field_validator("currencies")
    @classmethod
    def _once_each(cls, currencies: list[str]) -> list[str]:
        return list(dict.fromkeys(currencies))


class MarketplaceOut(BaseModel):
    id: str
    name: str
    policy_preset: PolicyPreset
    policy_overrides: dict
    currencies: list[str]
    status: MarketplaceStatus
    created_at: datetime
