"""Book, pay and deliver a lesson (issue 3), every service its own process, driven through the gateway
over HTTP exactly as a partner's frontend (and its backend, for keys and tokens) would.

Two marketplaces: "coaching" (the provider accepts each booking, a 10 % platform fee) and "lessons"
(no acceptance step). A provider publishes an offering and weekly hours, students top up credits
with a sandbox card and book with credits or a card, the provider accepts or declines, the student
confirms the lesson after its end, the provider is paid the price minus the fee, the booking's
timeline tells it all in order, the ledger sums to zero, and nobody sees anyone else's booking.

Cards are saved as a partner's page saves them (issue 14): tokenized at the sandbox processor's own
route, the token sent through the gateway. At the end, no card number, security code or token is in
any service's log or database, and card data sent to the gateway was refused there.

The one step no partner can take is letting the lesson's hour pass: a slot is at least 5 minutes
(the shortest offering) and lies on the provider's grid in the future, booking has no clock or time
control, so waiting for an end would take 5 to 65 minutes. Instead the test moves the booked lesson
into the past in booking's database (as booking's own suite does in tests/backstage.py) and, for the
automatic confirmation, makes the booking's auto-confirm timer due now: the running services then do
everything else themselves (the confirm-delivery call through the gateway, booking's scheduler
firing the timer, the wallet paying the provider on booking's event).
"""

import concurrent.futures
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from devstack.partner import EUR, Backstage, Partner, User, reveals_nothing

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

PRICE = 5000  # minor units of EUR
FEE_BPS = 1000  # the coaching marketplace keeps 10 %
GOOD_CARD, DECLINED_CARD = "4242424242424242", "4000000000000002"
ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]


class World:
    """Both marketplaces and their people, set up once through the gateway."""

    def __init__(self, stack, client: httpx.Client, cards):
        self.stack, self.cards = stack, cards
        self.backstage = Backstage(stack.database_url("booking"))
        operator_key = stack.keys.operator_key
        self.coaching = Partner(client, operator_key, "coaching", "coaching", {"platform_fee_bps": FEE_BPS})
        self.lessons = Partner(client, operator_key, "lessons", "lessons", {})
        c = self.coaching
        self.provider, self.staff = c.user("pro-1", "provider"), c.user("staff-1", "staff")
        self.alice, self.bob = c.user("stu-alice", "student"), c.user("stu-bob", "student")
        # The other marketplace has a user with Alice's very id: still nobody of "coaching".
        self.other_alice, self.other_provider = self.lessons.user("stu-alice", "student"), self.lessons.user(
            "pro-9", "provider")
        self.other_staff = self.lessons.user("staff-9", "staff")
        self.coaching_policy = c.policy_when_booking_knows_it(self.staff)
        self.lessons_policy = self.lessons.policy_when_booking_knows_it(self.other_staff)
        self.offering = self.publish(self.provider)
        self.other_offering = self.publish(self.other_provider)
        self._taken: set[str] = set()

    @staticmethod
    def publish(provider: User) -> dict:
        """The provider's profile, one 60-minute offering and weekly hours (all day, every day, Berlin)."""
        provider.ok("PUT", "/v1/providers/me", {"display_name": "Pat Provider", "timezone": "Europe/Berlin",
                                                "lesson_kinds": ["guitar"]}, 201)
        offering = provider.ok("POST", "/v1/offerings", {
            "title": "Guitar, 60 min", "kind": "guitar", "duration_minutes": 60,
            "price": {"amount_minor": PRICE, "currency": EUR}}, 201)
        hours = provider.ok("PUT", "/v1/providers/me/availability", ALL_DAY_EVERY_DAY)
        assert len(hours["weekly_hours"]) == 7 and hours["timezone"] == "Europe/Berlin"
        return offering

    @staticmethod
    def slots(student: User, offering: dict, hours: int = 30) -> list[str]:
        start = datetime.now(UTC)
        answer = student.ok("GET", "/v1/slots", {"offering_id": offering["id"], "from": start.isoformat(),
                                                 "to": (start + timedelta(hours=hours)).isoformat()})
        assert answer["bookable"] is True
        return [slot["starts_at"] for slot in answer["slots"]]

    def next_slot(self, student: User, offering: dict | None = None) -> str:
        """The nearest slot nobody in this module has used yet, at least 10 minutes away (so it can't
        pass while a test runs)."""
        soon = datetime.now(UTC) + timedelta(minutes=10)
        for starts_at in self.slots(student, offering or self.offering):
            if starts_at not in self._taken and datetime.fromisoformat(starts_at) > soon:
                self._taken.add(starts_at)
                return starts_at
        raise AssertionError("no free slot left")


