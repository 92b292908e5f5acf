"""What holds a report in place whatever the callers do: the database's own constraint on one live
report per lesson (MS-1), and one filing per Idempotency-Key (PL-4)."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError


@pytest.mark.rule("MS-1")
async def test_the_database_itself_holds_one_live_report_per_lesson(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    await desk.filed(lesson, student)
    engine = desk.backstage.runtime.engine
    with pytest.raises(IntegrityError, match="uq_reports_one_live_per_lesson"):
        async with engine.begin() as conn:  # past the application's checks, straight into the table
            await conn.execute(text(
                "INSERT INTO reports (id, marketplace_id, booking_id, student_id, provider_id, reporter_id, "
                "reporter_role, kind, details, status, reported_at, updated_at) SELECT md5(random()::text), "
                "marketplace_id, booking_id, student_id, provider_id, provider_id, 'provider', 'student_absent', "
                "'', 'open', now(), now() FROM reports WHERE booking_id = :b"), {"b": lesson.booking_id})


@pytest.mark.rule("PL-4")
async def test_a_report_sent_twice_with_one_idempotency_key_is_filed_once(desk):
    student = desk.student()
    lesson = await desk.lesson(student=student)
    body = {"booking_id": lesson.booking_id, "kind": "provider_absent", "details": "No show."}
    headers = {**student.headers, "Idempotency-Key": "report-once"}
    first, again = [await desk.api.post("/v1/reports", json=body, headers=headers) for _ in range(2)]
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    listed = await desk.api.get("/v1/reports", params={"booking_id": lesson.booking_id}, headers=student.headers)
    assert len(listed.json()["items"]) == 1
