"""The disputes service's side, played by the test: its report events on the run's exchange, the way
disputes publishes them, for booking's real consumer to handle (through the wallet stand-in's
publisher, which waits until the consumer is done)."""

import uuid
from datetime import UTC, datetime

from shared.events import Envelope, ProblemReported, ReportResolved


class DisputesStandIn:
    def __init__(self, market):
        self.market = market

    async def report(self, booking: dict, kind: str = "technical_problem", by: str = "student",
                     report_id: str | None = None, wait: bool = True) -> Envelope:
        reporter_id = booking["student_id"] if by == "student" else booking["provider_id"]
        data = ProblemReported(
            report_id=report_id or uuid.uuid4().hex, booking_id=booking["id"], reporter_id=reporter_id,
            reporter_role=by, kind=kind, details_excerpt="It did not go as booked.",
            student_id=booking["student_id"], provider_id=booking["provider_id"], reported_at=datetime.now(UTC))
        return await self.publish(data, booking, wait=wait)

    async def resolve(self, booking: dict, report_id: str, resolution: str = "full_payment_to_provider",
                      decided_by: str = "parties", wait: bool = True) -> Envelope:
        data = ReportResolved(report_id=report_id, booking_id=booking["id"], resolution=resolution,
                              refund_minor=0 if resolution == "full_payment_to_provider" else None,
                              currency=booking["price"]["currency"], decided_by=decided_by,
                              student_id=booking["student_id"], provider_id=booking["provider_id"])
        return await self.publish(data, booking, wait=wait)

    async def publish(self, data, booking: dict, envelope: Envelope | None = None, wait: bool = True) -> Envelope:
        return await self.market.wallet.publish(data, source="disputes", subject=f"booking/{booking['id']}",
                                                envelope=envelope, wait=wait)
