"""The authorization matrix (issue 14): every operation of the gateway's merged OpenAPI document, called by
every kind of caller, on real objects of one marketplace, each answer as expected.

Callers: nobody, a publishable key alone, a secret key alone, the operator, a revoked secret key; a
student, a provider and staff of the marketplace (with and without a secret key); a second student and a
second provider of it (strangers to the objects); a student (with the first student's very user id),
a provider and staff of another marketplace; a token whose minting key was revoked (alone, and with a
live secret key); a token sent with the other marketplace's key (both ways round).

The objects are made through the API beforehand, as partners would: the provider's profile, offering,
hours and a blocked period; two paid bookings of the student (one lesson moved into the past, so that it
can be reported), a reschedule request, a chat with a message, a report with a proposal (escalated, so
that staff read the chat), a webhook endpoint, the student's inbox item and alert.

`ACCESS` says, per operation, who may call it and who sees its objects; `expected` turns that into the
answer of each caller. An operation of the document missing from `ACCESS`, or an entry of `ACCESS` the
document no longer has, fails `test_every_documented_operation_is_in_the_matrix`. Besides each answer's
status (and, where the gateway answers, its problem type):
- no answer is a 5xx, and no caller that may not call an operation gets a 2xx;
- a caller who must not see an object (the other marketplace, a stranger) gets the very answer it gets
  for an id that doesn't exist, and no answer to them holds the objects' ids or texts;
- the calls that are refused change nothing (the objects read the same before and after them).

The changes of the objects are sent with a valid body (`World.bodies`), so that a caller who must not touch
them is refused for that and not for its body; every other change is sent `{}`: for a caller that may call
it, a 422 is as good an answer as any (only 401, 403 and 5xx are not). Refused calls and reads go first,
a few at a time; then the allowed changes one after the other (they may cancel the booking, delete the
endpoint and so on).
"""

import asyncio
import concurrent.futures
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import pytest

from devstack.partner import EUR, Partner, User, until
from shared.database import asyncpg_dsn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

# --------------------------------------------------------------------------------------------------
# Who may call what: one entry per operation of the gateway's document.
# --------------------------------------------------------------------------------------------------

STUDENT, PROVIDER, STAFF = "student", "provider", "staff"
ANYONE = (STUDENT, PROVIDER, STAFF)
PARTIES = (STUDENT, PROVIDER)
# Who of the home marketplace sees an object (`seen_by`): the lesson's student, provider, the
# marketplace's staff, and the strangers (a second student, a second provider).
LESSON = (STUDENT, PROVIDER, STAFF)
WHOLE_MARKETPLACE = (STUDENT, PROVIDER, STAFF, "student2", "provider2")


@dataclass(frozen=True)
class Access:
    kind: str  # "public" (anyone), "operator" (X-Operator-Key), "secret" (a secret key), "user" (a user token)
    roles: frozenset[str] = frozenset()  # for "user": the roles the operation serves
    secret: bool = False  # for "user": a secret key of the marketplace must come along (secret_operations.py)
    # For "user" operations on real objects (path or required query): who of the home marketplace sees them;
    # None when the operation names none (a collection, the caller's own things, or a made-up id).
    seen_by: frozenset[str] | None = None
    # What a caller of an allowed role who doesn't see the objects gets, per role: a user of the home
    # marketplace (default 404) and one of the other marketplace (default 404).
    unseen: Mapping[str, frozenset[int]] = field(default_factory=dict)
    foreign: Mapping[str, frozenset[int]] = field(default_factory=dict)
    # What a GET answers a caller who sees everything it names (made-up ids aside).
    ok: frozenset[int] = frozenset({200})
    # A refusal the service gives one who sees the objects, for a reason of its domain, not of access.
    refusals: Mapping[str, tuple[int, str]] = field(default_factory=dict)


PUBLIC = Access("public")
OPERATOR = Access("operator")
SECRET_KEY = Access("secret")


def user(roles: tuple[str, ...] | str, *, secret: bool = False, seen_by: tuple[str, ...] | None = None,
         unseen: Mapping[str, int] | None = None, foreign: Mapping[str, int] | None = None,
         ok: tuple[int, ...] = (200,), refusals: Mapping[str, tuple[int, str]] | None = None) -> Access:
    roles = (roles,) if isinstance(roles, str) else roles
    return Access("user", frozenset(roles), secret, None if seen_by is None else frozenset(seen_by),
                  {role: frozenset({status}) for role, status in (unseen or {}).items()},
                  {role: frozenset({status}) for role, status in (foreign or {}).items()}, frozenset(ok),
                  dict(refusals or {}))


BOOKING = "/v1/bookings/{booking_id}"
REQUEST = BOOKING + "/reschedule-requests/{request_id}"
PROPOSAL = "/v1/reports/{report_id}/proposals/{proposal_id}"
ENDPOINT = "/v1/webhooks/{endpoint_id}"
# Staff read a chat only while a report of its pair is escalated to them, and otherwise get the same
# refusal whether the thread exists or not (notifications/chat/disputes.py): the other marketplace's staff
# get that 403, not a 404.
CHAT_OF_STAFF = {STAFF: 403}
# The proposal is the student's own (made with the report): only the provider answers it.
OWN_PROPOSAL = {STUDENT: (403, "own-proposal")}

