"""disputes' events leave through the outbox relay and reach other services' queues on the
broker, typed by the shared contract, about the booking they concern."""

from shared.events import ProblemReported, ReportResolved
from shared.testing.nodes import eventually


async def test_a_report_and_its_resolution_reach_the_broker(desk, published):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider)
    report = await desk.filed(lesson, provider, resolution="full_refund_to_student")
    await desk.answer(report, student, "accept")

    async def both():
        about = [e for e in published if getattr(e.data, "report_id", None) == report["id"]]
        return about if {e.type for e in about} >= {ProblemReported.event_type, ReportResolved.event_type} else None

    events = await eventually(both)
    for envelope in events:
        assert (envelope.source, envelope.marketplace) == ("disputes", desk.id)
        assert envelope.subject == f"booking/{lesson.booking_id}"
    [resolved] = [e.data for e in events if e.type == ReportResolved.event_type]
    assert (resolved.resolution, resolved.refund_minor, resolved.currency) == ("full_refund_to_student", 5000, "EUR")
