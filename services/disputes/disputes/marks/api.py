"""DS-2: a user's disputed marks. Anyone reads their own; staff read anyone's of their marketplace."""

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func
from sqlmodel import select

from disputes.marks.models import DisputedMark
from disputes.marks.schemas import MarkOut, MarksOut
from shared.auth import CurrentIdentity, Role
from shared.errors import Forbidden
from shared.http import UoW

router = APIRouter(prefix="/v1/disputes", tags=["disputes"])


@router.get("/marks", summary="A user's disputed marks: the caller's own, or (staff) anyone's",
            responses={403: {"description": "staff-only: another user's marks"}})
async def get_marks(identity: CurrentIdentity, uow: UoW,
                    user_id: Annotated[str | None, Query(max_length=200)] = None,
                    limit: Annotated[int, Query(ge=1, le=100, description="How many recent marks to list")] = 20,
                    ) -> MarksOut:
    user_id = user_id or identity.user_id
    if user_id != identity.user_id and identity.role is not Role.STAFF:
        raise Forbidden("Only staff read another user's disputed marks.", slug="staff-only")
    scope = (DisputedMark.marketplace_id == identity.marketplace_id, DisputedMark.user_id == user_id)
    count = (await uow.session.exec(select(func.count()).select_from(DisputedMark).where(*scope))).one()
    recent = await uow.session.exec(select(DisputedMark).where(*scope)
                                    .order_by(DisputedMark.marked_at.desc()).limit(limit))
    return MarksOut(user_id=user_id, count=count, marks=[MarkOut.model_validate(m) for m in recent])
