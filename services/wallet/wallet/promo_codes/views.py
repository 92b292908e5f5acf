"""What a promo code looks like to its student, its provider and staff."""

from datetime import UTC, datetime

from pydantic import BaseModel, Field

from shared.auth import Identity, Role
from shared.events import Money
from wallet.promo_codes.models import PromoCode, PromoCodeStatus


class PromoCodeOut(BaseModel):
    id: str
    code: str
    value: Money
    status: PromoCodeStatus
    expires_at: datetime
    student_id: str
    provider_id: str
    missed_booking_id: str = Field(description="The missed lesson the code stands for")
    replacement_booking_id: str | None = Field(description="The booking the code paid for, once used")
    created_at: datetime

    @classmethod
    def of(cls, promo: PromoCode, now: datetime | None = None) -> "PromoCodeOut":
        status = promo.status
        if status == PromoCodeStatus.ACTIVE and promo.expires_at <= (now or datetime.now(UTC)):
            status = PromoCodeStatus.EXPIRED  # past its expiry; the timer gives the value back shortly
        return cls(id=promo.id, code=promo.code, value=Money(amount_minor=promo.value_minor, currency=promo.currency),
                   status=status, expires_at=promo.expires_at, student_id=promo.student_id,
                   provider_id=promo.provider_id, missed_booking_id=promo.missed_booking_id,
                   replacement_booking_id=promo.replacement_booking_id, created_at=promo.created_at)


def may_see(identity: Identity, promo: PromoCode) -> bool:
    """Staff of the marketplace, or the code's own student or provider (PL-2)."""
    return promo.marketplace_id == identity.marketplace_id and (
        identity.role is Role.STAFF or (identity.role is Role.STUDENT and promo.student_id == identity.user_id)
        or (identity.role is Role.PROVIDER and promo.provider_id == identity.user_id))
