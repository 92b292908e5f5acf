from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.ledger.balances import held_for_booking


class EscrowShortfall(Exception):
    """A refund or payout asks for more than escrow still holds of the booking (RF-3). Raised in an
    event handler it sends the event, after retries, to the dead-letter queue for people to look at."""


async def require_held(session: AsyncSession, marketplace_id: str, booking_id: str, amount_minor: int) -> None:
    held = await held_for_booking(session, marketplace_id, booking_id)
    if amount_minor > held:
        raise EscrowShortfall(f"booking {booking_id}: {amount_minor} asked of escrow, which holds {held}")