@pytest.fixture(scope="module")
def stack(start_stack):
    with start_stack("bpd") as stack:
        yield stack


@pytest.fixture(scope="module")
def world(stack, card_form):
    with httpx.Client(base_url=stack.gateway_url, timeout=15) as client:
        yield World(stack, client, card_form(stack.url("wallet")))


def test_each_marketplace_runs_on_its_preset(world):
    assert world.coaching_policy["preset"] == "coaching"
    assert world.coaching_policy["terms"]["provider_must_accept"] is True
    assert world.coaching_policy["terms"]["platform_fee_bps"] == FEE_BPS
    assert world.lessons_policy["preset"] == "lessons"
    assert world.lessons_policy["terms"]["provider_must_accept"] is False


@pytest.mark.rule("BK-2")
@pytest.mark.rule("BK-3")
@pytest.mark.rule("BK-4")
@pytest.mark.rule("BK-6")
@pytest.mark.rule("MS-4")
@pytest.mark.rule("PL-3")
@pytest.mark.rule("PL-4")
@pytest.mark.rule("PL-5")
def test_a_student_tops_up_books_with_credits_the_provider_accepts_and_is_paid_after_delivery(world):
    alice, provider, staff, backstage = world.alice, world.provider, world.staff, world.backstage
    card = world.cards.save(alice, GOOD_CARD)
    top_up = alice.ok("POST", "/v1/wallet/top-ups", {"amount": {"amount_minor": 4 * PRICE, "currency": EUR},
                                                     "payment_method_id": card}, 201)
    assert top_up["balance"] == {"amount_minor": 4 * PRICE, "currency": EUR}
    credits_before = alice.credits()
    assert credits_before == 4 * PRICE

    # Lessons in the past can't be booked; bad input names its field and changes nothing (PL-5).
    slot = world.next_slot(alice)
    a_week_ago = (datetime.fromisoformat(slot) - timedelta(days=7)).isoformat()
    past = alice.book(world.offering["id"], a_week_ago)
    assert past.status_code == 422 and past.json()["type"] == "/problems/slot-in-past", past.text
    no_card = alice.book(world.offering["id"], slot, method="card")
    assert no_card.status_code == 422, no_card.text
    assert "payment" in no_card.json()["errors"][0]["field"]

    key = uuid.uuid4().hex
    placed = alice.book(world.offering["id"], slot, key=key)
    assert placed.status_code == 201, placed.text
    booking = placed.json()
    assert (booking["status"], booking["payment"]["state"]) == ("pending_payment", "pending")
    assert booking["terms"]["platform_fee_bps"] == FEE_BPS and booking["terms"]["provider_must_accept"] is True
    # A retry with the same key (PL-4) answers the first result and books nothing more.
    again = alice.book(world.offering["id"], slot, key=key)
    assert again.status_code == 201 and again.json()["id"] == booking["id"]
    assert again.headers.get("idempotent-replayed") == "true"
    assert slot not in world.slots(alice, world.offering), "a held slot is not offered (BK-4)"

    # Paid from credits, then waiting for the provider (coaching); the provider accepts.
    waiting = alice.booking_until(booking["id"], lambda b: b["status"] != "pending_payment", "is paid")
    assert waiting["status"] == "awaiting_acceptance", waiting
    assert waiting["payment"]["state"] == "captured"
    assert waiting["payment"]["captured"] == {"amount_minor": PRICE, "currency": EUR}
    assert waiting["respond_by"] is not None
    assert alice.credits() == credits_before - PRICE
    accepted = provider.ok("POST", f"/v1/bookings/{booking['id']}/accept")
    assert accepted["status"] == "confirmed"
    # Paid, but held by the platform until delivery (BK-2): nothing is the provider's yet.
    assert provider.earnings() == 0
    escrow = {line["account_kind"]: line["balance"]["amount_minor"]
              for line in staff.ok("GET", "/v1/ledger/trial-balance")["accounts"]}
    assert escrow["platform_escrow"] == PRICE

    # The marketplace raises its fee; this booking keeps the terms it was made under (BK-6).
    changed = staff.ok("PUT", "/v1/marketplace/policy", {"preset": "coaching",
                                                        "overrides": {"platform_fee_bps": 2 * FEE_BPS}})
    assert changed["policy"]["terms"]["platform_fee_bps"] == 2 * FEE_BPS

    early = alice.send("POST", f"/v1/bookings/{booking['id']}/confirm-delivery")
    assert early.status_code == 409 and early.json()["type"] == "/problems/lesson-not-ended", early.text

    backstage.end_lesson(booking["id"], ended_minutes_ago=1)
    delivered = alice.ok("POST", f"/v1/bookings/{booking['id']}/confirm-delivery")
    assert (delivered["status"], delivered["confirmed_by"]) == ("delivered", "student")
    paid = alice.booking_until(booking["id"], lambda b: b["payment"]["state"] == "paid_out", "pays the provider")
    fee = PRICE * FEE_BPS // 10_000
    assert paid["payment"]["platform_fee"] == {"amount_minor": fee, "currency": EUR}
    assert paid["payment"]["provider_paid"] == {"amount_minor": PRICE - fee, "currency": EUR}
    assert provider.earnings() == PRICE - fee
    statement = provider.ok("GET", "/v1/wallet/statement")["items"]
    assert [(line["booking_id"], line["amount"]["amount_minor"]) for line in statement] == [
        (booking["id"], PRICE - fee)]

    # Every state change, from booking and the wallet, in order.
    timeline = alice.ok("GET", f"/v1/bookings/{booking['id']}/timeline")["entries"]
    assert [(e["service"], e["type"]) for e in timeline] == [
        ("booking", "booking.pending_payment"),
        ("wallet", "wallet.payment_captured"),
        ("booking", "booking.awaiting_acceptance"),
        ("booking", "booking.confirmed"),
        ("booking", "booking.delivered"),
        ("wallet", "wallet.provider_paid"),
    ], timeline
    moments = [datetime.fromisoformat(e["at"]) for e in timeline]
    assert moments == sorted(moments)

    trial = staff.ok("GET", "/v1/ledger/trial-balance")
    assert trial["balanced"] is True and trial["totals"] == [{"amount_minor": 0, "currency": EUR}], trial
    kinds = {line["account_kind"]: line["balance"]["amount_minor"] for line in trial["accounts"]}
    assert kinds["platform_escrow"] == 0 and kinds["platform_fee_income"] >= fee
    world.alice_booking = paid


