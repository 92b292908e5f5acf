"""DS-2: a report that ends in anything but a successful reschedule gives both parties a
"disputed" mark; a reschedule gives none. Marks are counted per user; staff read anyone's."""

import pytest

from .desk import problem


async def resolve(desk, student, provider, resolution: str, **amount) -> dict:
    report = await desk.filed(await desk.lesson(student, provider), student, resolution=resolution, **amount)
    accepted = await desk.answer(report, provider, "accept")
    assert accepted.status_code == 200, accepted.text
    return accepted.json()


@pytest.mark.rule("DS-2")
async def test_every_ending_but_a_reschedule_marks_both_parties(desk):
    student, provider = desk.student(), desk.provider()
    refunded = await resolve(desk, student, provider, "full_refund_to_student")
    await resolve(desk, student, provider, "reschedule")
    await resolve(desk, student, provider, "split", refund_minor=1000)
    for party in (student, provider):
        marks = (await desk.marks(party)).json()
        assert (marks["user_id"], marks["count"]) == (party.user_id, 2)
        assert [m["resolution"] for m in marks["marks"]] == ["split", "full_refund_to_student"]
    assert refunded["id"] in [m["report_id"] for m in (await desk.marks(student)).json()["marks"]]


@pytest.mark.rule("DS-2")
async def test_a_successful_reschedule_gives_no_mark(desk):
    student, provider = desk.student(), desk.provider()
    await resolve(desk, student, provider, "reschedule")
    assert (await desk.marks(student)).json()["count"] == 0
    assert (await desk.marks(provider)).json()["count"] == 0


@pytest.mark.rule("DS-2")
async def test_staff_read_anyones_marks_and_users_only_their_own(desk, new_desk):
    student, provider = desk.student(), desk.provider()
    await resolve(desk, student, provider, "full_payment_to_provider")
    assert (await desk.marks(desk.staff(), user_id=provider.user_id)).json()["count"] == 1
    problem(await desk.marks(student, user_id=provider.user_id), 403, "staff-only")
    assert (await desk.marks(provider, user_id=provider.user_id)).json()["count"] == 1
    elsewhere = new_desk()  # the same user id in another marketplace has a record of its own
    assert (await elsewhere.marks(elsewhere.staff(), user_id=provider.user_id)).json()["count"] == 0