ACCESS: dict[tuple[str, str], Access] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/.well-known/jwks.json"): PUBLIC,
    # gateway: the operator's, the partner server's
    ("POST", "/v1/admin/marketplaces"): OPERATOR,
    ("GET", "/v1/admin/marketplaces"): OPERATOR,
    ("GET", "/v1/admin/marketplaces/{marketplace_id}"): OPERATOR,
    ("POST", "/v1/admin/marketplaces/{marketplace_id}/api-keys"): OPERATOR,
    ("DELETE", "/v1/admin/marketplaces/{marketplace_id}/api-keys/{key_id}"): OPERATOR,
    ("POST", "/v1/auth/tokens"): SECRET_KEY,
    ("GET", "/v1/allowed-origins"): SECRET_KEY,
    ("PUT", "/v1/allowed-origins"): SECRET_KEY,
    # booking
    ("GET", "/v1/marketplace"): user(ANYONE),
    ("PUT", "/v1/marketplace/policy"): user(STAFF, secret=True),
    ("POST", "/v1/providers/me/pause"): user(PROVIDER),
    ("POST", "/v1/providers/me/resume"): user(PROVIDER),
    ("POST", "/v1/providers/{provider_id}/pause"): user(STAFF, seen_by=WHOLE_MARKETPLACE),
    ("POST", "/v1/providers/{provider_id}/reactivate"): user(STAFF, seen_by=WHOLE_MARKETPLACE),
    ("GET", "/v1/providers/me/availability"): user(PROVIDER),
    ("PUT", "/v1/providers/me/availability"): user(PROVIDER),
    ("GET", "/v1/providers/{provider_id}/availability"): user(ANYONE, seen_by=WHOLE_MARKETPLACE),
    ("GET", "/v1/providers/me/blocks"): user(PROVIDER),
    ("POST", "/v1/providers/me/blocks"): user(PROVIDER),
    ("DELETE", "/v1/providers/me/blocks/{block_id}"): user(PROVIDER, seen_by=(PROVIDER,)),
    ("GET", "/v1/providers/{provider_id}/record"): user(STAFF, seen_by=WHOLE_MARKETPLACE),
    ("GET", "/v1/providers/me"): user(PROVIDER),
    ("PUT", "/v1/providers/me"): user(PROVIDER),
    ("GET", "/v1/providers"): user(ANYONE),
    ("GET", "/v1/providers/{provider_id}"): user(ANYONE, seen_by=WHOLE_MARKETPLACE),
    ("POST", "/v1/offerings"): user(PROVIDER),
    ("GET", "/v1/offerings"): user(ANYONE),
    ("PATCH", "/v1/offerings/{offering_id}"): user(PROVIDER, seen_by=(PROVIDER,)),
    ("GET", "/v1/offerings/{offering_id}"): user(ANYONE, seen_by=WHOLE_MARKETPLACE),
    ("GET", "/v1/slots"): user(ANYONE, seen_by=WHOLE_MARKETPLACE),
    ("POST", "/v1/bookings"): user(STUDENT),
    ("GET", "/v1/bookings"): user(ANYONE),
    ("GET", BOOKING): user(ANYONE, seen_by=LESSON),
    ("POST", BOOKING + "/accept"): user(PROVIDER, seen_by=LESSON),
    ("POST", BOOKING + "/decline"): user(PROVIDER, seen_by=LESSON),
    ("POST", BOOKING + "/confirm-delivery"): user(STUDENT, seen_by=LESSON),
    ("POST", BOOKING + "/reschedule-requests"): user(PARTIES, seen_by=LESSON),
    ("GET", BOOKING + "/reschedule-requests"): user(ANYONE, seen_by=LESSON),
    ("POST", REQUEST + "/approve"): user(PROVIDER, seen_by=LESSON),
    ("POST", REQUEST + "/pick"): user(STUDENT, seen_by=LESSON),
    ("POST", REQUEST + "/decline"): user(PARTIES, seen_by=LESSON),
    ("POST", BOOKING + "/edit-time"): user(PROVIDER, seen_by=LESSON),
    ("POST", BOOKING + "/cancel"): user(PARTIES, seen_by=LESSON),
    ("POST", BOOKING + "/staff-cancel"): user(STAFF, seen_by=LESSON),
    ("POST", BOOKING + "/refund-exceptions"): user((PROVIDER, STAFF), seen_by=LESSON),
    # The booking is not cancelled: its parties and staff are told there is no cancellation (404).
    ("GET", BOOKING + "/cancellation"): user(ANYONE, seen_by=LESSON, ok=(404,)),
    ("GET", BOOKING + "/alternative-providers"): user(STAFF, seen_by=LESSON),
    ("POST", BOOKING + "/miss-resolution"): user((PROVIDER, STAFF), seen_by=LESSON),
    ("GET", BOOKING + "/timeline"): user(ANYONE, seen_by=LESSON),
    # wallet
    ("GET", "/v1/payment-methods"): user(STUDENT),
    ("POST", "/v1/payment-methods"): user(STUDENT),
    ("POST", "/v1/wallet/top-ups"): user(STUDENT),
    ("GET", "/v1/wallet/balance"): user(ANYONE),
    ("GET", "/v1/wallet/statement"): user(ANYONE),
    # "empty when none the caller may see": a 200 with no item, to strangers and other marketplaces alike.
    ("GET", "/v1/payments"): user(ANYONE, seen_by=LESSON, unseen={STUDENT: 200, PROVIDER: 200},
                                  foreign={role: 200 for role in ANYONE}),
    ("GET", "/v1/ledger/trial-balance"): user(STAFF),
    ("POST", "/v1/card-refunds"): user(STAFF),
    # The booking's card refunds, filtered by who may see each (there are none): a 200 for anyone.
    ("GET", "/v1/card-refunds"): user(ANYONE, seen_by=LESSON, unseen={STUDENT: 200, PROVIDER: 200},
                                      foreign={role: 200 for role in ANYONE}),
    ("POST", "/v1/card-refunds/{card_refund_id}/retry"): user(STAFF),
    ("GET", "/v1/card-refunds/{card_refund_id}"): user(ANYONE),
    ("GET", "/v1/promo-codes"): user(ANYONE),
    ("GET", "/v1/promo-codes/{code}"): user(ANYONE),
    # disputes
    ("POST", "/v1/reports"): user(PARTIES),
    ("GET", "/v1/reports"): user(ANYONE),
    ("GET", "/v1/reports/{report_id}"): user(ANYONE, seen_by=LESSON),
    ("POST", "/v1/reports/{report_id}/proposals"): user(PARTIES, seen_by=PARTIES),
    ("POST", PROPOSAL + "/accept"): user(PARTIES, seen_by=PARTIES, refusals=OWN_PROPOSAL),
    ("POST", PROPOSAL + "/reject"): user(PARTIES, seen_by=PARTIES, refusals=OWN_PROPOSAL),
    ("POST", "/v1/reports/{report_id}/escalate"): user(PARTIES, seen_by=PARTIES),
    ("GET", "/v1/disputes/marks"): user(ANYONE),
    ("GET", "/v1/disputes"): user(STAFF),
    ("GET", "/v1/disputes/{report_id}"): user(ANYONE, seen_by=LESSON),
    ("POST", "/v1/disputes/{report_id}/decision"): user(STAFF, seen_by=LESSON),
    # notifications
    ("GET", "/v1/preferences"): user(ANYONE),
    ("PUT", "/v1/preferences"): user(ANYONE),
    # No marketplace here has a Discord bot webhook: staff are told so.
    ("GET", "/v1/channels/marketplace-discord"): user(STAFF, ok=(404,)),
    ("PUT", "/v1/channels/marketplace-discord"): user(STAFF, secret=True),
    ("DELETE", "/v1/channels/marketplace-discord"): user(STAFF, secret=True),
    ("GET", "/v1/channels"): user(ANYONE),
    ("PUT", "/v1/channels/email"): user(ANYONE),
    ("PUT", "/v1/channels/discord"): user(ANYONE),
    ("DELETE", "/v1/channels/{channel}"): user(ANYONE),
    ("GET", "/v1/inbox"): user(ANYONE),
    ("GET", "/v1/inbox/{item_id}"): user(ANYONE, seen_by=(STUDENT,)),
    ("PATCH", "/v1/inbox/{item_id}"): user(ANYONE, seen_by=(STUDENT,)),
    ("POST", "/v1/inbox/read-all"): user(ANYONE),
    ("GET", "/v1/alerts/staff-desk"): user(STAFF),
    ("GET", "/v1/alerts/{alert_id}"): user(ANYONE, seen_by=(STUDENT,)),
    ("POST", "/v1/chats"): user(PARTIES),
    ("GET", "/v1/chats"): user(ANYONE),
    ("GET", "/v1/chats/{thread_id}"): user(ANYONE, seen_by=LESSON, foreign=CHAT_OF_STAFF),
    ("GET", "/v1/chats/{thread_id}/messages"): user(ANYONE, seen_by=LESSON, foreign=CHAT_OF_STAFF),
    ("POST", "/v1/chats/{thread_id}/messages"): user(PARTIES, seen_by=PARTIES),
    ("POST", "/v1/chats/{thread_id}/read"): user(PARTIES, seen_by=PARTIES),
    # Staff read any lesson's reminders of their marketplace: another marketplace's staff get an empty list.
    ("GET", "/v1/reminders"): user(ANYONE, seen_by=LESSON, foreign={STAFF: 200}),
    ("GET", "/v1/deliveries"): user(STAFF),
    ("GET", "/v1/deliveries/{delivery_id}"): user(STAFF),
    ("POST", "/v1/deliveries/{delivery_id}/replay"): user(STAFF),
    ("GET", "/v1/webhooks/event-types"): user(STAFF),
    ("GET", "/v1/webhooks"): user(STAFF),
    ("POST", "/v1/webhooks"): user(STAFF, secret=True),
    ("GET", ENDPOINT): user(STAFF, seen_by=(STAFF,)),
    ("PATCH", ENDPOINT): user(STAFF, secret=True, seen_by=(STAFF,)),
    ("DELETE", ENDPOINT): user(STAFF, secret=True, seen_by=(STAFF,)),
    ("POST", ENDPOINT + "/rotate-secret"): user(STAFF, secret=True, seen_by=(STAFF,)),
    ("GET", ENDPOINT + "/deliveries"): user(STAFF, seen_by=(STAFF,)),
    ("POST", ENDPOINT + "/deliveries/{delivery_id}/replay"): user(STAFF, seen_by=(STAFF,)),
    ("GET", "/v1/stream"): user(ANYONE),
}

