"""The platform's fee on a delivered lesson.

Rounding rule: the fee is rounded *down* to the minor unit, so any fraction of a cent goes to the
provider, never to the platform (fee = floor(price * bps / 10000), net = price - fee).
"""

from dataclasses import dataclass

BPS_PER_WHOLE = 10_000


@dataclass(frozen=True)
class FeeSplit:
    fee_minor: int
    net_minor: int


def split_fee(price_minor: int, fee_bps: int) -> FeeSplit:
    if price_minor < 0:
        raise ValueError(f"price must not be negative, got {price_minor}")
    if not 0 <= fee_bps <= BPS_PER_WHOLE:
        raise ValueError(f"platform fee must be 0..{BPS_PER_WHOLE} basis points, got {fee_bps}")
    fee = price_minor * fee_bps // BPS_PER_WHOLE
    return FeeSplit(fee_minor=fee, net_minor=price_minor - fee)
