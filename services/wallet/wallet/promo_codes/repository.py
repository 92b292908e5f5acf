from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.promo_codes.codes import new_code, normalise
from wallet.promo_codes.models import PromoCode


async def promo_code_of_missed_booking(session: AsyncSession, marketplace_id: str,
                                       booking_id: str) -> PromoCode | None:
    return (await session.exec(select(PromoCode).where(
        PromoCode.marketplace_id == marketplace_id, PromoCode.missed_booking_id == booking_id))).first()


async def promo_code_by_code(session: AsyncSession, marketplace_id: str, typed: str,
                             for_update: bool = False) -> PromoCode | None:
    """The code as typed (see codes.normalise); locked until the transaction ends when asked, so a
    redemption and the expiry, or two redemptions, take turns."""
    query = select(PromoCode).where(PromoCode.marketplace_id == marketplace_id, PromoCode.code == normalise(typed))
    return (await session.exec(query.with_for_update() if for_update else query)).first()


async def locked_promo_code(session: AsyncSession, promo_code_id: str) -> PromoCode | None:
    return (await session.exec(select(PromoCode).where(PromoCode.id == promo_code_id).with_for_update())).first()


async def unused_code(session: AsyncSession, marketplace_id: str) -> str:
    """A code no other promo code of the marketplace has. A clash of 50 random bits is all but
    impossible; the unique constraint stays the last word."""
    while True:
        code = new_code()
        if await promo_code_by_code(session, marketplace_id, code) is None:
            return code
