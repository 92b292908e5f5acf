"""PC-2: a booking paid with a promo code. The code pays up to its value, the booking's payment method
(credits or card) the rest, in the one capture transaction; the code is then used by this booking
(the database allows one booking per code). The replacement's escrow thus holds its whole price, and
its normal payout pays the provider once for the missed lesson and its replacement together.

A booking a code paid is refunded as credits, should it be declined, cancelled or released later
(refunds.refund): the code's value can't go back to a card that never paid it."""

from datetime import UTC, datetime

from shared.events import BookingRequested, Money, PromoCodeRedeemed
from shared.unit_of_work import UnitOfWork
from wallet.ledger import journal, posting_rules
from wallet.ledger.entries import AccountRef
from wallet.payments.from_card import charge_card
from wallet.payments.from_credits import credits_cover
from wallet.payments.outcomes import NOT_ENOUGH_CREDITS, Refused, Taken
from wallet.promo_codes.expiry import EXPIRY
from wallet.promo_codes.give_back import LEFT_OVER, give_back_to_credits
from wallet.promo_codes.models import PromoCode, PromoCodeStatus
from wallet.promo_codes.refusals import refusal
from wallet.promo_codes.repository import promo_code_by_code


async def pay_with_promo_code(uow: UnitOfWork, marketplace_id: str, request: BookingRequested) -> Taken | Refused:
    session, price = uow.session, request.price
    promo = await promo_code_by_code(session, marketplace_id, request.promo_code or "", for_update=True)
    refused = refusal(promo, request, datetime.now(UTC))
    if refused is not None:
        return refused
    applied = min(promo.value_minor, price.amount_minor)
    remainder = Money(amount_minor=price.amount_minor - applied, currency=price.currency)
    source, charge_id = await _pay_remainder(uow, marketplace_id, request, remainder)
    if isinstance(source, Refused):
        return source  # nothing moved; the code stays as it was
    entry = posting_rules.capture_with_promo(promo.id, applied, source, remainder.amount_minor, price.currency)
    transaction_id = await journal.record(session, marketplace_id, entry, booking_id=request.booking_id)
    await _use(uow, promo, request, applied)
    return Taken(transaction_id, charge_id, promo_code_id=promo.id, promo_applied_minor=applied)


async def _pay_remainder(uow: UnitOfWork, marketplace_id: str, request: BookingRequested,
                         remainder: Money) -> tuple[AccountRef | Refused | None, str | None]:
    if remainder.amount_minor == 0:
        return None, None
    if request.payment_method == "credits":
        if not await credits_cover(uow.session, marketplace_id, request.student_id, remainder):
            return NOT_ENOUGH_CREDITS, None
        return posting_rules.student_credits(request.student_id), None
    charged = await charge_card(uow, marketplace_id, request, remainder)
    if isinstance(charged, Refused):
        return charged, None
    return posting_rules.CARD_PROCESSOR, charged


async def _use(uow: UnitOfWork, promo: PromoCode, request: BookingRequested, applied: int) -> None:
    promo.status, promo.replacement_booking_id = PromoCodeStatus.USED, request.booking_id
    promo.used_at = datetime.now(UTC)
    uow.session.add(promo)
    await uow.cancel_timer(EXPIRY, promo.id)
    uow.emit(PromoCodeRedeemed(promo_code_id=promo.id, code=promo.code, booking_id=request.booking_id,
                               missed_booking_id=promo.missed_booking_id, student_id=promo.student_id,
                               provider_id=promo.provider_id, applied=Money(amount_minor=applied,
                                                                            currency=promo.currency)),
             marketplace=promo.marketplace_id, subject=f"booking/{request.booking_id}")
    if left_over := promo.value_minor - applied:
        reason = (f"Your promo code {promo.code} paid for a lesson that cost less than its value; what was left "
                  "was refunded as wallet credits.")
        await give_back_to_credits(uow, promo, left_over, LEFT_OVER, reason)