# Pages outside the document (include_in_schema=False) that anyone may read.
PUBLIC_PAGES = ("/openapi.json", "/docs", "/redoc")

# Path and query parameters: those naming the objects made beforehand (real), made-up ones (every caller
# gets "not found" or the like) and plain values. The made-up twin of a real id shows what a caller that
# must not see an object gets when there is none.
REAL_PARAMETERS = {"marketplace_id", "key_id", "provider_id", "block_id", "offering_id", "booking_id", "request_id",
                   "report_id", "proposal_id", "thread_id", "item_id", "alert_id", "endpoint_id"}
MADE_UP_PARAMETERS = {"card_refund_id": "cr_does-not-exist", "code": "NO-SUCH-CODE",
                      "delivery_id": "does-not-exist"}
MADE_UP_ID = "does-not-exist-0000"

METHODS = ("get", "put", "post", "patch", "delete")
# Calls in flight at once: each keeps a database connection of a service busy, and every stack on the
# machine shares one PostgreSQL (100 connections); a few are fast enough.
WORKERS = 6
CHANGING = {"POST", "PUT", "PATCH", "DELETE"}

# --------------------------------------------------------------------------------------------------
# Callers, and what each gets.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    name: str
    headers: dict[str, str]
    key: str = "none"  # the X-Api-Key sent: none, publishable, secret (live, of the key's marketplace), revoked
    token: str = "none"  # none, live, revoked (its minting key was revoked)
    role: str | None = None
    home: bool = True  # of the marketplace that owns the objects (else of the other one)
    seer: str | None = None  # who the caller is in `Access.seen_by` (None: a stranger to every object)
    mismatched: bool = False  # a token of one marketplace with a key of the other
    operator: bool = False


