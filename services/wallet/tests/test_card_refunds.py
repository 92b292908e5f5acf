"""Staff refunds to the card (RF-2, DS-4) over HTTP, never half-done and never twice (RF-3).

The lesson's start and the student's chat messages reach the wallet as events, handled as the
consumer does it. The outage cases start an outage of the sandbox processor's merchant account through
the sandbox's own control panel: its charges and refunds then fail with a retryable error, as a real
processor's do.
"""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from shared.auth import Role
from shared.events import (
    BookingRequested,
    BookingRescheduled,
    CardRefundFailed,
    ChatMessageSent,
    Envelope,
    Money,
    RefundIssued,
)
from wallet.cards.sandbox.control import end_outage, start_outage
from wallet.cards.sandbox.processor import SandboxProcessor

STAFF = "staff-1"


def now() -> datetime:
    return datetime.now(UTC)


def requested(wallet, mkt: str, booking_id: str, price: int, starts: datetime, card: str | None) -> Envelope:
    return wallet.envelope(BookingRequested(
        booking_id=booking_id, student_id="stu", provider_id="pro-1", offering_id="off-1", starts_at=starts,
        ends_at=starts + timedelta(hours=1), price=Money(amount_minor=price, currency="EUR"),
        payment_method="card" if card else "credits", payment_method_id=card), mkt, booking_id)


async def card_paid_lesson(wallet, mkt: str, booking_id: str = "b-1", price: int = 2000,
                           started_ago: timedelta = timedelta(hours=2)) -> datetime:
    """A lesson paid by card that started `started_ago`; its start time."""
    card = await wallet.add_card(mkt, "stu")
    starts = now() - started_ago
    await wallet.handle(requested(wallet, mkt, booking_id, price, starts, card))
    assert await wallet.held(mkt, booking_id) == price
    return starts


async def chat(wallet, mkt: str, sent_at: datetime, sender_role: str = "student") -> None:
    sender, recipient = ("stu", "pro-1") if sender_role == "student" else ("pro-1", "stu")
    await wallet.handle(Envelope(type=ChatMessageSent.event_type, source="notifications", subject="chat/t-1",
                                 marketplace=mkt, correlation_id=uuid.uuid4(), data=ChatMessageSent(
                                     thread_id="t-1", message_id=uuid.uuid4().hex, sender_id=sender,
                                     sender_role=sender_role, recipient_id=recipient, student_id="stu",
                                     provider_id="pro-1", sent_at=sent_at)))


async def contacted_lesson(wallet, mkt: str, booking_id: str = "b-1", price: int = 2000) -> None:
    starts = await card_paid_lesson(wallet, mkt, booking_id, price)
    await chat(wallet, mkt, starts + timedelta(minutes=20))


async def refund(wallet, mkt: str, booking_id: str = "b-1", user: str = STAFF, role: Role = Role.STAFF, **body):
    return await wallet.client.post("/v1/card-refunds", headers=wallet.auth(mkt, user, role),
                                    json={"booking_id": booking_id, "reason": "The provider did not show up", **body})


async def retry(wallet, mkt: str, card_refund_id: str):
    return await wallet.client.post(f"/v1/card-refunds/{card_refund_id}/retry",
                                    headers=wallet.auth(mkt, STAFF, Role.STAFF))


async def refunded_at_processor(wallet, mkt: str) -> list:
    return await wallet.rows("SELECT r.id, r.amount_minor, c.refunded_minor FROM sandbox_refunds r "
                             "JOIN sandbox_charges c ON c.id = r.charge_id WHERE r.marketplace_id = :mkt", mkt=mkt)


async def assert_nothing_changed(wallet, mkt: str, booking_id: str = "b-1", price: int = 2000) -> None:
    assert await wallet.transaction_kinds(mkt, booking_id) == ["capture"]
    assert await wallet.held(mkt, booking_id) == price
    assert await wallet.scalar("SELECT count(*) FROM card_refunds WHERE marketplace_id = :mkt", mkt=mkt) == 0
    assert await refunded_at_processor(wallet, mkt) == []


def problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == f"/problems/{slug}", body
    return body


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
async def test_staff_refund_a_contacted_lesson_to_the_card_that_paid_it(wallet, mkt):
    await contacted_lesson(wallet, mkt)

    response = await refund(wallet, mkt)

    assert response.status_code == 201, response.text
    card_refund = response.json()
    assert card_refund["status"] == "succeeded" and card_refund["amount"] == {"amount_minor": 2000, "currency": "EUR"}
    assert card_refund["requested_by"] == STAFF and card_refund["refund_id"].startswith("rfd_")
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
    assert await wallet.held(mkt, "b-1") == 0
    assert await wallet.balance(mkt, "platform", "card_processor") == 0
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}
    [row] = await wallet.rows("SELECT id, decision_id, destination, processor_refund_id FROM refunds "
                              "WHERE marketplace_id = :mkt", mkt=mkt)
    assert (row.id, row.decision_id, row.destination) == (card_refund["refund_id"], card_refund["id"], "card")
    [issued] = await wallet.events(mkt, RefundIssued.event_type, subject="booking/b-1")
    assert issued.data.destination == "card" and issued.data.refund_id == row.id
    assert issued.data.amount.amount_minor == 2000 and "did not show up" in issued.data.reason
    [at_processor] = await refunded_at_processor(wallet, mkt)  # the student's card got it back
    assert at_processor.id == row.processor_refund_id and at_processor.refunded_minor == 2000

    # The student reads it; staff list it by booking.
    own = await wallet.client.get(f"/v1/card-refunds/{card_refund['id']}", headers=wallet.auth(mkt, "stu"))
    assert own.status_code == 200 and own.json()["status"] == "succeeded"
    listed = await wallet.client.get("/v1/card-refunds", params={"booking_id": "b-1"},
                                     headers=wallet.auth(mkt, STAFF, Role.STAFF))
    assert [item["id"] for item in listed.json()["items"]] == [card_refund["id"]]


@pytest.mark.rule("RF-2")
@pytest.mark.rule("RF-3")
async def test_a_partial_card_refund_leaves_the_rest_and_a_second_is_refused(wallet, mkt):
    await contacted_lesson(wallet, mkt)
    above = await refund(wallet, mkt, amount_minor=2001)
    assert problem(above, 422, "amount-above-refundable")["errors"][0]["field"] == "amount_minor"
    await assert_nothing_changed(wallet, mkt)

    assert (await refund(wallet, mkt, amount_minor=500)).status_code == 201
    again = problem(await refund(wallet, mkt), 409, "card-refund-exists")
    assert again["card_refund_status"] == "succeeded"
    assert await wallet.held(mkt, "b-1") == 1500
    assert [r.amount_minor for r in await refunded_at_processor(wallet, mkt)] == [500]


@pytest.mark.rule("RF-2")
@pytest.mark.parametrize(("days_ago", "allowed"), [(29, True), (31, False)])
async def test_a_card_refund_is_only_possible_within_thirty_days_of_the_purchase(wallet, mkt, days_ago, allowed):
    await contacted_lesson(wallet, mkt)
    await wallet.execute(f"UPDATE payments SET created_at = now() - interval '{days_ago} days' "
                         "WHERE marketplace_id = :mkt", mkt=mkt)

    response = await refund(wallet, mkt)

    if allowed:
        assert response.status_code == 201, response.text
    else:
        body = problem(response, 409, "card-refund-window-closed")
        assert body["condition"] == "within_card_refund_window" and "30 days" in body["detail"]
        await assert_nothing_changed(wallet, mkt)


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
async def test_without_a_student_message_after_the_lessons_start_staff_cannot_refund_to_the_card(wallet, mkt):
    starts = await card_paid_lesson(wallet, mkt)
    problem(await refund(wallet, mkt), 409, "student-has-not-contacted-provider")  # no message at all

    await chat(wallet, mkt, starts - timedelta(minutes=30))  # before the lesson: about something else
    await chat(wallet, mkt, starts + timedelta(minutes=10), sender_role="provider")  # the provider wrote, not them
    body = problem(await refund(wallet, mkt), 409, "student-has-not-contacted-provider")
    assert body["condition"] == "student_contacted_provider" and "after the lesson's start" in body["detail"]
    await assert_nothing_changed(wallet, mkt)

    await chat(wallet, mkt, starts + timedelta(minutes=15))
    await chat(wallet, mkt, starts - timedelta(hours=1))  # an older message delivered late takes nothing back
    assert (await refund(wallet, mkt)).status_code == 201


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
async def test_contact_counts_from_the_start_the_lesson_was_moved_to(wallet, mkt):
    first_start = await card_paid_lesson(wallet, mkt, started_ago=timedelta(hours=5))
    new_start = first_start + timedelta(hours=3)
    await wallet.handle(wallet.envelope(BookingRescheduled(
        booking_id="b-1", student_id="stu", provider_id="pro-1", previous_starts_at=first_start,
        previous_ends_at=first_start + timedelta(hours=1), starts_at=new_start, ends_at=new_start + timedelta(hours=1),
        how="request", initiated_by="student"), mkt, "b-1"))
    card = await wallet.scalar("SELECT payment_method_id FROM payments WHERE marketplace_id = :mkt", mkt=mkt)
    await wallet.handle(requested(wallet, mkt, "b-1", 2000, first_start, card))  # re-announced under a new event id
    await chat(wallet, mkt, first_start + timedelta(hours=1))  # after the old start, before the new one

    problem(await refund(wallet, mkt), 409, "student-has-not-contacted-provider")
    await chat(wallet, mkt, new_start + timedelta(minutes=5))
    assert (await refund(wallet, mkt)).status_code == 201


