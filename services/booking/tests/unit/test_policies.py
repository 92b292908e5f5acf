"""Policy presets, overrides and the terms a booking keeps, without I/O."""

import pytest

from booking.marketplaces.schemas import PolicyChange
from booking.policies.overrides import apply_overrides, check_overrides, effective_policy
from booking.policies.presets import PRESETS, PresetName, UnknownPreset, preset


def test_the_four_presets_of_the_rules_table():
    coaching, lessons, therapy, studio = (PRESETS[p] for p in PresetName)
    assert (coaching.student_notice_hours, lessons.student_notice_hours, therapy.student_notice_hours) == (24, 24, 48)
    assert studio.student_notice_hours is None  # the course's policy decides
    assert [p.provider_must_accept for p in (coaching, lessons, therapy, studio)] == [True, False, False, False]
    assert [p.initial_session_staff_only for p in (coaching, lessons, therapy, studio)] == [False, False, True, False]
    assert studio.provider_refund_form == "credit_bundle" and coaching.provider_refund_form == "credits"
    for terms in PRESETS.values():
        assert (terms.card_refund_window_days, terms.report_window_days, terms.auto_confirm_after_days) == (30, 30, 7)
        assert (terms.miss_grace_hours, terms.strikes_threshold, terms.strikes_window_days) == (72, 3, 90)
        assert terms.reminder_offsets_hours == (24, 1)
        assert (terms.acceptance_timeout_hours, terms.platform_fee_bps) == (24, 0)


def test_overrides_from_registration_apply_what_is_known_and_set_the_rest_aside():
    policy = effective_policy("lessons", {"platform_fee_bps": 1500, "auto_confirm_after_days": 3,
                                          "free_lunch": True, "miss_grace_hours": -1})
    assert policy.terms.platform_fee_bps == 1500 and policy.terms.auto_confirm_after_days == 3
    assert policy.terms.miss_grace_hours == 72  # the preset's, the override being invalid
    assert set(policy.ignored) == {"free_lunch", "miss_grace_hours"}
    assert policy.ignored["free_lunch"] == "unknown setting"


def test_an_unknown_preset_is_an_error():
    with pytest.raises(UnknownPreset, match="coaching, lessons, therapy, studio"):
        preset("yoga")


def test_a_staff_change_of_policy_is_strict_and_names_the_setting():
    assert PolicyChange.model_validate({"preset": "therapy", "overrides": {"student_notice_hours": 72}})
    with pytest.raises(ValueError, match="free_lunch"):
        PolicyChange.model_validate({"preset": "therapy", "overrides": {"free_lunch": True}})
    with pytest.raises(ValueError, match="platform_fee_bps"):
        PolicyChange.model_validate({"preset": "therapy", "overrides": {"platform_fee_bps": 20_000}})
    with pytest.raises(ValueError, match="platform_fee_bps"):
        check_overrides({"platform_fee_bps": "lots"})


def test_an_offering_overrides_its_marketplace_for_its_bookings():
    marketplace = effective_policy("coaching", {"platform_fee_bps": 1000}).terms
    terms = apply_overrides(marketplace, {"student_notice_hours": 48}).terms
    assert (terms.student_notice_hours, terms.platform_fee_bps, terms.provider_must_accept) == (48, 1000, True)


@pytest.mark.rule("BK-6")
def test_the_terms_a_booking_keeps_survive_their_round_trip_through_json():
    terms = effective_policy("studio", {"reminder_offsets_hours": [48, 2]}).terms
    kept = terms.model_dump(mode="json")
    assert type(terms).model_validate(kept) == terms


@pytest.mark.parametrize("offsets", [[10 ** 30], [0], [-24], [24 * 30 + 1]])
def test_reminder_offsets_are_within_a_month_before_the_lesson_as_notifications_applies_them(offsets):
    # Issue 13: an unbounded offset was taken and shown as the policy, though notifications ignores it.
    with pytest.raises(ValueError, match="reminder_offsets_hours"):
        PolicyChange.model_validate({"preset": "lessons", "overrides": {"reminder_offsets_hours": offsets}})
    policy = effective_policy("lessons", {"reminder_offsets_hours": offsets})
    assert policy.terms.reminder_offsets_hours == (24, 1) and set(policy.ignored) == {"reminder_offsets_hours"}
    assert effective_policy("lessons", {"reminder_offsets_hours": [24 * 30, 1]}).terms.reminder_offsets_hours == (
        720, 1)