@dataclass(frozen=True)
class Expected:
    statuses: frozenset[int] | None  # None: allowed, any answer but 401, 403 and 5xx
    slugs: frozenset[str] | None = None  # the problem types a refusal may have (None: any)
    hidden: bool = False  # must be answered as if the objects didn't exist (as for made-up ids)

    def describe(self) -> str:
        if self.statuses is None:
            return "allowed (not 401/403/5xx)"
        text = "/".join(map(str, sorted(self.statuses)))
        if self.slugs:
            text += f" {'|'.join(sorted(self.slugs))}"
        return text + (", as for a made-up id" if self.hidden else "")


def refused(status: int, *slugs: str) -> Expected:
    return Expected(frozenset({status}), frozenset(slugs) or None)


# A wrong role: the service's refusal, or the gateway's for the operations that need a secret key.
ROLE_REFUSALS = ("role-required", "secret-key-required")


def expected(access: Access, caller: Caller, method: str, made_up: bool) -> Expected:
    """What `caller` gets from the operation. `made_up`: some of its parameters are made-up ids."""
    allowed = Expected(access.ok if method == "GET" and not made_up else None)
    if access.kind == "public":
        return Expected(frozenset({200}))
    if access.kind == "operator":
        return allowed if caller.operator else refused(401, "invalid-operator-key")
    if access.kind == "secret":
        return {"secret": allowed, "revoked": refused(401, "invalid-api-key"),
                "publishable": refused(403, "secret-key-required")}.get(caller.key, refused(401, "missing-api-key"))
    # A user's operation: the gateway checks the key, then the token, then that both are of one marketplace.
    if caller.key == "revoked":
        return refused(401, "invalid-api-key")
    if caller.token == "none":
        return refused(401, "missing-token")
    if caller.token == "revoked":
        return refused(401, "token-key-revoked")
    if caller.mismatched:
        return refused(403, "marketplace-mismatch")
    if caller.role not in access.roles:
        return refused(403, *ROLE_REFUSALS)
    if access.secret and caller.key != "secret":
        return refused(403, "secret-key-required")
    if access.seen_by is None:
        return allowed
    if not caller.home:
        return Expected(access.foreign.get(caller.role, frozenset({404})), hidden=True)
    if caller.seer in access.seen_by:
        if caller.seer in access.refusals:
            status, slug = access.refusals[caller.seer]
            return refused(status, slug)
        return allowed
    return Expected(access.unseen.get(caller.role, frozenset({404})), hidden=True)


# --------------------------------------------------------------------------------------------------
# The world: two marketplaces, their people and the home marketplace's objects, made through the API.
# --------------------------------------------------------------------------------------------------

PRICE = 3000
GOOD_CARD = "4242424242424242"
ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]
SHIFT_LESSON = "starts_at = starts_at - $2::interval, ends_at = ends_at - $2::interval"


def _sql(dsn: str, statement: str, *args) -> list:
    async def go():
        conn = await asyncpg.connect(dsn)
        try:
            return await conn.fetch(statement, *args)
        finally:
            await conn.close()

    return asyncio.run(go())