@pytest.mark.rule("RF-2")
@pytest.mark.rule("PL-2")
@pytest.mark.parametrize("role", [Role.STUDENT, Role.PROVIDER])
async def test_only_staff_refund_to_the_card(wallet, mkt, role):
    await contacted_lesson(wallet, mkt)
    user = "stu" if role is Role.STUDENT else "pro-1"
    problem(await refund(wallet, mkt, user=user, role=role), 403, "role-required")
    await assert_nothing_changed(wallet, mkt)


@pytest.mark.rule("RF-2")
async def test_a_lesson_paid_with_credits_is_not_refunded_to_a_card(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    await wallet.top_up(mkt, "stu", 1500, card)
    starts = now() - timedelta(hours=2)
    await wallet.handle(requested(wallet, mkt, "b-1", 1500, starts, card=None))
    await chat(wallet, mkt, starts + timedelta(minutes=5))

    body = problem(await refund(wallet, mkt), 409, "not-paid-by-card")
    assert body["paid_with"] == "credits"
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"]


@pytest.mark.rule("RF-2")
@pytest.mark.rule("RF-3")
async def test_a_lesson_already_paid_out_has_nothing_left_to_refund(wallet, mkt):
    await contacted_lesson(wallet, mkt)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 2000))

    problem(await refund(wallet, mkt), 409, "nothing-left-to-refund")
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "payout"]
    assert await refunded_at_processor(wallet, mkt) == []


@pytest.mark.rule("PL-2")
async def test_staff_of_another_marketplace_find_no_such_payment_nor_card_refund(wallet, mkt):
    await contacted_lesson(wallet, mkt)
    other = f"{mkt}-other"
    problem(await refund(wallet, other), 404, "payment-not-found")
    await assert_nothing_changed(wallet, mkt)

    card_refund_id = (await refund(wallet, mkt)).json()["id"]
    for headers in (wallet.auth(other, STAFF, Role.STAFF), wallet.auth(mkt, "stu-2"), wallet.auth(mkt, "pro-1",
                                                                                                    Role.PROVIDER)):
        response = await wallet.client.get(f"/v1/card-refunds/{card_refund_id}", headers=headers)
        problem(response, 404, "card-refund-not-found")
        listed = await wallet.client.get("/v1/card-refunds", params={"booking_id": "b-1"}, headers=headers)
        assert listed.json()["items"] == []
    problem(await wallet.client.post(f"/v1/card-refunds/{card_refund_id}/retry",
                                     headers=wallet.auth(other, STAFF, Role.STAFF)), 404, "card-refund-not-found")


class Outage:
    """An outage of the sandbox processor's merchant account (its own control panel): charges and refunds
    fail with a retryable error, as a real processor's do, until it ends."""

    def __init__(self, wallet, mkt: str):
        self.engine, self.mkt = wallet.runtime.engine, mkt

    async def start(self) -> None:
        await start_outage(self.engine, self.mkt)

    async def end(self) -> None:
        await end_outage(self.engine, self.mkt)


@pytest.fixture
def outage(wallet, mkt) -> Outage:
    return Outage(wallet, mkt)


