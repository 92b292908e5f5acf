"""PC-1: a missed lesson turned into a promo code. Its value leaves the missed booking's escrow for the
code's own account, once per booking (a promo_issue transaction, unique per booking in the journal),
after clawing the payout back if the lesson had been paid out. An expiry timer gives it back unused."""

from datetime import timedelta

import structlog

from shared.events import MissResolved, Money, PromoCodeIssued
from shared.unit_of_work import UnitOfWork
from wallet.clawbacks.clawback import claw_back
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.booking_money import booking_money
from wallet.ledger.locks import lock_booking_money
from wallet.promo_codes.expiry import EXPIRY
from wallet.promo_codes.models import PromoCode
from wallet.promo_codes.repository import promo_code_of_missed_booking, unused_code

log = structlog.get_logger(__name__)

# Booking sets the expiry from the marketplace's policy; this is RULES.md's default should it not.
DEFAULT_VALIDITY = timedelta(days=90)


async def issue_promo_code(uow: UnitOfWork, marketplace_id: str, resolved: MissResolved) -> None:
    session, booking_id = uow.session, resolved.booking_id
    await lock_booking_money(session, marketplace_id, booking_id)
    if await promo_code_of_missed_booking(session, marketplace_id, booking_id) is not None:
        return  # issued already: the same resolution again
    money = await booking_money(session, marketplace_id, booking_id)
    money = money.after_clawback(await claw_back(uow, money))
    value = min(resolved.amount.amount_minor, money.held_minor)
    if value <= 0:
        log.info("promo_code.nothing_left_to_hold", booking_id=booking_id, marketplace_id=marketplace_id)
        return
    currency = resolved.amount.currency
    promo_code_id = new_id("promo")
    entry = posting_rules.promo_issue(promo_code_id, value, currency)
    transaction_id = await journal.record(session, marketplace_id, entry, booking_id=booking_id)
    expires_at = resolved.promo_expires_at or resolved.resolved_at + DEFAULT_VALIDITY
    promo = PromoCode(id=promo_code_id, marketplace_id=marketplace_id, code=await unused_code(session, marketplace_id),
                      student_id=resolved.student_id, provider_id=resolved.provider_id, missed_booking_id=booking_id,
                      value_minor=value, currency=currency, expires_at=expires_at, issue_transaction_id=transaction_id)
    session.add(promo)
    await uow.schedule(EXPIRY, promo_code_id, expires_at, marketplace=marketplace_id)
    uow.emit(PromoCodeIssued(promo_code_id=promo_code_id, code=promo.code, booking_id=booking_id,
                             student_id=resolved.student_id, provider_id=resolved.provider_id,
                             value=Money(amount_minor=value, currency=currency), expires_at=expires_at),
             marketplace=marketplace_id, subject=f"booking/{booking_id}")