class World:
    """Everything the matrix needs. `secrets`: texts and ids of the home marketplace's objects that no
    caller who must not see them may find in an answer (`private` ones: not even its strangers)."""

    def __init__(self, client: httpx.Client, operator_key: str, database_urls: Mapping[str, str], cards):
        self.client, self.operator_key = client, operator_key
        run = uuid.uuid4().hex[:6]
        self.marker = f"mx{run}"  # in every text written below, so a leak is easy to find
        home = self.home = Partner(client, operator_key, f"authz-home-{run}", "lessons", {})
        other = self.other = Partner(client, operator_key, f"authz-other-{run}", "lessons", {})
        home_pk, other_pk = self.issue_key(home.id, kind="publishable"), self.issue_key(other.id, kind="publishable")
        self.student, self.provider = home.user("stu-alice", STUDENT), home.user(f"pro-home-{run}", PROVIDER)
        self.staff = home.user("staff-home", STAFF)
        self.student2, self.provider2 = home.user("stu-bob", STUDENT), home.user(f"pro-home2-{run}", PROVIDER)
        # The other marketplace's student has the home student's very user id: still nobody of home.
        self.other_student, self.other_provider = other.user("stu-alice", STUDENT), other.user(f"pro-other-{run}",
                                                                                                PROVIDER)
        self.other_staff = other.user("staff-other", STAFF)
        # A second secret key, which mints a staff token, then is revoked.
        self.revoked_key = self.issue_key(home.id, roles=["student", "provider", "staff"])
        minted = client.post("/v1/auth/tokens", headers={"X-Api-Key": self.revoked_key["key"]},
                             json={"user_id": self.staff.user_id, "role": STAFF})
        assert minted.status_code == 201, minted.text
        revoked_token = minted.json()["access_token"]
        revoked = client.delete(f"/v1/admin/marketplaces/{home.id}/api-keys/{self.revoked_key['id']}",
                                headers={"X-Operator-Key": operator_key})
        assert revoked.status_code == 204, revoked.text

        home.policy_when_booking_knows_it(self.staff)
        other.policy_when_booking_knows_it(self.other_staff)
        self.offering = self.publish(self.provider, f"Secret guitar {self.marker}")
        self.publish(self.provider2, f"Guitar too {self.marker}")
        self.publish(self.other_provider, "Guitar elsewhere")
        starts = datetime.now(UTC) + timedelta(days=30)
        self.block = self.provider.ok("POST", "/v1/providers/me/blocks", {
            "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "reason": f"Private block {self.marker}"}, 201)

        # Two paid bookings of the student: one ahead, one whose lesson is moved into the past and reported.
        card = cards.save(self.student, GOOD_CARD)
        self.student.ok("POST", "/v1/wallet/top-ups", {"amount": {"amount_minor": 2 * PRICE, "currency": EUR},
                                                       "payment_method_id": card}, 201)
        hour = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        self.booking = self.book(hour + timedelta(hours=1))
        past = self.book(hour + timedelta(hours=3))
        self.request = self.student.ok("POST", f"/v1/bookings/{self.booking}/reschedule-requests",
                                       {"reason": f"Private reason {self.marker}"}, 201)
        thread = self.student.send("POST", "/v1/chats", {"counterpart_id": self.provider.user_id})
        assert thread.status_code in (200, 201), thread.text
        self.thread = thread.json()["id"]
        self.student.ok("POST", f"/v1/chats/{self.thread}/messages", {"body": f"Private message {self.marker}"}, 201)
        self.end_lesson(database_urls, past)
        self.report = self.student.ok("POST", "/v1/reports", {
            "booking_id": past, "kind": "technical_problem", "details": f"Private details {self.marker}",
            "proposal": {"resolution": "full_refund_to_student"}}, 201)
        self.proposal = self.report["proposals"][0]["id"]
        self.student.ok("POST", f"/v1/reports/{self.report['id']}/escalate")
        until(lambda: {"status": self.staff.get(f"/v1/chats/{self.thread}").status_code},
              lambda answer: answer["status"] == 200, "staff read the chat of the escalated report")

        # An event a marketplace without an acceptance step never has: no delivery fails, nothing changes.
        event_types = self.staff.ok("GET", "/v1/webhooks/event-types")
        quiet = next((t for t in event_types if "acceptance_requested" in t), event_types[0])
        self.endpoint = self.staff.ok("POST", "/v1/webhooks", {  # the staff User sends the secret key
            "url": f"https://hooks.partner.example/{self.marker}", "event_types": [quiet],
            "description": f"Private endpoint {self.marker}"}, 201)
        items = until(lambda: self.student.ok("GET", "/v1/inbox"), lambda page: page["items"],
                      "the student has an alert")["items"]
        self.item, self.alert = items[0]["id"], items[0]["alert_id"]
        payments = self.student.ok("GET", "/v1/payments", {"booking_id": self.booking})["items"]
        assert payments, "the booking is paid"

        self.real = {
            "marketplace_id": home.id, "key_id": self.revoked_key["id"], "provider_id": self.provider.user_id,
            "block_id": self.block["id"], "offering_id": self.offering["id"], "booking_id": self.booking,
            "request_id": self.request["id"], "report_id": self.report["id"], "proposal_id": self.proposal,
            "thread_id": self.thread, "item_id": self.item, "alert_id": self.alert, "endpoint_id": self.endpoint["id"],
        }
        self.plain = {"channel": "email", "from": hour.isoformat(), "to": (hour + timedelta(days=2)).isoformat()}
        # Valid bodies for the changes of the objects, so that a caller who must not see them is refused for
        # that, not for its body; every other change gets `{}`.
        later = (hour + timedelta(hours=6)).isoformat()
        self.bodies = {
            ("POST", BOOKING + "/reschedule-requests"): {"reason": "matrix"},
            ("POST", REQUEST + "/pick"): {"starts_at": later},
            ("POST", BOOKING + "/edit-time"): {"starts_at": later, "student_agreed": True, "note": "matrix"},
            ("POST", BOOKING + "/cancel"): {"reason": "matrix"},
            ("POST", BOOKING + "/staff-cancel"): {"reason": "matrix", "student_aware": True, "cause": "provider"},
            ("POST", BOOKING + "/refund-exceptions"): {"refund": {"kind": "full"}},
            ("POST", BOOKING + "/miss-resolution"): {"remedy": "credit_refund"},
            ("POST", "/v1/reports/{report_id}/proposals"): {"resolution": "full_refund_to_student"},
            ("POST", "/v1/disputes/{report_id}/decision"): {"refund_minor": 0},
            ("POST", "/v1/chats/{thread_id}/messages"): {"body": "matrix"},
            ("PATCH", "/v1/inbox/{item_id}"): {"state": "read"},
        }
        # What the other marketplace may never read; what a stranger of home may not either (`private`).
        public = {home.id, self.provider.user_id, self.offering["id"], f"Secret guitar {self.marker}"}
        self.private = {self.booking, past, self.request["id"], self.thread, self.report["id"], self.proposal,
                        self.item, self.alert, self.endpoint["id"], self.block["id"], payments[0]["id"],
                        self.marker}
        self.secrets = public | self.private
        self.callers = self.make_callers(home_pk, other_pk, revoked_token)

    def issue_key(self, marketplace_id: str, **scopes) -> dict:
        answer = self.client.post(f"/v1/admin/marketplaces/{marketplace_id}/api-keys",
                                  headers={"X-Operator-Key": self.operator_key}, json=scopes)
        assert answer.status_code == 201, answer.text
        return answer.json()

    @staticmethod
    def publish(provider: User, title: str) -> dict:
        provider.ok("PUT", "/v1/providers/me", {"display_name": "Pat", "timezone": "Europe/Berlin",
                                                "lesson_kinds": ["guitar"]}, 201)
        offering = provider.ok("POST", "/v1/offerings", {"title": title, "kind": "guitar", "duration_minutes": 60,
                                                         "price": {"amount_minor": PRICE, "currency": EUR}}, 201)
        provider.ok("PUT", "/v1/providers/me/availability", ALL_DAY_EVERY_DAY)
        return offering

    def book(self, starts_at: datetime) -> str:
        placed = self.student.ok("POST", "/v1/bookings", {"offering_id": self.offering["id"],
                                                          "starts_at": starts_at.isoformat(),
                                                          "payment": {"method": "credits"}}, 201)
        self.student.booking_until(placed["id"], lambda b: b["status"] == "confirmed", "is confirmed")
        return placed["id"]

    @staticmethod
    def end_lesson(database_urls: Mapping[str, str], booking_id: str) -> None:
        """The one thing no partner can do: let the lesson's hour pass (as test_missed_lessons does)."""
        booking, disputes = (asyncpg_dsn(database_urls[service]) for service in ("booking", "disputes"))
        shift = _sql(booking, "SELECT starts_at - (now() - interval '2 hours') AS shift FROM bookings WHERE id = $1",
                     booking_id)[0]["shift"]
        _sql(booking, f"UPDATE bookings SET {SHIFT_LESSON} WHERE id = $1", booking_id, shift)
        until(lambda: _sql(disputes, f"UPDATE lessons SET {SHIFT_LESSON} WHERE booking_id = $1 RETURNING booking_id",
                           booking_id, shift), bool, f"disputes knows lesson {booking_id}")

    def make_callers(self, home_pk: dict, other_pk: dict, revoked_token: str) -> list[Caller]:
        def bearer(u: User) -> dict[str, str]:
            return {"Authorization": f"Bearer {u.token}"}

        home_sk, other_sk = {"X-Api-Key": self.home.api_key}, {"X-Api-Key": self.other.api_key}
        home_pk, other_pk = {"X-Api-Key": home_pk["key"]}, {"X-Api-Key": other_pk["key"]}
        live = {"token": "live"}
        return [
            Caller("anonymous", {}),
            Caller("publishable key", home_pk, key="publishable"),
            Caller("secret key", home_sk, key="secret"),
            Caller("operator", {"X-Operator-Key": self.operator_key}, operator=True),
            Caller("revoked secret key", {"X-Api-Key": self.revoked_key["key"]}, key="revoked"),
            # A browser app sends the token alone, or with the publishable key; the partner's server a
            # secret key with it.
            Caller("student", bearer(self.student), role=STUDENT, seer=STUDENT, **live),
            Caller("provider", {**bearer(self.provider), **home_pk}, key="publishable", role=PROVIDER,
                   seer=PROVIDER, **live),
            Caller("staff", {**bearer(self.staff), **home_pk}, key="publishable", role=STAFF, seer=STAFF, **live),
            Caller("staff with secret key", {**bearer(self.staff), **home_sk}, key="secret", role=STAFF, seer=STAFF,
                   **live),
            Caller("second student", bearer(self.student2), role=STUDENT, seer="student2", **live),
            Caller("second provider", {**bearer(self.provider2), **home_pk}, key="publishable", role=PROVIDER,
                   seer="provider2", **live),
            Caller("other marketplace's student", bearer(self.other_student), role=STUDENT, home=False, **live),
            Caller("other marketplace's provider", {**bearer(self.other_provider), **other_pk}, key="publishable",
                   role=PROVIDER, home=False, **live),
            Caller("other marketplace's staff", {**bearer(self.other_staff), **other_pk}, key="publishable",
                   role=STAFF, home=False, **live),
            Caller("other marketplace's staff with secret key", {**bearer(self.other_staff), **other_sk},
                   key="secret", role=STAFF, home=False, **live),
            Caller("revoked key's token", {"Authorization": f"Bearer {revoked_token}"}, token="revoked",
                   role=STAFF, seer=STAFF),
            Caller("revoked key's token with a live secret key", {"Authorization": f"Bearer {revoked_token}",
                                                                   **home_sk}, key="secret", token="revoked",
                   role=STAFF, seer=STAFF),
            Caller("staff token with the other marketplace's publishable key", {**bearer(self.staff), **other_pk},
                   key="publishable", role=STAFF, seer=STAFF, mismatched=True, **live),
            Caller("other staff token with this marketplace's secret key", {**bearer(self.other_staff), **home_sk},
                   key="secret", role=STAFF, home=False, mismatched=True, **live),
        ]

    def snapshot(self) -> dict:
        """What the refused calls must leave as it is."""
        reads = {
            "booking": (self.student, f"/v1/bookings/{self.booking}"),
            "reschedule requests": (self.student, f"/v1/bookings/{self.booking}/reschedule-requests"),
            "offering": (self.provider, f"/v1/offerings/{self.offering['id']}"),
            "profile": (self.provider, "/v1/providers/me"),
            "hours": (self.provider, "/v1/providers/me/availability"),
            "blocks": (self.provider, "/v1/providers/me/blocks"),
            "policy": (self.staff, "/v1/marketplace"),
            "report": (self.student, f"/v1/reports/{self.report['id']}"),
            "chat": (self.student, f"/v1/chats/{self.thread}/messages"),
            "endpoint": (self.staff, f"/v1/webhooks/{self.endpoint['id']}"),
            "endpoints": (self.staff, "/v1/webhooks"),
            "preferences": (self.student, "/v1/preferences"),
            "channels": (self.student, "/v1/channels"),
            "inbox item": (self.student, f"/v1/inbox/{self.item}"),
            "balance": (self.student, "/v1/wallet/balance"),
            "payment methods": (self.student, "/v1/payment-methods"),
            "marketplace discord": (self.staff, "/v1/channels/marketplace-discord"),
            "allowed origins": (None, "/v1/allowed-origins"),
            "marketplaces": (None, "/v1/admin/marketplaces"),
        }
        state = {}
        for what, (reader, path) in reads.items():
            if reader is None:
                headers = {"X-Operator-Key": self.operator_key} if "admin" in path else {"X-Api-Key": self.home.api_key}
                answer = self.client.get(path, headers=headers, params={"limit": 100} if "admin" in path else None)
            else:
                answer = reader.get(path)
            body = answer.json() if answer.content else None
            if isinstance(body, dict):
                body.pop("request_id", None)  # a problem's: another for each request
            state[what] = (answer.status_code, body)
        return state


# --------------------------------------------------------------------------------------------------
# Running the matrix.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_parameters: tuple[str, ...]
    query_parameters: tuple[str, ...]  # the required ones
    has_body: bool

    @property
    def made_up(self) -> bool:
        return any(name in MADE_UP_PARAMETERS for name in self.path_parameters)

    @property
    def names_real_objects(self) -> bool:
        return any(name in REAL_PARAMETERS for name in (*self.path_parameters, *self.query_parameters))


def operations_of(document: dict) -> dict[tuple[str, str], Operation]:
    found = {}
    for path, item in document["paths"].items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            definition = item[method]
            parameters = [*shared, *definition.get("parameters", [])]
            found[(method.upper(), path)] = Operation(
                method.upper(), path, tuple(re.findall(r"{([^}]+)}", path)),
                tuple(p["name"] for p in parameters if p.get("in") == "query" and p.get("required")),
                "requestBody" in definition)
    return found


@dataclass
class Answer:
    status: int
    slug: str | None
    text: str

    @classmethod
    def of(cls, status: int, content_type: str, text: str) -> "Answer":
        slug = None
        if "json" in content_type:
            found = re.search(r'"type"\s*:\s*"/problems/([^"]+)"', text)
            slug = found.group(1) if found else None
        return cls(status, slug, text)

    def brief(self) -> str:
        return f"{self.status}{f' {self.slug}' if self.slug else ''}"


@dataclass
class Cell:
    operation: Operation
    caller: Caller
    expected: Expected
    url: str = ""
    answer: Answer | None = None
    made_up_answer: Answer | None = None  # for a hidden cell: the answer for made-up ids
    problems: list[str] = field(default_factory=list)


def request_of(world: World, operation: Operation, made_up: bool) -> tuple[str, dict]:
    def value(name: str) -> str:
        if name in world.real:
            return MADE_UP_ID if made_up else world.real[name]
        return MADE_UP_PARAMETERS.get(name) or world.plain.get(name, MADE_UP_ID)

    path = re.sub(r"{([^}]+)}", lambda m: value(m.group(1)), operation.path)
    return path, {name: value(name) for name in operation.query_parameters}


def call(client: httpx.Client, world: World, cell: Cell, made_up: bool = False) -> Answer:
    operation = cell.operation
    path, query = request_of(world, operation, made_up)
    headers = dict(cell.caller.headers)
    if operation.method in CHANGING:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    body = world.bodies.get((operation.method, operation.path), {}) if operation.has_body else None
    if operation.path == "/v1/stream":  # an endless event stream: its status and headers are the answer
        with client.stream("GET", path, params=query, headers=headers) as response:
            text = response.read().decode() if response.status_code != 200 else ""
            return Answer.of(response.status_code, response.headers.get("content-type", ""), text)
    response = client.request(operation.method, path, params=query or None, headers=headers, json=body)
    if not made_up:
        cell.url = str(response.request.url)
    return Answer.of(response.status_code, response.headers.get("content-type", ""), response.text)


def judge(world: World, cell: Cell) -> None:
    answer, expectation, caller = cell.answer, cell.expected, cell.caller
    assert answer is not None
    if answer.status >= 500:
        cell.problems.append(f"a server error: {answer.text[:300]}")
    elif expectation.statuses is None:
        if answer.status in (401, 403):
            cell.problems.append(f"refused an allowed caller: {answer.text[:300]}")
    else:
        if answer.status not in expectation.statuses:
            cell.problems.append(f"expected {expectation.describe()}, got {answer.brief()}: {answer.text[:300]}")
        elif expectation.slugs and answer.slug not in expectation.slugs:
            cell.problems.append(f"expected {expectation.describe()}, got {answer.brief()}: {answer.text[:300]}")
        if 200 <= answer.status < 300 and 200 not in expectation.statuses and 204 not in expectation.statuses:
            cell.problems.append("a 2xx to a caller that may not call it")
    if expectation.hidden and cell.made_up_answer is not None:
        twin = cell.made_up_answer
        if (answer.status, answer.slug) != (twin.status, twin.slug):
            cell.problems.append(f"tells the objects exist: {answer.brief()} for them, {twin.brief()} for made-up "
                                 f"ids ({answer.text[:200]})")
    if expectation.hidden or not caller.home:
        shown = world.secrets if not caller.home else world.private
        leaked = sorted(secret for secret in shown if secret in answer.text and secret not in cell.url)
        if leaked:
            cell.problems.append(f"the answer shows {leaked}: {answer.text[:300]}")


def run_cells(client: httpx.Client, world: World, cells: list[Cell], workers: int = WORKERS) -> None:
    def run(cell: Cell) -> None:
        try:
            cell.answer = call(client, world, cell)
            if cell.expected.hidden:
                cell.made_up_answer = call(client, world, cell, made_up=True)
        except httpx.HTTPError as exc:
            cell.answer = Answer(599, None, f"{type(exc).__name__}: {exc}")

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, cells))


