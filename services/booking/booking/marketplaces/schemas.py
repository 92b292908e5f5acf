from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from booking.policies.overrides import strict_policy
from booking.policies.presets import PresetName
from booking.policies.terms import PolicyTerms


class PolicyOut(BaseModel):
    preset: PresetName
    overrides: dict
    ignored_overrides: dict[str, str] = Field(description="Overrides not applied, with the reason")
    terms: PolicyTerms = Field(description="The preset with the overrides applied: what new bookings get")


class MarketplaceOut(BaseModel):
    id: str
    name: str
    policy: PolicyOut
    currencies: list[str] | None = Field(
        description="The ISO 4217 currencies offerings may be priced in; null: any currency in circulation "
                    "(the marketplace was registered before currencies were named)")
    registered_at: datetime


class PolicyChange(BaseModel):
    """A staff member's new policy: a preset and the settings that differ from it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"preset": "coaching", "overrides": {"student_notice_hours": 48, "miss_grace_hours": 48}},
        {"preset": "lessons"}]})

    preset: PresetName
    overrides: dict = Field(default_factory=dict, description="Policy settings that differ from the preset's "
                                                              "(their names: `terms` of GET /v1/marketplace)")

    @field_validator("overrides")
    @classmethod
    def _known_and_valid(cls, overrides: dict, info: ValidationInfo) -> dict:
        if "preset" in info.data:  # else the preset's own error is the one to report
            strict_policy(info.data["preset"], overrides)
        return overrides
