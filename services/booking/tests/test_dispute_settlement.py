"""DS-1, DS-3: a report ending in a refund to the student or a split, agreed by the parties or decided
by staff, settles the lesson's money once (booking.dispute_settled.v1) and the lesson for good; the
missed-lesson flow's own endings (decided by the provider or the platform) move no money here."""

import pytest

from booking.bookings.deadlines import AUTO_CONFIRM

from .misses import SETTLED, ended_lesson, resolve_report

DELIVERED = "booking.lesson_delivered.v1"


async def reported(market, **booking) -> tuple[dict, str]:
    lesson = await ended_lesson(market, **booking)
    report = (await market.disputes.report(lesson, by="provider", kind="student_absent")).data
    return lesson, report.report_id


@pytest.mark.rule("DS-1")
@pytest.mark.rule("RF-3")
async def test_a_split_the_parties_agreed_on_is_settled_once_and_for_good(new_market):
    market = await new_market("lessons", platform_fee_bps=1000)
    student = market.student()
    booking, report_id = await reported(market, student=student)
    first = await resolve_report(market, booking, "split", "parties", refund_minor=2000, report_id=report_id)
    await resolve_report(market, booking, "split", "parties", report_id=report_id, envelope=first)  # twice
    await market.wallet.handled(first, deliveries=2)
    await resolve_report(market, booking, "split", "parties", refund_minor=2000, report_id=report_id)  # re-announced

    [settled] = await market.backstage.announced(SETTLED, booking["id"])
    assert settled == {
        "booking_id": booking["id"], "student_id": booking["student_id"], "provider_id": booking["provider_id"],
        "report_id": report_id, "resolution": "split", "refund": {"amount_minor": 2000, "currency": "EUR"},
        "provider_keeps": {"amount_minor": 3000, "currency": "EUR"}, "platform_fee_bps": 1000}
    shown = await market.get(booking["id"], market.staff())
    assert shown["status"] == "settled" and shown["open_report_id"] is None
    assert AUTO_CONFIRM not in await market.backstage.timers(booking["id"])
    confirm = await market.act(booking["id"], "confirm-delivery", student)
    assert confirm.status_code == 409  # never delivered (paid in full) afterwards
    assert await market.backstage.announced(DELIVERED, booking["id"]) == []


@pytest.mark.rule("DS-3")
async def test_staffs_full_refund_decision_gives_the_whole_price_back(market):
    booking, report_id = await reported(market)
    await resolve_report(market, booking, "full_refund_to_student", "staff", refund_minor=None, report_id=report_id)
    [settled] = await market.backstage.announced(SETTLED, booking["id"])
    assert (settled["refund"]["amount_minor"], settled["provider_keeps"]["amount_minor"]) == (5000, 0)
    assert (await market.get(booking["id"], market.staff()))["status"] == "settled"


@pytest.mark.rule("DS-1")
@pytest.mark.rule("RF-3")
async def test_a_split_never_gives_back_more_than_the_price(market):
    booking, report_id = await reported(market)
    await resolve_report(market, booking, "split", "staff", refund_minor=9000, report_id=report_id)
    [settled] = await market.backstage.announced(SETTLED, booking["id"])
    assert (settled["refund"]["amount_minor"], settled["provider_keeps"]["amount_minor"]) == (5000, 0)


@pytest.mark.rule("DS-1")
@pytest.mark.parametrize(("resolution", "decided_by"), [("platform_refunded", "platform"),
                                                        ("provider_refunded_credits", "provider"),
                                                        ("reschedule", "parties"),
                                                        ("full_payment_to_provider", "parties")])
async def test_other_endings_move_no_money_here(market, resolution, decided_by):
    booking, report_id = await reported(market)
    await resolve_report(market, booking, resolution, decided_by, report_id=report_id)
    assert await market.backstage.announced(SETTLED, booking["id"]) == []
    assert (await market.get(booking["id"], market.staff()))["status"] == "confirmed"
