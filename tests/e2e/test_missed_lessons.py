"""Missed lessons (issue 5), every service its own process, driven through the gateway as partner
frontends would: a provider declares their own miss and refunds credits; a student reports the provider
absent and gets a promo code that books the replacement for nothing; a miss left unresolved past the
grace period is refunded by the platform, counts against the provider and suspends them; staff refund a
card after the student wrote to the provider.

As in test_book_pay_deliver, the hour of a lesson can't pass during a test: `Backstage` moves a booked
lesson into the past in each service's own database (booking, disputes, wallet's lesson times) and makes
a due timer fire now; everything else is the running services' own doing.
"""

import asyncio
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest

from devstack.partner import EUR, Partner, User, until
from shared.database import asyncpg_dsn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

PRICE = 4000
FEE_BPS = 1000
GOOD_CARD = "4242424242424242"
SHIFT_LESSON = "starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval"
ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]


class Backstage:
    """The services' own databases: lessons moved into the past, timers made due."""

    def __init__(self, stack):
        self.dsns = {svc: asyncpg_dsn(stack.database_url(svc)) for svc in ("booking", "disputes", "wallet")}
        self.moved = 0

    def run(self, service: str, sql: str, *args) -> list:
        async def go():
            conn = await asyncpg.connect(self.dsns[service])
            try:
                return await conn.fetch(sql, *args)
            finally:
                await conn.close()

        return asyncio.run(go())

    def end_lesson(self, booking_id: str) -> None:
        """The lesson (keeping its length) started hours ago, in every service that keeps its time; each
        moved lesson two hours before the one moved before it, so that a provider's lessons never overlap."""
        self.moved += 1
        started_hours_ago = 2 * self.moved
        shift = self.run("booking", "SELECT starts_at - (now() - make_interval(secs => $2)) AS shift FROM bookings "
                                    "WHERE id = $1", booking_id, started_hours_ago * 3600)[0]["shift"]
        self.run("booking", f"UPDATE bookings SET {SHIFT_LESSON} WHERE id = $1", booking_id, shift)
        until(lambda: self.run("disputes", f"UPDATE lessons SET {SHIFT_LESSON} WHERE booking_id = $1 "
                                           "RETURNING booking_id", booking_id, shift),
              bool, f"disputes knows lesson {booking_id}")
        # The wallet keeps the lesson's start for the card-refund contact rule (RF-2).
        until(lambda: self.run("wallet", "UPDATE lesson_starts SET starts_at = starts_at - $2::interval "
                                         "WHERE booking_id = $1 RETURNING booking_id", booking_id, shift),
              bool, f"the wallet knows lesson {booking_id}")

    def fire_timer(self, service: str, kind: str, key: str) -> None:
        moved = self.run(service, "UPDATE timers SET due_at = now() - interval '1 second' WHERE kind = $1 AND "
                                  "key = $2 RETURNING id", kind, key)
        assert moved, f"no {kind} timer {key} in {service}"


class World:
    def __init__(self, stack, client: httpx.Client, cards):
        self.backstage = Backstage(stack)
        # Two strikes suspend in this marketplace, so that the test needs few misses.
        self.partner = Partner(client, stack.keys.operator_key, "coaching", "lessons",
                               {"platform_fee_bps": FEE_BPS, "strikes_threshold": 2})
        p = self.partner
        self.provider, self.staff = p.user("pro-1", "provider"), p.user("staff-1", "staff")
        self.other_provider = p.user("pro-2", "provider")
        self.alice, self.bob = p.user("stu-alice", "student"), p.user("stu-bob", "student")
        p.policy_when_booking_knows_it(self.staff)
        self.offering = self.publish(self.provider)
        self.other_offering = self.publish(self.other_provider)
        self.slot_index = 0
        for student in (self.alice, self.bob):
            card = cards.save(student, GOOD_CARD)  # tokenized at the processor, saved by its token
            student.ok("POST", "/v1/wallet/top-ups", {"amount": {"amount_minor": 10 * PRICE, "currency": EUR},
                                                      "payment_method_id": card}, 201)
            student.card = card

    @staticmethod
    def publish(provider: User) -> dict:
        provider.ok("PUT", "/v1/providers/me", {"display_name": "Pat", "timezone": "Europe/Berlin",
                                                "lesson_kinds": ["guitar"]}, 201)
        offering = provider.ok("POST", "/v1/offerings", {"title": "Guitar", "kind": "guitar", "duration_minutes": 60,
                                                         "price": {"amount_minor": PRICE, "currency": EUR}}, 201)
        provider.ok("PUT", "/v1/providers/me/availability", ALL_DAY_EVERY_DAY)
        return offering

    def next_slot(self) -> str:
        """A slot a day or more ahead, never the same twice (lessons are moved into the past anyway)."""
        self.slot_index += 1
        start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        return (start + timedelta(hours=self.slot_index)).isoformat()

    def booked(self, student: User, offering: dict | None = None, **payment) -> str:
        body = {"offering_id": (offering or self.offering)["id"], "starts_at": self.next_slot(),
                "payment": {"method": "credits", **payment.pop("payment", {})}, **payment}
        answer = student.ok("POST", "/v1/bookings", body, 201)
        student.booking_until(answer["id"], lambda b: b["status"] == "confirmed", "confirmed")
        return answer["id"]

    def missed(self, student: User, reporter: User, booking_id: str) -> dict:
        self.backstage.end_lesson(booking_id)
        report = reporter.ok("POST", "/v1/reports", {"booking_id": booking_id, "kind": "provider_absent",
                                                     "details": "Nobody came."}, 201)
        student.booking_until(booking_id, lambda b: b["missed"] is not None, "known missed")
        return report


