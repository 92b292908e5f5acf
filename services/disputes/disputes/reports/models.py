from datetime import datetime

from sqlalchemy import BigInteger, Index, text
from sqlmodel import Field

from disputes.clock import utcnow
from disputes.columns import timestamp
from disputes.db import Base
from disputes.ids import new_id
from disputes.reports.lifecycle import LIVE, ReportStatus

ONE_LIVE_REPORT = "uq_reports_one_live_per_lesson"


class Report(Base, table=True):
    __tablename__ = "reports"
    __table_args__ = (
        # MS-1 in the database: of two reports of one lesson filed at once, one is refused.
        Index(ONE_LIVE_REPORT, "marketplace_id", "booking_id", unique=True,
              postgresql_where=text("status IN ({})".format(", ".join(f"'{s}'" for s in sorted(LIVE))))),
        Index("ix_reports_lesson", "marketplace_id", "booking_id"),
        Index("ix_reports_reported", "marketplace_id", "reported_at", "id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    marketplace_id: str = Field(max_length=100)
    booking_id: str = Field(max_length=100)
    # The lesson's parties, copied so that every query can scope a report to its caller.
    student_id: str = Field(max_length=200)
    provider_id: str = Field(max_length=200)
    reporter_id: str = Field(max_length=200)
    reporter_role: str = Field(max_length=20)
    kind: str = Field(max_length=30)
    details: str = Field(default="", max_length=2000)
    status: str = Field(default=ReportStatus.OPEN, max_length=20)
    reported_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())
    # DS-5: a report still open then goes to staff. None once it is not waiting for the parties.
    answer_by: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    # How it ended: the accepted proposal or the staff decision.
    resolution: str | None = Field(default=None, max_length=40)
    refund_minor: int | None = Field(default=None, sa_type=BigInteger)  # 64-bit, as prices are
    currency: str | None = Field(default=None, max_length=3)
    resolved_at: datetime | None = Field(default=None, sa_column=timestamp(nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=timestamp())

    @property
    def report_status(self) -> ReportStatus:
        return ReportStatus(self.status)

    @property
    def subject(self) -> str:
        return f"booking/{self.booking_id}"
