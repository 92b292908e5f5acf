"""Alerts for the marketplace's team (NT-2): a provider suspended (PS-1) goes to the provider and to
the staff desk, a failed card refund to the desk; staff of the marketplace read the desk, nobody
else does; each fact once (NT-5). The reinstatement is the provider's reactivation alert."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.events import CardRefundFailed, Money, ProviderReactivated, ProviderSuspended


async def desk(community, person) -> list[dict]:
    response = await community.api.get("/v1/alerts/staff-desk", headers=person.headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
@pytest.mark.rule("PS-1")
async def test_a_suspension_alerts_the_provider_and_the_staff_desk_once_and_reinstatement_the_provider(
        community, other_community):
    provider = await community.with_email(community.provider())
    at = datetime.now(UTC).replace(microsecond=0)
    suspended = ProviderSuspended(provider_id=provider.user_id, suspended_at=at, strikes=3, threshold=3,
                                  window_days=90, strike_ids=("st-1", "st-2", "st-3"))
    first = await community.publish(suspended, subject=f"provider/{provider.user_id}")
    await community.publish(suspended, envelope=first)  # the broker redelivers it
    await community.publish(ProviderReactivated(provider_id=provider.user_id, by="staff", staff_id="staff-1",
                                                reactivated_at=at + timedelta(days=1)))

    items = (await community.inbox(provider))["items"]
    assert [i["subject"] for i in items] == ["Your account was reactivated by the marketplace's team",
                                             "Your account is suspended"]
    assert ["Strikes", "3 in 90 days"] in items[1]["facts"] and "reinstate" in items[1]["next_step"]
    assert len(await community.settled(user_id=provider.user_id)) == 2

    [told] = await desk(community, community.staff())
    assert told["subject"] == f"Provider {provider.user_id} was suspended" and told["kind"] == "booking"
    assert ["Strike ids", "st-1, st-2, st-3"] in told["facts"]
    read = await community.api.get(f"/v1/alerts/{told['id']}", headers=community.staff("staff-2").headers)
    assert (read.status_code, read.json()["channels"]) == (200, [])
    assert await desk(other_community, other_community.staff()) == []  # another marketplace's team


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
@pytest.mark.rule("PL-2")
async def test_a_failed_card_refund_alerts_the_desk_which_only_staff_read(community):
    student, provider = community.student(), community.provider()
    booking_id = uuid.uuid4().hex
    failed = CardRefundFailed(booking_id=booking_id, card_refund_id=uuid.uuid4().hex, student_id=student.user_id,
                              amount=Money(amount_minor=5000, currency="EUR"), reason="The card has expired.")
    first = await community.publish(failed, subject=f"booking/{booking_id}")
    await community.publish(failed, envelope=first)
    await community.publish(failed, subject=f"booking/{booking_id}")  # the wallet announces it again

    [told] = await desk(community, community.staff())
    assert told["subject"] == "A card refund of EUR 50.00 failed" and ["Why", "The card has expired."] in told["facts"]
    assert (await community.inbox(student))["items"] == []  # staff's to act on
    for outsider in (student, provider):
        refused = await community.api.get("/v1/alerts/staff-desk", headers=outsider.headers)
        assert (refused.status_code, refused.json()["type"]) == (403, "/problems/role-required")
        assert (await community.api.get(f"/v1/alerts/{told['id']}", headers=outsider.headers)).status_code == 404
