"""Seeded random sequences of top-ups, bookings (credits and cards, some declined or failing once), declines,
releases, deliveries and redeliveries. After every step: the ledger sums to zero per currency, no student's
credits are negative, each booking's escrow is what was captured minus refunded minus paid out, and
nothing was captured, charged, refunded or paid out twice. The seed is in the test id: a failure
repeats exactly."""

import random
import uuid
from dataclasses import dataclass, field

import pytest

from wallet.cards.errors import ProcessorUnavailable
from wallet.cards.sandbox.card_numbers import (
    DECLINED_CARD,
    FAILS_FIRST_ATTEMPT_CARD,
    INSUFFICIENT_FUNDS_CARD,
    VISA_SUCCEEDS,
)
from wallet.ledger.escrow import EscrowShortfall
from wallet.payments.repository import NoCapturedPayment

STUDENTS = ("stu-a", "stu-b")
CARDS = {"good": VISA_SUCCEEDS, "declined": DECLINED_CARD, "no_funds": INSUFFICIENT_FUNDS_CARD,
         "flaky": FAILS_FIRST_ATTEMPT_CARD}


@dataclass(frozen=True)
class TopUp:
    student: str
    amount: int
    card: str


@dataclass(frozen=True)
class Book:
    student: str
    price: int
    pay_with: str  # "credits" or a key of CARDS


@dataclass(frozen=True)
class Decline:
    booking: int


@dataclass(frozen=True)
class Release:
    booking: int


@dataclass(frozen=True)
class Deliver:
    booking: int
    fee_bps: int


@dataclass(frozen=True)
class Redeliver:
    booking: int
    under_new_event_id: bool


@dataclass
class Booking:
    id: str
    student: str
    price: int
    via_credits: bool
    request: object
    captured: bool
    held: int = 0  # what escrow must still hold of it
    done: set = field(default_factory=set)  # "refunded", "paid"


class Sequence:
    """Plays the steps against the wallet and keeps the model of what must have happened."""

    def __init__(self, wallet):
        self.wallet, self.mkt = wallet, f"mkt-prop-{uuid.uuid4().hex[:10]}"
        self.credits = dict.fromkeys(STUDENTS, 0)
        self.bookings: list[Booking] = []
        self._cards: dict[tuple[str, str], str] = {}

    async def card(self, student: str, kind: str) -> str:
        if (student, kind) not in self._cards:
            self._cards[student, kind] = await self.wallet.add_card(self.mkt, student, CARDS[kind])
        return self._cards[student, kind]

    async def play(self, step) -> None:
        w, mkt = self.wallet, self.mkt
        match step:
            case TopUp(student, amount, card):
                response = await w.top_up(mkt, student, amount, await self.card(student, card))
                assert response.status_code == (201 if card == "good" else 402)
                self.credits[student] += amount if card == "good" else 0
            case Book(student, price, pay_with):
                await self.book(student, price, pay_with)
            case Decline(i) if self.bookings:
                b = self.bookings[i]
                await self.settle(w.declined(mkt, b.id, b.student, b.price), b, "refunded")
            case Release(i) if self.bookings:
                b = self.bookings[i]
                await self.settle(w.released(mkt, b.id, b.student), b, "refunded", unpaid_is_refused=False)
            case Deliver(i, fee_bps) if self.bookings:
                b = self.bookings[i]
                await self.settle(w.delivered(mkt, b.id, b.student, b.price, fee_bps), b, "paid")
            case Redeliver(i, under_new_id) if self.bookings:
                b = self.bookings[i]
                await w.handle(b.request.model_copy(update={"id": uuid.uuid4()}) if under_new_id else b.request)

    async def book(self, student: str, price: int, pay_with: str) -> None:
        w, booking_id = self.wallet, f"b-{len(self.bookings)}"
        if pay_with == "credits":
            request = w.requested(self.mkt, booking_id, student, price)
            paid = self.credits[student] >= price
            self.credits[student] -= price if paid else 0
        else:
            request = w.requested(self.mkt, booking_id, student, price, "card", await self.card(student, pay_with))
            paid = price == 0 or pay_with in ("good", "flaky")
        if pay_with == "flaky" and price > 0:
            with pytest.raises(ProcessorUnavailable):
                await w.handle(request)
        await w.handle(request)
        self.bookings.append(Booking(booking_id, student, price, pay_with == "credits", request, captured=paid,
                                     held=price if paid else 0))

    async def settle(self, event, b: Booking, fact: str, unpaid_is_refused: bool = True) -> None:
        """A refund or payout of the full price: done once while escrow holds enough, nothing more when
        it is the same fact again, refused (and nothing moved) when the money is gone or never came."""
        if not b.captured:
            if unpaid_is_refused:
                with pytest.raises(NoCapturedPayment):
                    await self.wallet.handle(event)
            else:
                await self.wallet.handle(event)
        elif fact in b.done:
            await self.wallet.handle(event)
        elif b.held < b.price:
            with pytest.raises(EscrowShortfall):
                await self.wallet.handle(event)
        else:
            await self.wallet.handle(event)
            b.done.add(fact)
            b.held -= b.price
            if fact == "refunded" and b.via_credits:
                self.credits[b.student] += b.price

    async def check_invariants(self) -> None:
        w, mkt = self.wallet, self.mkt
        assert set((await w.ledger_totals(mkt)).values()) <= {0}
        for student, credits in self.credits.items():
            assert await w.credits(mkt, student) == credits >= 0
        held = {b.id: b.held for b in self.bookings}
        for row in await w.rows(ESCROW_BY_BOOKING, mkt=mkt):
            assert row.held == row.captured - row.refunded - row.paid_out == held[row.booking_id], row
        assert await w.kept_balances_off(mkt) == []
        assert await w.scalar(MOST_TIMES_ONE_FACT_HAPPENED, mkt=mkt) in (None, 1)
        assert await w.scalar(MOST_CHARGES_OF_ONE_KEY, mkt=mkt) in (None, 1)
        # The ledger's view of the processor is the processor's own: charges minus refunds.
        processor = await w.scalar(PROCESSOR_NET, mkt=mkt)
        assert await w.balance(mkt, "platform", "card_processor") == -processor


