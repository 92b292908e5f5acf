from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from wallet.payouts.models import Payout

_ADD_PAYOUT = (
    "INSERT INTO payouts (id, marketplace_id, booking_id, provider_id, gross_minor, fee_minor, net_minor, fee_bps,"
    " currency, transaction_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
)


@dataclass(frozen=True)
class NewPayout:
    id: str
    marketplace_id: str
    booking_id: str
    provider_id: str
    gross_minor: int
    fee_minor: int
    net_minor: int
    fee_bps: int
    currency: str
    transaction_id: str


async def add_payout(session: AsyncSession, payout: NewPayout) -> None:
    await (await driver_connection(session)).execute(
        _ADD_PAYOUT, payout.id, payout.marketplace_id, payout.booking_id, payout.provider_id, payout.gross_minor,
        payout.fee_minor, payout.net_minor, payout.fee_bps, payout.currency, payout.transaction_id)


async def payout_of_booking(session: AsyncSession, marketplace_id: str, booking_id: str) -> Payout | None:
    return (await session.exec(select(Payout).where(
        Payout.marketplace_id == marketplace_id, Payout.booking_id == booking_id))).first()