@dataclass
class Matrix:
    document_operations: dict[tuple[str, str], Operation]
    cells: dict[tuple[str, str], list[Cell]]
    state_before: dict
    state_after_refusals: dict
    seconds: float


@pytest.fixture(scope="module")
def stack(start_stack):
    with start_stack("authz") as stack:
        yield stack


@pytest.fixture(scope="module")
def matrix(stack, card_form):
    with httpx.Client(base_url=stack.gateway_url, timeout=20,
                      limits=httpx.Limits(max_connections=WORKERS + 2)) as client:
        world = World(client, stack.keys.operator_key, {s: stack.database_url(s) for s in ("booking", "disputes")},
                      card_form(stack.url("wallet")))
        document = client.get("/openapi.json")
        assert document.status_code == 200, document.text
        operations = operations_of(document.json())
        started = time.monotonic()
        cells: dict[tuple[str, str], list[Cell]] = {}
        for key, operation in operations.items():
            access = ACCESS.get(key)
            if access is not None:
                cells[key] = [Cell(operation, caller, expected(access, caller, operation.method, operation.made_up))
                              for caller in world.callers]
        everything = [cell for row in cells.values() for cell in row]
        # Refused calls (and every read) first, then the allowed changes: these may remove the objects.
        allowed_changes = [c for c in everything if c.operation.method in CHANGING and c.expected.statuses is None]
        first = [c for c in everything if not (c.operation.method in CHANGING and c.expected.statuses is None)]
        before = world.snapshot()
        run_cells(client, world, first)
        after = world.snapshot()
        # One after the other, in the document's order with the removals last: concurrent changes of one
        # user's things would race each other (a matter for other tests), the answers differing between runs.
        allowed_changes.sort(key=lambda c: c.operation.method == "DELETE")
        run_cells(client, world, allowed_changes, workers=1)
        seconds = time.monotonic() - started
        for cell in everything:
            judge(world, cell)
        print(f"\nauthorization matrix: {len(cells)} operations x {len(world.callers)} callers = {len(everything)} "
              f"cells, {sum(c.made_up_answer is not None for c in everything)} made-up twins, {seconds:.1f} s")
        yield Matrix(operations, cells, before, after, seconds)