def inbox_text(user: User) -> str:
    return "\n".join(item["text"] for item in user.ok("GET", "/v1/inbox", {"limit": 100})["items"])


@pytest.fixture(scope="module")
def world(start_stack, card_form):
    with start_stack("missed") as stack, httpx.Client(base_url=stack.gateway_url, timeout=15) as client:
        yield World(stack, client, card_form(stack.url("wallet")))


@pytest.mark.rule("MS-1")
@pytest.mark.rule("MS-2")
@pytest.mark.rule("RF-1")
@pytest.mark.rule("NT-2")
def test_a_provider_declares_their_own_miss_and_refunds_credits_at_once(world):
    alice, provider = world.alice, world.provider
    booking_id = world.booked(alice)
    credits = alice.credits()
    report = world.missed(alice, provider, booking_id)

    provider.ok("POST", f"/v1/bookings/{booking_id}/miss-resolution", {"remedy": "credit_refund"})
    until(alice.credits, lambda c: c == credits + PRICE, "the refund reaches Alice's credits")
    until(lambda: provider.ok("GET", f"/v1/reports/{report['id']}"), lambda r: r["status"] != "open",
          "disputes closes the report")
    again = provider.send("POST", f"/v1/bookings/{booking_id}/miss-resolution", {"remedy": "credit_refund"})
    assert again.status_code == 409, again.text
    until(lambda: inbox_text(alice), lambda text: "refunded" in text.lower(), "Alice is told of the refund")
    timeline = alice.ok("GET", f"/v1/bookings/{booking_id}/timeline")
    types = [entry["type"] for entry in timeline["entries"]]
    assert "booking.lesson_missed" in types and "booking.missed" in types, types
    assert types.index("booking.lesson_missed") < types.index("booking.missed"), types
    assert alice.booking(booking_id)["status"] == "missed"
    assert alice.credits() == credits + PRICE  # once


@pytest.mark.rule("PC-1")
@pytest.mark.rule("PC-2")
def test_a_promo_code_books_the_replacement_for_nothing_and_pays_the_provider_once(world):
    alice, bob, provider = world.alice, world.bob, world.provider
    booking_id = world.booked(alice)
    world.missed(alice, alice, booking_id)
    provider.ok("POST", f"/v1/bookings/{booking_id}/miss-resolution", {"remedy": "promo_code"})
    codes = until(lambda: alice.ok("GET", "/v1/promo-codes")["items"],
                  lambda items: any(c["missed_booking_id"] == booking_id for c in items), "Alice's promo code")
    promo = next(c for c in codes if c["missed_booking_id"] == booking_id)
    assert promo["value"] == {"amount_minor": PRICE, "currency": EUR} and promo["status"] == "active"
    code = promo["code"]
    until(lambda: inbox_text(alice), lambda text: code in text, "the code reaches Alice in her alerts")

    # Another student, another provider: refused, each with its reason.
    theirs = bob.ok("POST", "/v1/bookings", {"offering_id": world.offering["id"], "starts_at": world.next_slot(),
                                             "payment": {"method": "credits"}, "promo_code": code}, 201)
    refused = bob.booking_until(theirs["id"], lambda b: b["status"] != "pending_payment", "answered")
    assert refused["payment"]["failure_code"] == "promo_code_refused", refused
    assert "another student" in refused["status_reason"], refused
    credits, earnings = alice.credits(), provider.earnings()
    replacement = world.booked(alice, promo_code=code)
    assert alice.credits() == credits  # the code paid it all
    second = alice.ok("POST", "/v1/bookings", {"offering_id": world.offering["id"], "starts_at": world.next_slot(),
                                               "payment": {"method": "credits"}, "promo_code": code}, 201)
    reused = alice.booking_until(second["id"], lambda b: b["status"] != "pending_payment", "answered")
    assert reused["payment"]["failure_code"] == "promo_code_refused", reused
    assert alice.ok("GET", f"/v1/promo-codes/{code}")["replacement_booking_id"] == replacement

    world.backstage.end_lesson(replacement)
    alice.ok("POST", f"/v1/bookings/{replacement}/confirm-delivery")
    net = PRICE - PRICE * FEE_BPS // 10_000
    until(provider.earnings, lambda e: e == earnings + net, "the provider is paid once for both lessons")
    assert alice.credits() == credits


