"""What the wallet holds of one booking, read in one statement under the booking's money lock
(ledger.locks): its payment, its payout, whether a refund decision or a clawback was carried out
already, and what escrow still holds. Refunds, payouts and clawbacks decide from it."""

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from shared.database import driver_connection
from shared.events import Money
from wallet.ledger.balances import HELD_FOR_BOOKING
from wallet.payments.models import PaymentStatus
from wallet.payments.repository import NoCapturedPayment

# $1 marketplace, $2 booking, $3 the refund decision asked about (NULL: none).
_BOOKING_MONEY = (
    "SELECT pay.id AS payment_id, pay.status, pay.method, pay.student_id, pay.provider_id, pay.amount_minor,"
    " pay.currency, pay.charge_id, pay.promo_code_id,"
    " po.provider_id AS payout_provider_id, po.gross_minor, po.fee_minor, po.net_minor, po.fee_bps,"
    " po.currency AS payout_currency,"
    " EXISTS (SELECT 1 FROM refunds r WHERE r.marketplace_id = $1 AND r.booking_id = $2 AND r.decision_id = $3)"
    " AS decision_refunded,"
    " EXISTS (SELECT 1 FROM ledger_transactions c WHERE c.marketplace_id = $1 AND c.booking_id = $2"
    " AND c.kind = 'clawback') AS clawed_back,"
    f" ({HELD_FOR_BOOKING}) AS held_minor"
    " FROM (VALUES (1)) AS booking"
    " LEFT JOIN payments pay ON pay.marketplace_id = $1 AND pay.booking_id = $2"
    " LEFT JOIN payouts po ON po.marketplace_id = $1 AND po.booking_id = $2"
)


@dataclass(frozen=True)
class PaymentFacts:
    id: str
    booking_id: str
    status: str
    method: str
    student_id: str
    provider_id: str
    amount_minor: int
    currency: str
    charge_id: str | None
    promo_code_id: str | None


@dataclass(frozen=True)
class PayoutFacts:
    provider_id: str
    gross_minor: int
    fee_minor: int
    net_minor: int
    fee_bps: int
    currency: str


@dataclass(frozen=True)
class BookingMoney:
    marketplace_id: str
    booking_id: str
    payment: PaymentFacts | None
    payout: PayoutFacts | None
    decision_refunded: bool  # the refund decision asked about was carried out already
    clawed_back: bool
    held_minor: int  # what escrow still holds: captured minus refunded minus paid out, plus clawed back

    def captured_payment(self) -> PaymentFacts:
        if self.payment is None or self.payment.status != PaymentStatus.CAPTURED:
            raise NoCapturedPayment(f"booking {self.booking_id} has no captured payment in marketplace "
                                    f"{self.marketplace_id}")
        return self.payment

    def after_clawback(self, clawed: Money | None) -> "BookingMoney":
        """As it stands once `clawed` (a clawback.claw_back's result) came back into escrow."""
        if clawed is None:
            return self
        return replace(self, clawed_back=True, held_minor=self.held_minor + clawed.amount_minor)


async def booking_money(session: AsyncSession, marketplace_id: str, booking_id: str,
                        decision_id: str | None = None) -> BookingMoney:
    """Read under the booking's money lock (ledger.locks.lock_booking_money), taken before."""
    row = await (await driver_connection(session)).fetchrow(_BOOKING_MONEY, marketplace_id, booking_id, decision_id)
    payment = None if row["payment_id"] is None else PaymentFacts(
        row["payment_id"], booking_id, row["status"], row["method"], row["student_id"], row["provider_id"],
        row["amount_minor"], row["currency"], row["charge_id"], row["promo_code_id"])
    payout = None if row["gross_minor"] is None else PayoutFacts(
        row["payout_provider_id"], row["gross_minor"], row["fee_minor"], row["net_minor"], row["fee_bps"],
        row["payout_currency"])
    return BookingMoney(marketplace_id, booking_id, payment, payout, row["decision_refunded"], row["clawed_back"],
                        row["held_minor"])
