"""GET /v1/promo-codes: a student's own codes, a provider's issued codes, all of the marketplace for
staff; one code only for its student, its provider or staff (PL-2)."""

import pytest

from shared.auth import Role
from shared.events import PromoCodeIssued

from .missed_facts import miss_resolved, paid, with_promo_code


async def issue(wallet, mkt: str, booking_id: str, student: str, provider: str, price: int = 2000) -> str:
    await paid(wallet, mkt, booking_id, price, student=student, provider=provider)
    await wallet.handle(miss_resolved(wallet, mkt, booking_id, price, remedy="promo_code", student=student,
                                      provider=provider))
    [issued] = await wallet.events(mkt, PromoCodeIssued.event_type, subject=f"booking/{booking_id}")
    return issued.data.code


async def codes_seen(wallet, mkt: str, user: str, role: Role, **params) -> dict:
    response = await wallet.client.get("/v1/promo-codes", headers=wallet.auth(mkt, user, role), params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.rule("PC-1")
@pytest.mark.rule("PL-2")
async def test_each_sees_the_promo_codes_that_concern_them(wallet, mkt):
    mine = await issue(wallet, mkt, "b-1", "stu", "pro-1")
    theirs = await issue(wallet, mkt, "b-2", "stu-2", "pro-2")
    await wallet.handle(with_promo_code(wallet.requested(mkt, "b-3", "stu", 2000), mine))

    [seen] = (await codes_seen(wallet, mkt, "stu", Role.STUDENT))["items"]
    assert (seen["code"], seen["status"], seen["value"]["amount_minor"]) == (mine, "used", 2000)
    assert (seen["missed_booking_id"], seen["replacement_booking_id"]) == ("b-1", "b-3")
    assert [c["code"] for c in (await codes_seen(wallet, mkt, "pro-2", Role.PROVIDER))["items"]] == [theirs]
    first = await codes_seen(wallet, mkt, "staff-1", Role.STAFF, limit=1)
    second = await codes_seen(wallet, mkt, "staff-1", Role.STAFF, limit=1, cursor=first["next_cursor"])
    assert [first["items"][0]["code"], second["items"][0]["code"]] == [theirs, mine]
    assert second["next_cursor"] is None
    assert (await codes_seen(wallet, "mkt-elsewhere", "staff-1", Role.STAFF))["items"] == []


@pytest.mark.rule("PC-1")
@pytest.mark.rule("PL-2")
async def test_one_code_is_shown_to_its_student_provider_and_staff_and_to_nobody_else(wallet, mkt):
    code = await issue(wallet, mkt, "b-1", "stu", "pro-1", price=2500)
    for user, role in (("stu", Role.STUDENT), ("pro-1", Role.PROVIDER), ("staff-1", Role.STAFF)):
        response = await wallet.client.get(f"/v1/promo-codes/{code}", headers=wallet.auth(mkt, user, role))
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["status"], body["value"]["amount_minor"], body["missed_booking_id"]) == ("active", 2500, "b-1")
        assert body["expires_at"] and body["replacement_booking_id"] is None
    for user, role, marketplace in (("stu-2", Role.STUDENT, mkt), ("pro-2", Role.PROVIDER, mkt),
                                    ("staff-1", Role.STAFF, "mkt-elsewhere")):
        response = await wallet.client.get(f"/v1/promo-codes/{code}", headers=wallet.auth(marketplace, user, role))
        assert response.status_code == 404 and response.json()["type"] == "/problems/promo-code-not-found"