@pytest.mark.rule("BK-2")
@pytest.mark.rule("BK-4")
@pytest.mark.rule("MS-4")
def test_a_declined_card_releases_the_slot_and_a_good_card_books_it_then_delivery_is_automatic(world):
    bob, provider, backstage = world.bob, world.provider, world.backstage
    declined_card, good_card = world.cards.save(bob, DECLINED_CARD), world.cards.save(bob, GOOD_CARD)
    slot = world.next_slot(bob)

    refused = bob.book(world.offering["id"], slot, method="card", card=declined_card)
    assert refused.status_code == 201, refused.text
    failed = bob.booking_until(refused.json()["id"], lambda b: b["status"] != "pending_payment", "is answered")
    assert failed["status"] == "payment_failed", failed
    assert failed["payment"]["failure_code"] == "card_declined"
    assert "declined" in failed["status_reason"], "a reason the frontend can show"
    assert slot in world.slots(bob, world.offering), "the slot is offered again"

    placed = bob.book(world.offering["id"], slot, method="card", card=good_card)
    assert placed.status_code == 201, placed.text
    booking = placed.json()
    bob.booking_until(booking["id"], lambda b: b["status"] == "awaiting_acceptance", "is paid")
    assert provider.ok("POST", f"/v1/bookings/{booking['id']}/accept")["status"] == "confirmed"

    # Nobody confirms: 7 days after the end booking's scheduler delivers it (MS-4).
    due = backstage.timer_due_at("booking.auto_confirm", booking["id"])
    assert due == datetime.fromisoformat(booking["ends_at"]) + timedelta(days=7)
    earned_before = provider.earnings()
    backstage.end_lesson(booking["id"], ended_minutes_ago=7 * 24 * 60 + 120)
    backstage.make_timer_due("booking.auto_confirm", booking["id"])
    paid = bob.booking_until(booking["id"], lambda b: b["payment"]["state"] == "paid_out", "is delivered and paid")
    assert (paid["status"], paid["confirmed_by"]) == ("delivered", "auto")
    fee = PRICE * paid["terms"]["platform_fee_bps"] // 10_000
    assert paid["payment"]["platform_fee"]["amount_minor"] == fee
    assert provider.earnings() == earned_before + PRICE - fee
    types = [e["type"] for e in bob.ok("GET", f"/v1/bookings/{booking['id']}/timeline")["entries"]]
    assert types[-2:] == ["booking.delivered", "wallet.provider_paid"], types
    world.bob_booking = paid