def random_step(rng: random.Random, seq: Sequence):
    """The next step, drawn knowing what happened so far: settling steps act on bookings that exist,
    and a credits booking costs nothing, exactly the student's credits, a cent more, or anything."""
    kinds = ["top_up", "top_up", "book", "book", "book"]
    if seq.bookings:
        kinds += ["decline", "release", "deliver", "deliver", "redeliver"]
    kind, student = rng.choice(kinds), rng.choice(STUDENTS)
    if kind == "top_up":
        return TopUp(student, rng.randint(1, 5000), rng.choice(["good", "good", "good", "declined"]))
    if kind == "book":
        credits = seq.credits[student]
        price = rng.choice([0, credits, credits + 1, rng.randint(0, credits), rng.randint(1, 2500)])
        return Book(student, price, rng.choice(["credits", "credits", "credits", *CARDS]))
    booking = rng.randrange(len(seq.bookings))
    return {"decline": Decline(booking), "release": Release(booking),
            "deliver": Deliver(booking, rng.choice([0, 1000, 1500, 3333])),
            "redeliver": Redeliver(booking, rng.random() < 0.5)}[kind]


ESCROW_BY_BOOKING = """
SELECT p.booking_id, p.amount_minor AS captured, coalesce(r.amount_minor, 0) AS refunded,
       coalesce(o.gross_minor, 0) AS paid_out,
       (SELECT coalesce(sum(po.amount_minor), 0) FROM postings po JOIN accounts a ON a.id = po.account_id
         JOIN ledger_transactions t ON t.id = po.transaction_id
         WHERE t.marketplace_id = p.marketplace_id AND t.booking_id = p.booking_id
           AND a.kind = 'platform_escrow') AS held
FROM payments p
LEFT JOIN refunds r ON r.marketplace_id = p.marketplace_id AND r.booking_id = p.booking_id
LEFT JOIN payouts o ON o.marketplace_id = p.marketplace_id AND o.booking_id = p.booking_id
WHERE p.marketplace_id = :mkt AND p.status = 'captured'
"""
MOST_TIMES_ONE_FACT_HAPPENED = """
SELECT max(n) FROM (SELECT count(*) AS n FROM ledger_transactions WHERE marketplace_id = :mkt
                    AND booking_id IS NOT NULL GROUP BY booking_id, kind) AS facts
"""
MOST_CHARGES_OF_ONE_KEY = """
SELECT max(n) FROM (SELECT count(*) AS n FROM sandbox_charges WHERE marketplace_id = :mkt
                    AND status = 'succeeded' GROUP BY idempotency_key) AS charges
"""
PROCESSOR_NET = """
SELECT coalesce(sum(amount_minor - refunded_minor), 0) FROM sandbox_charges
WHERE marketplace_id = :mkt AND status = 'succeeded'
"""


@pytest.mark.rule("PL-3")
@pytest.mark.rule("RF-3")
@pytest.mark.rule("BK-2")
@pytest.mark.parametrize("seed", range(8))
async def test_any_sequence_keeps_the_ledger_balanced_and_every_lesson_settled_at_most_once(wallet, seed):
    rng, sequence = random.Random(seed), Sequence(wallet)
    for _ in range(30):
        await sequence.play(random_step(rng, sequence))
        await sequence.check_invariants()
