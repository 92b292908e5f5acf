"""The policy terms a marketplace runs on (RULES.md, "Policies").

A booking keeps a copy of these terms from the moment it is made (BK-6), so every field here is
something a later decision about a lesson may depend on. Durations carry their unit in the name.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

RefundForm = Literal["credits", "credit_bundle"]
# Notifications, which sends the reminders, takes 0 < h <= 720 from the same override: the same bounds
# here, so the policy booking shows is the one that is applied.
ReminderOffsetHours = Annotated[int, Field(ge=1, le=24 * 30)]


class PolicyTerms(BaseModel):
    # Strict: a staff member or partner who misspells a setting hears about it instead of silently
    # keeping the preset's value.
    model_config = ConfigDict(extra="forbid", frozen=True)

    student_notice_hours: int | None = Field(
        ge=0, le=24 * 30,
        description="A student who cancels earlier than this is refunded in full (CX-1); "
                    "null: the course's own refund policy decides (studio, CR-1)")
    provider_must_accept: bool = Field(description="The provider accepts or declines each new booking (BK-3)")
    payment_timeout_minutes: int = Field(
        default=15, ge=1, le=24 * 60,
        description="A booking whose payment has no answer by then is released and its slot freed")
    acceptance_timeout_hours: int = Field(
        default=24, ge=1, le=24 * 14, description="An unanswered booking is declined and refunded after this")
    initial_session_staff_only: bool = Field(
        description="Only staff may cancel a student's first lesson with a provider (CX-3)")
    provider_refund_form: RefundForm = Field(description="What a provider's own refund gives the student")
    card_refund_window_days: int = Field(default=30, ge=0, le=365, description="RF-2")
    report_window_days: int = Field(default=30, ge=0, le=365, description="MS-1")
    auto_confirm_after_days: int = Field(
        default=7, ge=1, le=90, description="A lesson nobody confirms or reports is delivered this long after its end")
    miss_grace_hours: int = Field(default=72, ge=0, le=24 * 30, description="MS-3")
    strikes_threshold: int = Field(default=3, ge=1, le=100, description="PS-1: strikes before suspension")
    strikes_window_days: int = Field(default=90, ge=1, le=3650, description="PS-1: window the strikes count in")
    reminder_offsets_hours: tuple[ReminderOffsetHours, ...] = Field(
        default=(24, 1), max_length=10, description="NT-3: reminders this long before each lesson")
    promo_code_valid_days: int = Field(default=90, ge=1, le=3650, description="PC-1")
    platform_fee_bps: int = Field(
        default=0, ge=0, le=10_000, description="Basis points of a lesson's price the platform keeps on delivery")

    @classmethod
    def setting_names(cls) -> frozenset[str]:
        return frozenset(cls.model_fields)
