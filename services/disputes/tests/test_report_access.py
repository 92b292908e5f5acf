"""Only a report's lesson parties and their marketplace's staff read it; to anyone else it doesn't
exist (PL-1, PL-2)."""

import pytest

from .desk import problem


@pytest.mark.rule("PL-2")
async def test_a_stranger_finds_no_report_and_lists_none(desk):
    student = desk.student()
    report = await desk.filed(await desk.lesson(student=student), student)
    stranger = desk.student("stranger")
    for response in [await desk.read(report["id"], stranger), await desk.read(report["id"], desk.provider("other")),
                     await desk.propose(report["id"], stranger, "reschedule"),
                     await desk.escalate(report["id"], stranger)]:
        assert problem(response, 404, "report-not-found") and student.user_id not in response.text
    assert (await desk.api.get("/v1/reports", headers=stranger.headers)).json()["items"] == []


@pytest.mark.rule("PL-1")
async def test_another_marketplaces_staff_find_nothing(desk, new_desk):
    report = await desk.filed(await desk.lesson(), desk.student())
    elsewhere = new_desk()
    problem(await elsewhere.read(report["id"], elsewhere.staff()), 404, "report-not-found")
    problem(await elsewhere.decide(report["id"], elsewhere.staff(), 0), 404, "report-not-found")
    assert (await elsewhere.api.get("/v1/reports", headers=elsewhere.staff().headers)).json()["items"] == []


@pytest.mark.rule("PL-2")
async def test_each_party_lists_their_own_reports_a_page_at_a_time(desk):
    student, provider = desk.student(), desk.provider()
    mine = [await desk.filed(await desk.lesson(student, provider), student) for _ in range(3)]
    await desk.filed(await desk.lesson(desk.student("other"), provider), provider)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await desk.api.get("/v1/reports", params=params, headers=student.headers)).json()
        seen += [r["id"] for r in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert seen == [r["id"] for r in reversed(mine)]
    assert len((await desk.api.get("/v1/reports", headers=provider.headers)).json()["items"]) == 4
