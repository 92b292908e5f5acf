from pydantic import BaseModel, ConfigDict, Field

from booking.misses.remedies import ProviderRemedy


class MissResolutionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"remedy": "promo_code"}, {"remedy": "credit_refund"}]})

    remedy: ProviderRemedy = Field(
        description="promo_code: a single-use code for a replacement lesson with this provider, worth the missed "
                    "lesson and valid for the booking's promo_code_valid_days (PC-1); credit_refund: the "
                    "lesson's price back to the student as wallet credits, at once (RF-1)")
