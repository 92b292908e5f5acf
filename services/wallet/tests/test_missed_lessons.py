"""booking.lesson_missed.v1 kept as the wallet's projection, once per booking, and shown with the
lesson's payment."""

import pytest

from shared.auth import Role

from .missed_facts import lesson_missed, paid


@pytest.mark.rule("MS-1")
@pytest.mark.rule("RF-3")
async def test_a_missed_lesson_is_kept_once_and_shown_with_its_payment(wallet, mkt):
    await paid(wallet, mkt, "b-1", 2200)
    missed = lesson_missed(wallet, mkt, "b-1", 2200)
    await wallet.handle(missed)
    await wallet.handle(missed)
    await wallet.handle(lesson_missed(wallet, mkt, "b-1", 2200))  # re-announced under another id

    rows = await wallet.rows("SELECT report_id, price_minor FROM missed_lessons WHERE marketplace_id = :mkt", mkt=mkt)
    assert [(row.report_id, row.price_minor) for row in rows] == [("rep-b-1", 2200)]
    response = await wallet.client.get("/v1/payments", params={"booking_id": "b-1"}, headers=wallet.auth(mkt, "stu"))
    [payment] = response.json()["items"]
    assert payment["missed"]["report_id"] == "rep-b-1" and payment["missed"]["price"]["amount_minor"] == 2200
    assert await wallet.held(mkt, "b-1") == 2200  # a miss alone moves no money: its resolution does
    other = await wallet.client.get("/v1/payments", params={"booking_id": "b-1"},
                                    headers=wallet.auth(mkt, "stu-2", Role.STUDENT))
    assert other.json()["items"] == []