@pytest.mark.rule("MS-3")
@pytest.mark.rule("PS-1")
@pytest.mark.rule("PS-2")
def test_an_unresolved_miss_is_refunded_by_the_platform_and_two_strikes_suspend_the_provider(world):
    bob, staff, other = world.bob, world.staff, world.other_provider
    for _ in range(2):
        booking_id = world.booked(bob, world.other_offering)
        credits = bob.credits()
        world.missed(bob, bob, booking_id)
        world.backstage.fire_timer("booking", "booking.miss_grace", booking_id)
        until(bob.credits, lambda c, before=credits: c == before + PRICE, "the platform refunds Bob")
    record = until(lambda: staff.ok("GET", f"/v1/providers/{other.user_id}/record"),
                   lambda r: r["standing"]["status"] == "suspended", "two unresolved misses suspend the provider")
    assert record["miss_count"] == 2 and record["strikes"]["counts"].get("miss") == 2, record
    assert [m["resolution"]["remedy"] for m in record["misses"]] == ["platform_refund"] * 2, record
    assert other.send("GET", f"/v1/providers/{other.user_id}/record").status_code == 403
    slots = bob.ok("GET", "/v1/slots", {"offering_id": world.other_offering["id"],
                                        "from": datetime.now(UTC).isoformat(),
                                        "to": (datetime.now(UTC) + timedelta(days=2)).isoformat()})
    assert slots["bookable"] is False and not slots["slots"]
    denied = other.send("POST", f"/v1/providers/{other.user_id}/reactivate")
    assert denied.status_code == 403
    staff.ok("POST", f"/v1/providers/{other.user_id}/reactivate")
    assert bob.ok("GET", "/v1/slots", {"offering_id": world.other_offering["id"],
                                       "from": datetime.now(UTC).isoformat(),
                                       "to": (datetime.now(UTC) + timedelta(days=2)).isoformat()})["bookable"]


@pytest.mark.rule("RF-2")
@pytest.mark.rule("DS-4")
def test_staff_refund_a_card_only_after_the_student_wrote_to_the_provider(world):
    alice, provider, staff = world.alice, world.provider, world.staff
    booking_id = world.booked(alice, payment={"method": "card", "payment_method_id": alice.card})
    world.missed(alice, alice, booking_id)
    body = {"booking_id": booking_id, "reason": "The provider did not come."}
    refused = staff.send("POST", "/v1/card-refunds", body)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("/student-has-not-contacted-provider"), refused.text
    assert alice.send("POST", "/v1/card-refunds", body).status_code == 403

    thread = alice.ok("POST", "/v1/chats", {"counterpart_id": provider.user_id})
    alice.ok("POST", f"/v1/chats/{thread['id']}/messages", {"body": "You did not come; I want my money back."}, 201)
    refund = until(lambda: staff.send("POST", "/v1/card-refunds", body),
                   lambda r: r.status_code in (200, 201), "the wallet learns of the message").json()
    assert refund["status"] == "succeeded" and refund["amount"] == {"amount_minor": PRICE, "currency": EUR}, refund
    # The staff's card refund settles the miss: the grace period's platform refund won't follow.
    assert alice.booking_until(booking_id, lambda b: b["status"] == "missed", "the miss settled")["missed"][
        "resolution"]["remedy"] == "card_refund"
