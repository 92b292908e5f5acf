from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from wallet.topups.models import TopUp


async def top_up_of_charge(session: AsyncSession, marketplace_id: str, charge_id: str) -> TopUp | None:
    return (await session.exec(select(TopUp).where(
        TopUp.marketplace_id == marketplace_id, TopUp.charge_id == charge_id))).first()
