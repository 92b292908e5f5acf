"""Promo codes: a student's own, those issued for a provider, all of a marketplace for staff (PC-1)."""

from datetime import datetime

from fastapi import APIRouter
from sqlalchemy import tuple_
from sqlmodel import select

from shared.auth import CurrentIdentity, Role
from shared.errors import NotFound
from shared.http import UoW
from shared.pagination import Cursor, Limit, Page, decode_cursor, page
from wallet.promo_codes.models import PromoCode
from wallet.promo_codes.repository import promo_code_by_code
from wallet.promo_codes.views import PromoCodeOut, may_see

router = APIRouter(prefix="/v1/promo-codes", tags=["promo codes"])


@router.get("", summary="The caller's promo codes (a provider's: issued for them; staff: the marketplace's), "
                        "newest first")
async def list_promo_codes(identity: CurrentIdentity, uow: UoW, cursor: Cursor = None,
                           limit: Limit = 50) -> Page[PromoCodeOut]:
    query = select(PromoCode).where(PromoCode.marketplace_id == identity.marketplace_id)
    if identity.role is Role.STUDENT:
        query = query.where(PromoCode.student_id == identity.user_id)
    elif identity.role is Role.PROVIDER:
        query = query.where(PromoCode.provider_id == identity.user_id)
    if cursor:
        created_at, promo_id = decode_cursor(cursor, datetime, str)
        query = query.where(tuple_(PromoCode.created_at, PromoCode.id) < tuple_(created_at, promo_id))
    rows = (await uow.session.exec(query.order_by(PromoCode.created_at.desc(), PromoCode.id.desc())
                                   .limit(limit + 1))).all()
    items, next_cursor = page(rows, limit, lambda promo: (promo.created_at, promo.id))
    return Page(items=[PromoCodeOut.of(promo) for promo in items], next_cursor=next_cursor)


@router.get("/{code}", summary="One promo code: its value, status, expiry and lessons",
            responses={404: {"description": "No such code the caller may see"}})
async def get_promo_code(code: str, identity: CurrentIdentity, uow: UoW) -> PromoCodeOut:
    promo = await promo_code_by_code(uow.session, identity.marketplace_id, code[:40])
    if promo is None or not may_see(identity, promo):
        # Someone else's code is answered like a code that doesn't exist (PL-2).
        raise NotFound("There is no promo code with this code.", slug="promo-code-not-found")
    return PromoCodeOut.of(promo)
