"""How much of a payout comes back, and from whom. Pure."""

from dataclasses import dataclass

from wallet.payouts.fees import split_fee


@dataclass(frozen=True)
class ClawbackSplit:
    from_provider_minor: int
    from_fee_minor: int

    @property
    def total_minor(self) -> int:
        return self.from_provider_minor + self.from_fee_minor


def clawback_split(gross_minor: int, fee_minor: int, net_minor: int, fee_bps: int,
                   keep_minor: int = 0) -> ClawbackSplit:
    """What to take back of a payout (gross = fee + net, at fee_bps) so that the provider ends up paid
    for `keep_minor` of it, as if only that had been paid out: 0 takes everything back. Both parts are
    never negative, since a larger price never has a smaller fee or net."""
    if not 0 <= keep_minor <= gross_minor:
        raise ValueError(f"the provider can keep 0..{gross_minor} of the payout, not {keep_minor}")
    kept = split_fee(keep_minor, fee_bps)
    return ClawbackSplit(from_provider_minor=net_minor - kept.net_minor, from_fee_minor=fee_minor - kept.fee_minor)