@pytest.mark.rule("BK-3")
@pytest.mark.rule("BK-4")
def test_the_provider_declines_and_the_student_gets_everything_back(world):
    alice, provider = world.alice, world.provider
    credits_before = alice.credits()
    assert credits_before >= PRICE, "the first test's top-up"
    slot = world.next_slot(alice)
    placed = alice.book(world.offering["id"], slot)
    assert placed.status_code == 201, placed.text
    booking = placed.json()
    alice.booking_until(booking["id"], lambda b: b["status"] == "awaiting_acceptance", "is paid")
    assert alice.credits() == credits_before - PRICE

    declined = provider.ok("POST", f"/v1/bookings/{booking['id']}/decline")
    assert (declined["status"], declined["status_reason"]) == ("declined", "declined")
    refunded = alice.booking_until(booking["id"], lambda b: b["payment"]["state"] == "refunded", "is refunded")
    assert refunded["payment"]["refunded"] == {"amount_minor": PRICE, "currency": EUR}
    assert alice.credits() == credits_before, "refunded in full"
    assert slot in world.slots(alice, world.offering), "the slot is free again"
    again = provider.send("POST", f"/v1/bookings/{booking['id']}/accept")
    assert again.status_code == 409 and again.json()["current_status"] == "declined", again.text


