"""Blocked periods: times a provider is not available, whatever their weekly hours say (BK-4)."""

from fastapi import APIRouter, status

from booking.answers import PROFILE_MISSING
from booking.availability.models import Block
from booking.availability.problems import BlockInPast
from booking.availability.schemas import BlockIn, BlockOut
from booking.availability.store import find_block, upcoming_blocks
from booking.clock import utcnow
from booking.providers.profiles import own_profile
from booking.roles import ProviderIdentity
from shared.http import UoW
from shared.openapi import problem_answers

router = APIRouter(prefix="/v1/providers/me/blocks", tags=["availability"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Block out a period",
             responses=problem_answers(PROFILE_MISSING, BlockInPast))
async def post_block(request: BlockIn, identity: ProviderIdentity, uow: UoW) -> BlockOut:
    # Bookings already in the period stand: a block only stops new ones (cancelling is CX's).
    # A period that has ended stops nothing: most likely a slip of the date, so say so.
    now = utcnow()
    if request.ends_at <= now:
        raise BlockInPast(now)
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id)
    block = Block(marketplace_id=provider.marketplace_id, provider_id=provider.id, starts_at=request.starts_at,
                  ends_at=request.ends_at, reason=request.reason)
    uow.session.add(block)
    await uow.commit()
    return BlockOut.model_validate(block)


@router.get("", summary="The caller's blocked periods that have not ended",
            responses=problem_answers(PROFILE_MISSING))
async def get_blocks(identity: ProviderIdentity, uow: UoW) -> list[BlockOut]:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id)
    return [BlockOut.model_validate(b) for b in await upcoming_blocks(uow.session, provider, utcnow())]


@router.delete("/{block_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Offer a blocked period again",
               responses=problem_answers(PROFILE_MISSING, (404, "`block-not-found`: No such block of yours")))
async def delete_block(block_id: str, identity: ProviderIdentity, uow: UoW) -> None:
    provider = await own_profile(uow.session, identity.marketplace_id, identity.user_id)
    await uow.session.delete(await find_block(uow.session, provider, block_id))
    await uow.commit()