@pytest.mark.rule("RF-2")
@pytest.mark.rule("RF-3")
async def test_an_outage_leaves_the_card_refund_failed_retryable_and_nothing_moved(wallet, mkt, outage):
    await contacted_lesson(wallet, mkt)
    await outage.start()

    failed = problem(await refund(wallet, mkt), 502, "card-refund-processor-unavailable")
    card_refund_id = failed["card_refund_id"]
    assert f"/v1/card-refunds/{card_refund_id}/retry" in failed["detail"]
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"] and await wallet.held(mkt, "b-1") == 2000
    [announced] = await wallet.events(mkt, CardRefundFailed.event_type, subject="booking/b-1")
    assert announced.data.card_refund_id == card_refund_id and announced.data.amount.amount_minor == 2000
    stored = (await wallet.client.get(f"/v1/card-refunds/{card_refund_id}",
                                      headers=wallet.auth(mkt, STAFF, Role.STAFF))).json()
    assert (stored["status"], stored["failure_code"]) == ("failed", "processor_unavailable")

    # A new request is pointed at the failed one; a retry during the outage fails the same way.
    assert problem(await refund(wallet, mkt), 409, "card-refund-exists")["card_refund_id"] == card_refund_id
    problem(await retry(wallet, mkt, card_refund_id), 502, "card-refund-processor-unavailable")
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture"]

    await outage.end()
    succeeded = await retry(wallet, mkt, card_refund_id)
    assert succeeded.status_code == 200 and succeeded.json()["status"] == "succeeded"
    assert succeeded.json()["attempts"] == 3
    again = await retry(wallet, mkt, card_refund_id)  # once done, a retry changes nothing
    assert again.status_code == 200 and again.json()["refund_id"] == succeeded.json()["refund_id"]
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
    assert len(await wallet.events(mkt, RefundIssued.event_type)) == 1
    assert [r.refunded_minor for r in await refunded_at_processor(wallet, mkt)] == [2000]


@pytest.mark.rule("RF-3")
async def test_a_refund_the_processor_made_but_the_wallet_did_not_record_is_found_not_repeated(wallet, mkt, outage):
    await contacted_lesson(wallet, mkt)
    await outage.start()
    card_refund_id = (await refund(wallet, mkt)).json()["card_refund_id"]
    await outage.end()
    # As if the processor had refunded and the wallet crashed before recording it: the same key, directly.
    charge_id = await wallet.scalar("SELECT charge_id FROM payments WHERE marketplace_id = :mkt", mkt=mkt)
    made = await SandboxProcessor(wallet.runtime.engine, mkt).refund(
        charge_id, Money(amount_minor=2000, currency="EUR"), idempotency_key=f"card-refund:{card_refund_id}")

    response = await retry(wallet, mkt, card_refund_id)

    assert response.status_code == 200 and response.json()["status"] == "succeeded"
    assert [r.id for r in await refunded_at_processor(wallet, mkt)] == [made.id]
    assert await wallet.scalar("SELECT processor_refund_id FROM refunds WHERE marketplace_id = :mkt",
                               mkt=mkt) == made.id
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
    assert await wallet.held(mkt, "b-1") == 0


@pytest.mark.rule("RF-3")
async def test_two_concurrent_requests_give_one_card_refund(wallet, mkt):
    await contacted_lesson(wallet, mkt)

    responses = await asyncio.gather(refund(wallet, mkt), refund(wallet, mkt))

    assert sorted(r.status_code for r in responses) == [201, 409]
    assert await wallet.scalar("SELECT count(*) FROM card_refunds WHERE marketplace_id = :mkt", mkt=mkt) == 1
    assert await wallet.transaction_kinds(mkt, "b-1") == ["capture", "refund"]
    assert [r.refunded_minor for r in await refunded_at_processor(wallet, mkt)] == [2000]
    assert len(await wallet.events(mkt, RefundIssued.event_type)) == 1


@pytest.mark.rule("RF-3")
async def test_the_database_holds_a_booking_to_one_live_card_refund(wallet, mkt):
    await contacted_lesson(wallet, mkt)
    assert (await refund(wallet, mkt)).status_code == 201
    copy = ("INSERT INTO card_refunds (id, marketplace_id, booking_id, payment_id, student_id, amount_minor, currency, "
            "reason, requested_by, status, attempts) SELECT 'crf_copy_' || :status, marketplace_id, booking_id, "
            "payment_id, student_id, 1, currency, reason, requested_by, :status, 1 FROM card_refunds "
            "WHERE marketplace_id = :mkt")
    with pytest.raises(IntegrityError, match="uq_card_refunds_one_live_per_booking"):
        await wallet.execute(copy, mkt=mkt, status="pending")
    await wallet.execute(copy, mkt=mkt, status="refused")  # a refused one is final and blocks nothing