@pytest.mark.rule("BK-1")
@pytest.mark.rule("BK-2")
def test_of_concurrent_bookings_of_one_slot_exactly_one_wins_and_no_money_moves_for_the_others(world):
    # Racers with credits: the winner's booking holds the slot (awaiting the provider), so a late
    # racer can't find it freed by a failed payment.
    racers = [world.coaching.user(f"stu-racer-{n}", "student") for n in range(8)]
    for racer in racers:
        racer.ok("POST", "/v1/wallet/top-ups", {"amount": {"amount_minor": PRICE, "currency": EUR},
                                                "payment_method_id": world.cards.save(racer, GOOD_CARD)}, 201)
    slot = world.next_slot(racers[0])
    with concurrent.futures.ThreadPoolExecutor(len(racers)) as pool:
        answers = list(pool.map(lambda racer: racer.book(world.offering["id"], slot), racers))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * (len(racers) - 1), [(a.status_code, a.text) for a in answers]
    for answer in answers:
        if answer.status_code == 409:
            assert answer.headers["content-type"].startswith("application/problem+json")
            assert answer.json()["type"] == "/problems/slot-taken"
    [winner_answer] = [a for a in answers if a.status_code == 201]
    winner = racers[answers.index(winner_answer)]
    held = winner.booking_until(winner_answer.json()["id"], lambda b: b["status"] != "pending_payment", "is paid")
    assert held["status"] == "awaiting_acceptance", held
    for racer in racers:
        assert racer.credits() == (0 if racer is winner else PRICE), "money moved only for the winner"
        assert [b["id"] for b in racer.ok("GET", "/v1/bookings")["items"]] == (
            [held["id"]] if racer is winner else [])

    # Without credits, a booking is released with the wallet's reason and nothing is taken.
    broke = world.coaching.user("stu-broke", "student")
    placed = broke.book(world.offering["id"], world.next_slot(broke))
    assert placed.status_code == 201, placed.text
    failed = broke.booking_until(placed.json()["id"], lambda b: b["status"] != "pending_payment", "fails")
    assert (failed["status"], failed["payment"]["failure_code"]) == ("payment_failed", "insufficient_credits")
    assert failed["status_reason"] and broke.balances() == {}
    trial = world.staff.ok("GET", "/v1/ledger/trial-balance")
    assert trial["balanced"] is True and all(t["amount_minor"] == 0 for t in trial["totals"])


def test_without_an_acceptance_step_a_paid_booking_is_confirmed_at_once(world):
    student = world.other_alice
    card = world.cards.save(student, GOOD_CARD)
    placed = student.book(world.other_offering["id"], world.next_slot(student, world.other_offering),
                          method="card", card=card)
    assert placed.status_code == 201, placed.text
    confirmed = student.booking_until(placed.json()["id"], lambda b: b["status"] != "pending_payment", "is paid")
    assert (confirmed["status"], confirmed["payment"]["state"]) == ("confirmed", "captured"), confirmed
    assert confirmed["respond_by"] is None
    types = [e["type"] for e in student.ok("GET", f"/v1/bookings/{confirmed['id']}/timeline")["entries"]]
    assert types == ["booking.pending_payment", "wallet.payment_captured", "booking.confirmed"], types


