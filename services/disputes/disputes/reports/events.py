"""A report's own facts as events (shared.events.disputes is the contract)."""

from disputes.reports.models import Report
from shared.events import ProblemReported, ReportResolved

EXCERPT_CHARS = 200


def problem_reported(report: Report) -> ProblemReported:
    excerpt = report.details[:EXCERPT_CHARS] or None
    return ProblemReported(
        report_id=report.id, booking_id=report.booking_id, reporter_id=report.reporter_id,
        reporter_role=report.reporter_role, kind=report.kind, details_excerpt=excerpt,
        student_id=report.student_id, provider_id=report.provider_id, reported_at=report.reported_at)


def report_resolved(report: Report, decided_by: str) -> ReportResolved:
    return ReportResolved(
        report_id=report.id, booking_id=report.booking_id, resolution=report.resolution,
        refund_minor=report.refund_minor, currency=report.currency, decided_by=decided_by,
        student_id=report.student_id, provider_id=report.provider_id)
