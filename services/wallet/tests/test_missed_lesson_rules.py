"""The missed-lesson money rules as plain functions: the clawback's split, promo codes' shape and refusals."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.events import BookingRequested, Money
from wallet.clawbacks.split import clawback_split
from wallet.payouts.fees import split_fee
from wallet.promo_codes.codes import ALPHABET, LENGTH, new_code, normalise
from wallet.promo_codes.models import PromoCode, PromoCodeStatus
from wallet.promo_codes.refusals import refusal

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.rule("MS-3")
@pytest.mark.parametrize(("price", "bps", "keep"), [(2000, 1500, 0), (5000, 1000, 3000), (999, 333, 500),
                                                    (1, 10_000, 0), (7, 0, 7)])
def test_a_clawback_leaves_the_provider_and_platform_as_if_only_what_is_kept_was_paid(price, bps, keep):
    paid = split_fee(price, bps)
    back = clawback_split(price, paid.fee_minor, paid.net_minor, bps, keep)
    kept = split_fee(keep, bps)
    assert back.from_provider_minor >= 0 and back.from_fee_minor >= 0
    assert back.total_minor == price - keep
    assert (paid.net_minor - back.from_provider_minor, paid.fee_minor - back.from_fee_minor) == (kept.net_minor,
                                                                                                kept.fee_minor)


def test_a_clawback_cannot_keep_more_than_was_paid_out():
    with pytest.raises(ValueError, match="can keep"):
        clawback_split(1000, 100, 900, 1000, 1001)


@pytest.mark.rule("PC-1")
def test_codes_are_ten_unambiguous_characters_and_read_forgivingly():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500 and all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("ILOU") & set(ALPHABET)
    assert normalise("ab1-o0l i9") == "AB100119"  # case, dash and space dropped; O, L, I read as 0, 1, 1
    assert normalise(" 7q2k-ol4i ") == "7Q2K0141"


def promo(**changes) -> PromoCode:
    values = dict(id="promo_1", marketplace_id="m", code="7Q2K0141AB", student_id="stu", provider_id="pro",
                  missed_booking_id="b-0", value_minor=2000, currency="EUR", expires_at=NOW + timedelta(days=1),
                  status=PromoCodeStatus.ACTIVE, issue_transaction_id="txn_1")
    return PromoCode(**{**values, **changes})


def request(**changes) -> BookingRequested:
    values = dict(booking_id="b-1", student_id="stu", provider_id="pro", offering_id="o", starts_at=NOW,
                  ends_at=NOW + timedelta(hours=1), price=Money(amount_minor=2000, currency="EUR"),
                  payment_method="credits", promo_code="7Q2K0141AB")
    return BookingRequested(**{**values, **changes})


@pytest.mark.rule("PC-2")
@pytest.mark.parametrize(("code", "booking", "reason"), [
    (None, {}, "doesn't exist"),
    ({}, {"student_id": "stu-2"}, "another student"),
    ({}, {"provider_id": "pro-2"}, "another provider"),
    ({"status": PromoCodeStatus.USED, "replacement_booking_id": "b-9"}, {}, "already used"),
    ({"status": PromoCodeStatus.EXPIRED}, {}, "expired on"),
    ({"expires_at": NOW}, {}, "expired on"),
    ({"currency": "USD"}, {}, "in USD"),
])
def test_each_refusal_of_a_code_names_what_failed(code, booking, reason):
    refused = refusal(None if code is None else promo(**code), request(**booking), NOW)
    assert refused.code == "promo_code_refused" and reason in refused.reason


@pytest.mark.rule("PC-2")
def test_a_code_of_the_student_with_the_provider_before_its_expiry_is_accepted():
    assert refusal(promo(), request(), NOW) is None
