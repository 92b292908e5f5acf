"""Staff read their marketplace's desk: the alerts for the team, newest first."""

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import tuple_
from sqlmodel import select

from notifications.alerts.models import Alert
from notifications.preferences.kinds import AlertKind
from notifications.staffdesk.recipient import STAFF_DESK
from shared.auth import StaffIdentity
from shared.http import UoW
from shared.pagination import Cursor, Limit, Page, decode_cursor, page

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])


class DeskAlertOut(BaseModel):
    id: str
    kind: AlertKind
    subject: str
    lead: str
    facts: list[list[str]] = Field(description="[label, value] pairs: the provider, booking, amounts, times (UTC)")
    next_step: str | None
    text: str = Field(description="The whole alert as plain text")
    created_at: datetime


@router.get("/staff-desk", summary="Staff: the alerts for the marketplace's team, newest first")
async def get_staff_desk(staff: StaffIdentity, uow: UoW, limit: Limit = 20,
                         cursor: Cursor = None) -> Page[DeskAlertOut]:
    query = select(Alert).where(Alert.marketplace_id == staff.marketplace_id, Alert.user_id == STAFF_DESK)
    if cursor:
        query = query.where(tuple_(Alert.created_at, Alert.id) < decode_cursor(cursor, datetime, str))
    rows = list(await uow.session.exec(query.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(limit + 1)))
    items, next_cursor = page(rows, limit, lambda alert: (alert.created_at, alert.id))
    return Page(items=[DeskAlertOut(id=a.id, kind=a.kind, subject=a.subject, lead=a.lead, facts=a.facts,
                                    next_step=a.next_step, text=a.text, created_at=a.created_at) for a in items],
                next_cursor=next_cursor)
