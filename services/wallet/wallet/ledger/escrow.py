class EscrowShortfall(Exception):
    """A refund or payout asks for more than escrow still holds of the booking (RF-3). Raised in an
    event handler it sends the event, after retries, to the dead-letter queue for people to look at."""


def require_held(booking_id: str, held_minor: int, amount_minor: int) -> None:
    """`held_minor`: what escrow holds of the booking, read under the booking's money lock."""
    if amount_minor > held_minor:
        raise EscrowShortfall(f"booking {booking_id}: {amount_minor} asked of escrow, which holds {held_minor}")
