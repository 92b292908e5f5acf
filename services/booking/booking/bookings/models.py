import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, text
from sqlalchemy.dialects.postgresql import JSONB, ExcludeConstraint
from sqlmodel import Field

from booking.bookings.lifecycle import HOLDS_SLOT, BookingStatus
from booking.bookings.payment_state import PaymentFacts, PaymentState
from booking.clock import utcnow
from booking.db import Base
from booking.policies.terms import PolicyTerms
from shared.events import Money

SLOT_CONSTRAINT = "bookings_hold_provider_time"


def _timestamp(nullable: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable)


class Booking(Base, table=True):
    __tablename__ = "bookings"
    __table_args__ = (
        # BK-1 in the database: of two bookings of one provider's overlapping time, in a status that
        # holds it, the second insert (or status change) fails, however many replicas race.
        ExcludeConstraint(
            ("marketplace_id", "="), ("provider_id", "="),
            (text("tstzrange(starts_at, ends_at, '[)')"), "&&"),
            name=SLOT_CONSTRAINT, using="gist",
            where=text("status IN ({})".format(", ".join(f"'{s}'" for s in sorted(HOLDS_SLOT)))),
        ),
        # The person first: a booking's lookup by id within its marketplace (`id = $1 AND marketplace_id
        # = $2`, every event and change) has then only the primary key to take. An index led by the
        # marketplace ties with it while the planner sees few rows (a table analyzed when it had none,
        # a plan cached then) and, taken, reads every booking of the marketplace for one.
        Index("ix_bookings_student", "student_id", "marketplace_id", "starts_at"),
        Index("ix_bookings_provider", "provider_id", "marketplace_id", "starts_at"),
    )

    id: str = Field(default_factory=lambda: uuid.uuid4().hex, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    student_id: str = Field(max_length=200)
    provider_id: str = Field(max_length=200)
    provider_timezone: str = Field(max_length=64)
    # What was bought, as it was then: a later change of the offering doesn't change the booking.
    offering_id: str = Field(max_length=32)
    offering_title: str = Field(max_length=200)
    kind: str = Field(max_length=50)
    # Amounts are 64-bit: a price may be up to 100 million of its currency's major unit.
    price_amount_minor: int = Field(sa_type=BigInteger)
    price_currency: str = Field(max_length=3)
    starts_at: datetime = Field(sa_column=_timestamp())
    ends_at: datetime = Field(sa_column=_timestamp())
    # The policy in force when the booking was made; every later decision reads it (BK-6).
    terms: dict = Field(sa_column=Column(JSONB, nullable=False))

    status: str = Field(default=BookingStatus.PENDING_PAYMENT, max_length=30)
    status_reason: str | None = Field(default=None, max_length=500)
    respond_by: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    delivered_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    confirmed_by: str | None = Field(default=None, max_length=20)

    payment_method: str = Field(max_length=20)
    payment_method_id: str | None = Field(default=None, max_length=200)
    # A promo code the student pays with (PC-2); the wallet checks it and answers like any payment.
    promo_code: str | None = Field(default=None, max_length=40)
    payment_state: str = Field(default=PaymentState.PENDING, max_length=20)
    payment_id: str | None = Field(default=None, max_length=200)
    payment_failure_code: str | None = Field(default=None, max_length=50)
    payment_captured_minor: int | None = Field(default=None, sa_type=BigInteger)
    payment_refunded_minor: int | None = Field(default=None, sa_type=BigInteger)
    provider_paid_gross_minor: int | None = Field(default=None, sa_type=BigInteger)
    provider_paid_net_minor: int | None = Field(default=None, sa_type=BigInteger)
    platform_fee_minor: int | None = Field(default=None, sa_type=BigInteger)

    # Problem reports (disputes' events, see reports.py). While a report is open the lesson is not
    # confirmed automatically (MS-4); a provider_absent report makes the lesson missed, once.
    open_report_id: str | None = Field(default=None, max_length=100)
    missed_report_id: str | None = Field(default=None, max_length=100)
    missed_reported_by: str | None = Field(default=None, max_length=20)
    missed_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # How the miss was resolved, once (see booking.misses): by the provider or staff (promo code,
    # credit refund), the platform past the grace period, staff's card refund, or the report's own
    # resolution by the parties or staff.
    miss_remedy: str | None = Field(default=None, max_length=20)
    miss_resolved_by: str | None = Field(default=None, max_length=20)
    miss_resolved_by_user: str | None = Field(default=None, max_length=200)
    miss_resolved_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    promo_expires_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))

    # Moves on with every change (see changes.touch): the booking's ETag, for If-Match.
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())

    @property
    def price(self) -> Money:
        return Money(amount_minor=self.price_amount_minor, currency=self.price_currency)

    @property
    def policy(self) -> PolicyTerms:
        return PolicyTerms.model_validate(self.terms)

    @property
    def payment_facts(self) -> PaymentFacts:
        return PaymentFacts(self.payment_captured_minor, self.payment_refunded_minor,
                            self.provider_paid_gross_minor, self.payment_failure_code is not None)

    @property
    def miss_unresolved(self) -> bool:
        return self.missed_report_id is not None and self.miss_remedy is None

    @property
    def subject(self) -> str:
        return f"booking/{self.id}"
