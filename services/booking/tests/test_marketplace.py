"""The marketplace's policy as booking runs it: the preset with its overrides."""

import pytest


async def test_the_marketplace_shows_its_effective_policy_and_the_overrides_it_set_aside(new_market):
    market = await new_market("therapy", platform_fee_bps=800, free_lunch=True)
    answer = (await market.api.get("/v1/marketplace", headers=market.student().headers)).json()
    policy = answer["policy"]
    assert answer["id"] == market.id and policy["preset"] == "therapy"
    assert policy["terms"]["student_notice_hours"] == 48 and policy["terms"]["initial_session_staff_only"] is True
    assert policy["terms"]["platform_fee_bps"] == 800
    assert policy["ignored_overrides"] == {"free_lunch": "unknown setting"}


@pytest.mark.rule("PL-5")
async def test_a_policy_change_is_for_staff_and_an_unknown_setting_is_refused(market):
    student, staff = market.student(), market.staff()
    body = {"preset": "studio", "overrides": {}}
    assert (await market.api.put("/v1/marketplace/policy", headers=student.headers, json=body)).status_code == 403
    unknown = await market.api.put("/v1/marketplace/policy", headers=staff.headers,
                                   json={"preset": "studio", "overrides": {"notice": 4}})
    assert unknown.status_code == 422
    [error] = unknown.json()["errors"]
    assert error["field"] == "overrides" and "notice" in error["message"]
    assert (await market.api.get("/v1/marketplace", headers=staff.headers)).json()["policy"]["preset"] == "lessons"
