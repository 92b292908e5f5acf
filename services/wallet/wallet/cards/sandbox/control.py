"""The sandbox processor's control panel: what a test or a demo does to the "external" processor that
no card number can, such as an outage of the whole merchant account (refunds included)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from wallet.cards.sandbox.models import SandboxOutage

outages = SandboxOutage.__table__


async def start_outage(engine: AsyncEngine, merchant: str, lasting: timedelta = timedelta(hours=1)) -> None:
    until = datetime.now(UTC) + lasting
    async with engine.begin() as conn:
        await conn.execute(insert(outages).values(marketplace_id=merchant, until=until)
                           .on_conflict_do_update(index_elements=["marketplace_id"], set_={"until": until}))


async def end_outage(engine: AsyncEngine, merchant: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(delete(outages).where(outages.c.marketplace_id == merchant))


async def in_outage(engine: AsyncEngine, merchant: str) -> bool:
    async with engine.connect() as conn:
        until = (await conn.execute(select(outages.c.until).where(outages.c.marketplace_id == merchant))).scalar()
    return until is not None and until > datetime.now(UTC)
