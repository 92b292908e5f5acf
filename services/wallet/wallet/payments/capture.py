"""Taking a booking's price when booking asks for it: into escrow, or a failure with a reason (BK-2)."""

from dataclasses import replace

from shared.events import BookingRequested, PaymentCaptured, PaymentFailed
from shared.unit_of_work import UnitOfWork
from wallet.identifiers import new_id
from wallet.ledger import journal, posting_rules
from wallet.ledger.locks import lock_booking_money
from wallet.payments.from_card import take_from_card
from wallet.payments.from_credits import take_from_credits
from wallet.payments.models import PaymentStatus
from wallet.payments.outcomes import Refused, Taken
from wallet.payments.repository import NewPayment, add_payment, request_state
from wallet.promo_codes.redeem import pay_with_promo_code


async def take_payment(uow: UnitOfWork, marketplace_id: str, request: BookingRequested) -> None:
    await lock_booking_money(uow.session, marketplace_id, request.booking_id)
    state = await request_state(uow.session, marketplace_id, request.booking_id)
    if state.answered:
        return  # the same request again, maybe under another event id: it was answered the first time
    if state.released:
        return  # booking gave up on it before this request was handled: take nothing
    outcome = await _take(uow, marketplace_id, request)
    payment = _record_of(marketplace_id, request, outcome)
    await add_payment(uow.session, payment)
    subject = f"booking/{request.booking_id}"
    match outcome:
        case Taken(promo_code_id=promo_code_id):
            uow.emit(PaymentCaptured(booking_id=request.booking_id, payment_id=payment.id,
                                     student_id=request.student_id, amount=request.price,
                                     method=payment.method, promo_code_id=promo_code_id),
                     marketplace=marketplace_id, subject=subject)
        case Refused(code=code, reason=reason):
            uow.emit(PaymentFailed(booking_id=request.booking_id, student_id=request.student_id, code=code,
                                   reason=reason), marketplace=marketplace_id, subject=subject)


async def _take(uow: UnitOfWork, marketplace_id: str, request: BookingRequested) -> Taken | Refused:
    if request.price.amount_minor == 0:
        entry = posting_rules.capture_free_lesson(request.price.currency)
        return Taken(await journal.record(uow.session, marketplace_id, entry, booking_id=request.booking_id))
    if request.promo_code:
        return await pay_with_promo_code(uow, marketplace_id, request)
    if request.payment_method == "credits":
        return await take_from_credits(uow.session, marketplace_id, request)
    return await take_from_card(uow, marketplace_id, request)


def _record_of(marketplace_id: str, request: BookingRequested, outcome: Taken | Refused) -> NewPayment:
    asked = NewPayment(
        id=new_id("pay"), marketplace_id=marketplace_id, booking_id=request.booking_id,
        student_id=request.student_id, provider_id=request.provider_id, method=request.payment_method,
        payment_method_id=request.payment_method_id, amount_minor=request.price.amount_minor,
        currency=request.price.currency, status=PaymentStatus.FAILED)
    match outcome:
        case Taken(transaction_id=transaction_id, charge_id=charge_id):
            # promo_code: the code paid it all (PC-2)
            paid_by_code = outcome.promo_applied_minor == request.price.amount_minor > 0
            return replace(asked, status=PaymentStatus.CAPTURED, transaction_id=transaction_id, charge_id=charge_id,
                           promo_code_id=outcome.promo_code_id, promo_applied_minor=outcome.promo_applied_minor,
                           method="promo_code" if paid_by_code else asked.method)
        case Refused(code=code, reason=reason):
            return replace(asked, failure_code=code, failure_reason=reason)
