"""The platform fee on a delivered lesson, rounded down: a fraction of a cent goes to the provider."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wallet.payouts.fees import FeeSplit, split_fee


@pytest.mark.parametrize(("price", "bps", "split"), [
    (1500, 0, FeeSplit(fee_minor=0, net_minor=1500)),
    (1500, 1000, FeeSplit(fee_minor=150, net_minor=1350)),
    (999, 1500, FeeSplit(fee_minor=149, net_minor=850)),   # 149.85 -> 149: the 0.85 stays with the provider
    (1, 9999, FeeSplit(fee_minor=0, net_minor=1)),
    (1500, 10_000, FeeSplit(fee_minor=1500, net_minor=0)),
    (0, 2000, FeeSplit(fee_minor=0, net_minor=0)),
])
def test_fee_is_rounded_down_in_the_providers_favour(price, bps, split):
    assert split_fee(price, bps) == split


@pytest.mark.parametrize("bps", [-1, 10_001])
def test_a_fee_outside_0_to_100_percent_is_refused(bps):
    with pytest.raises(ValueError, match="basis points"):
        split_fee(1000, bps)


def test_a_negative_price_is_refused():
    with pytest.raises(ValueError, match="negative"):
        split_fee(-1, 100)


@given(st.integers(0, 10**12), st.integers(0, 10_000))
def test_fee_and_net_add_up_and_the_fee_never_exceeds_its_exact_share(price, bps):
    split = split_fee(price, bps)
    assert split.fee_minor + split.net_minor == price
    assert split.fee_minor * 10_000 <= price * bps < (split.fee_minor + 1) * 10_000