def test_every_documented_operation_is_in_the_matrix(matrix):
    documented = set(matrix.document_operations)
    missing = sorted(documented - set(ACCESS))
    assert not missing, ("operations of the gateway's OpenAPI document missing from ACCESS (say who may call "
                         f"each): {[' '.join(op) for op in missing]}")
    gone = sorted(set(ACCESS) - documented)
    assert not gone, f"ACCESS entries the gateway's OpenAPI document doesn't have: {[' '.join(op) for op in gone]}"
    # A user's operation naming one of the objects says who sees it, so that strangers are tried on it.
    unscoped = [" ".join(key) for key, access in ACCESS.items() if access.kind == "user"
                and matrix.document_operations[key].names_real_objects != (access.seen_by is not None)]
    assert not unscoped, f"seen_by goes with the operations naming real objects, and only with them: {unscoped}"


@pytest.mark.parametrize("operation", sorted(ACCESS), ids=lambda op: " ".join(op))
def test_each_caller_gets_what_it_may(matrix, operation):
    if operation not in matrix.cells:
        pytest.fail(f"{' '.join(operation)} is not in the gateway's OpenAPI document", pytrace=False)
    failures = [f"{cell.caller.name}: {problem}" for cell in matrix.cells[operation] for problem in cell.problems]
    assert not failures, f"{' '.join(operation)}:\n" + "\n".join(failures)


def test_refused_calls_change_nothing(matrix):
    changed = {what: (before, matrix.state_after_refusals[what]) for what, before in matrix.state_before.items()
               if matrix.state_after_refusals[what] != before}
    assert not changed, f"changed by the calls that were refused or only read: {changed}"


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_the_pages_outside_the_document_are_public(stack, page):
    answer = httpx.get(f"{stack.gateway_url}{page}", timeout=10)
    assert answer.status_code == 200, answer.text[:300]