@pytest.mark.rule("PL-1")
@pytest.mark.rule("PL-2")
def test_nobody_else_reads_or_acts_on_a_students_booking(world):
    alice, bob = world.alice, world.bob
    booking = getattr(world, "alice_booking", None)
    if booking is None:  # the first flow failed: a booking of Alice's of its own, whatever its payment
        placed = alice.book(world.offering["id"], world.next_slot(alice))
        assert placed.status_code == 201, placed.text
        booking = placed.json()
    booking_id = booking["id"]
    secrets = (alice.user_id, booking["offering_title"], booking["starts_at"])
    alices_credits = alice.credits()

    # Another student of the same marketplace (PL-2): "not found", as if there were no such booking.
    for path in (f"/v1/bookings/{booking_id}", f"/v1/bookings/{booking_id}/timeline"):
        refused = bob.get(path)
        assert refused.status_code == 404, refused.text
        reveals_nothing(refused, *secrets)
    refused = bob.send("POST", f"/v1/bookings/{booking_id}/confirm-delivery")
    assert refused.status_code == 404, refused.text
    reveals_nothing(refused, *secrets)
    assert booking_id not in {b["id"] for b in bob.ok("GET", "/v1/bookings")["items"]}
    assert bob.ok("GET", "/v1/payments", {"booking_id": booking_id})["items"] == []
    wallet = bob.get("/v1/wallet/balance", user_id=alice.user_id)
    assert wallet.status_code == 404, wallet.text
    reveals_nothing(wallet, str(alices_credits))
    # Only the booking's provider answers it: a student's token is refused, another provider of the
    # same marketplace finds nothing.
    assert alice.send("POST", f"/v1/bookings/{booking_id}/decline").status_code == 403
    other_pro = world.coaching.user("pro-2", "provider")
    for refused in (other_pro.get(f"/v1/bookings/{booking_id}"),
                    other_pro.send("POST", f"/v1/bookings/{booking_id}/accept")):
        assert refused.status_code == 404, refused.text
        reveals_nothing(refused, *secrets)

    # The other marketplace (PL-1): its student with Alice's very id, its provider, its staff.
    for other in (world.other_alice, world.other_provider, world.other_staff):
        for path in (f"/v1/bookings/{booking_id}", f"/v1/bookings/{booking_id}/timeline"):
            refused = other.get(path)
            assert refused.status_code == 404, (other.user_id, refused.text)
            reveals_nothing(refused, *secrets)
        assert booking_id not in {b["id"] for b in other.ok("GET", "/v1/bookings")["items"]}
        assert other.ok("GET", "/v1/payments", {"booking_id": booking_id})["items"] == []
    assert world.other_alice.credits() == 0, "the same user id in another marketplace is another wallet"
    staff_view = world.other_staff.ok("GET", "/v1/wallet/balance", {"user_id": alice.user_id})
    assert staff_view["balances"] == []
    other_trial = world.other_staff.ok("GET", "/v1/ledger/trial-balance")
    assert other_trial["marketplace_id"] == "lessons"
    assert {t["amount_minor"] for t in other_trial["totals"]} <= {0}
    assert world.other_provider.send("POST", f"/v1/bookings/{booking_id}/decline").status_code == 404

    # One marketplace's key with another's token: refused at the gateway, nothing read.
    mixed = [
        {"X-Api-Key": world.lessons.api_key, "Authorization": f"Bearer {alice.token}"},
        {"X-Api-Key": world.coaching.api_key, "Authorization": f"Bearer {world.other_alice.token}"},
    ]
    for headers in mixed:
        refused = alice.client.get(f"/v1/bookings/{booking_id}", headers=headers)
        assert refused.status_code == 403 and refused.json()["type"] == "/problems/marketplace-mismatch"
        reveals_nothing(refused, *secrets)
    # Alice herself still sees it all.
    assert alice.booking(booking_id)["id"] == booking_id


@pytest.mark.rule("PL-5")
def test_card_data_is_refused_at_the_gateway_and_no_card_token_or_code_is_kept_anywhere(world, card_data_finder):
    """Last in the module: every flow above saved its cards by token and paid with them."""
    alice = world.alice
    for body in ({"card_number": GOOD_CARD, "exp_month": 12, "exp_year": 2099, "cvc": world.cards.CVC},
                 {"token": "tok_x", "card": {"number": GOOD_CARD, "cvc": world.cards.CVC}}):
        refused = alice.send("POST", "/v1/payment-methods", body)
        assert refused.status_code == 422 and refused.json()["type"] == "/problems/card-data-refused", refused.text
        assert "/sandbox-processor/v1/tokens" in refused.json()["detail"]
        reveals_nothing(refused, GOOD_CARD)
        assert world.cards.CVC not in refused.json()["detail"]
    world.cards.save(alice, GOOD_CARD)
    spent = alice.send("POST", "/v1/payment-methods", {"token": world.cards.tokens[-1]})
    assert spent.status_code == 422 and spent.json()["code"] == "token_used", spent.text
    reveals_nothing(spent, world.cards.tokens[-1])

    assert card_data_finder(world.stack, world.cards) == []
