"""Amounts as parties and staff send them (issue 13): a refund is a whole number of minor units, a
JSON integer ("100", true or 1.5 are refused, not read as 100 or 1), within the largest amount any
currency allows; each refusal a 422 naming the field. A lesson priced past a 32-bit integer, as
booking may now sell one, is recorded, split and decided whole."""

import pytest

from .desk import problem
from .test_disputes import disputed

LARGE_PRICE = 3_000_000_000  # 30 million euros in cents: past a 32-bit integer, inside the bound
NOT_AMOUNTS = ["100", True, 1.5, -1, 2 ** 31 * 50, 2 ** 63]
NOT_AMOUNT_IDS = ["string", "true", "float", "negative", "past-the-bound", "2^63"]


def refused_field(response, field: str) -> None:
    body = problem(response, 422, "validation-error")
    assert [e["field"] for e in body["errors"]] == [field], body


@pytest.mark.rule("DS-1")
@pytest.mark.parametrize("amount", NOT_AMOUNTS, ids=NOT_AMOUNT_IDS)
async def test_a_proposed_refund_that_is_not_a_whole_number_within_bounds_is_refused(desk, amount):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider, price_minor=LARGE_PRICE)
    refused_field(await desk.report(lesson, student, resolution="split", refund_minor=amount), "proposal.refund_minor")
    report = await desk.filed(lesson, student)
    refused_field(await desk.propose(report["id"], student, "split", refund_minor=amount), "refund_minor")
    assert (await desk.read(report["id"], student)).json()["proposals"] == []


@pytest.mark.rule("DS-3")
@pytest.mark.parametrize("amount", NOT_AMOUNTS, ids=NOT_AMOUNT_IDS)
async def test_a_decided_refund_that_is_not_a_whole_number_within_bounds_is_refused(desk, amount):
    report, _ = await disputed(desk, desk.student(), desk.provider(), price_minor=LARGE_PRICE)
    refused_field(await desk.decide(report["id"], desk.staff(), amount), "refund_minor")
    assert (await desk.read(report["id"], desk.staff())).json()["status"] == "escalated"


@pytest.mark.rule("DS-1")
async def test_a_lesson_priced_past_a_32_bit_integer_is_split_whole(desk):
    student, provider = desk.student(), desk.provider()
    lesson = await desk.lesson(student, provider, price_minor=LARGE_PRICE)
    report = await desk.filed(lesson, student, kind="technical_problem", resolution="split", refund_minor=2 ** 31)
    assert report["proposals"][0]["refund"] == {"amount_minor": 2 ** 31, "currency": "EUR"}
    accepted = await desk.answer(report, provider, "accept")
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["resolution"], accepted.json()["refund"]["amount_minor"]) == ("split", 2 ** 31)
    [event] = await desk.backstage.announced("disputes.report_resolved.v1", report["id"])
    assert event["refund_minor"] == 2 ** 31


@pytest.mark.rule("DS-3")
async def test_staff_decide_a_lesson_priced_past_a_32_bit_integer_whole(desk):
    report, _ = await disputed(desk, desk.student(), desk.provider(), price_minor=LARGE_PRICE)
    problem(await desk.decide(report["id"], desk.staff(), LARGE_PRICE + 1), 422, "invalid-refund")
    decided = await desk.decide(report["id"], desk.staff(), LARGE_PRICE - 1)
    assert decided.status_code == 200, decided.text
    assert (decided.json()["resolution"], decided.json()["refund"]["amount_minor"]) == ("split", LARGE_PRICE - 1)
    assert (await desk.read(report["id"], desk.staff())).json()["refund"]["amount_minor"] == LARGE_PRICE - 1
