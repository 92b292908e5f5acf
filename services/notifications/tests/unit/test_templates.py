"""Every row of the event-to-alert table renders, in the recipient's zone, with the facts a person
needs; and the formats stay inside email's and Discord's limits."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from notifications.alerts.models import Alert
from notifications.alerts.rendering import Context, money
from notifications.alerts.table import ALERTS
from notifications.delivery.discord_message import discord_payload
from notifications.delivery.email_message import email_message
from notifications.lessons.record import LessonRecord
from shared.events import (
    AcceptanceRequested,
    BookingCancelled,
    BookingConfirmed,
    BookingDeclined,
    BookingReleased,
    BookingRescheduled,
    CardRefundFailed,
    CreditsToppedUp,
    DisputeSettled,
    EarningsClawedBack,
    LessonDelivered,
    LessonMissed,
    MissResolved,
    Money,
    PaymentFailed,
    ProblemReported,
    PromoCodeExpired,
    PromoCodeIssued,
    PromoCodeRedeemed,
    ProposalRejected,
    ProviderPaid,
    ProviderPaused,
    ProviderReactivated,
    ProviderSuspended,
    RefundIssued,
    ReportEscalated,
    ReportResolved,
    RescheduleApproved,
    RescheduleDeclined,
    RescheduleLapsed,
    RescheduleRequested,
    ResolutionProposed,
)
from shared.events.wallet import SignedMoney

START = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
EUR = Money(amount_minor=5000, currency="EUR")
IDS = {"booking_id": "b-1", "student_id": "s-1", "provider_id": "p-1"}
EXAMPLES = [
    BookingConfirmed(**IDS, starts_at=START, ends_at=START + timedelta(hours=1)),
    AcceptanceRequested(**IDS, starts_at=START, respond_by=START - timedelta(hours=12)),
    BookingDeclined(**IDS, reason="acceptance_timeout", refund=EUR),
    BookingReleased(**IDS, reason="Your card was declined."),
    LessonDelivered(**IDS, price=EUR, platform_fee_bps=1000, confirmed_by="auto"),
    PaymentFailed(booking_id="b-1", student_id="s-1", code="card_declined", reason="Your card was declined."),
    RefundIssued(booking_id="b-1", refund_id="r-1", student_id="s-1", amount=EUR, destination="card", reason="x"),
    ProviderPaid(booking_id="b-1", provider_id="p-1", gross=EUR, fee=Money(amount_minor=500, currency="EUR"),
                 net=Money(amount_minor=4500, currency="EUR")),
    CreditsToppedUp(student_id="s-1", amount=EUR, payment_id="pay-1"),
    RescheduleRequested(**IDS, request_id="r-1", asked_by="student", reason="Exams", starts_at=START,
                        proposed_starts_at=START + timedelta(days=1), answer_by=START),
    RescheduleApproved(**IDS, request_id="r-1", starts_at=START, answer_by=START),
    RescheduleDeclined(**IDS, request_id="r-1", asked_by="provider", declined_by="student", starts_at=START),
    RescheduleLapsed(**IDS, request_id="r-1", asked_by="student", starts_at=START),
    BookingRescheduled(**IDS, previous_starts_at=START, previous_ends_at=START + timedelta(hours=1),
                       starts_at=START + timedelta(days=2), ends_at=START + timedelta(days=2, hours=1),
                       how="provider_edit", initiated_by="provider"),
    BookingCancelled(**IDS, starts_at=START, ends_at=START + timedelta(hours=1), cancelled_by="staff", cause="student",
                     reason="Not the best fit", refund=Money(amount_minor=2000, currency="EUR"), refund_form="credits",
                     refund_decision_id="d-1", refund_decided_by="staff",
                     provider_keeps=Money(amount_minor=3000, currency="EUR"), alternative_provider_ids=("p-2",)),
    ProblemReported(**IDS, report_id="rep-1", reporter_id="s-1", reporter_role="student", kind="provider_absent",
                    details_excerpt="Waited 20 minutes", reported_at=START + timedelta(hours=2)),
    ResolutionProposed(**IDS, report_id="rep-1", proposal_id="pr-1", proposer_id="s-1", proposer_role="student",
                       resolution="split", refund_minor=2500, currency="EUR", answer_by=START + timedelta(days=7)),
    ProposalRejected(**IDS, report_id="rep-1", proposal_id="pr-1", rejected_by="p-1"),
    ReportEscalated(**IDS, report_id="rep-1", reason="party", escalated_by="s-1"),
    ReportResolved(**IDS, report_id="rep-1", resolution="split", refund_minor=2000, currency="EUR",
                   decided_by="staff"),
    ProviderPaused(provider_id="p-1", by="staff", paused_at=START, staff_id="staff-1", reason="Late cancellations"),
    ProviderReactivated(provider_id="p-1", by="provider", reactivated_at=START + timedelta(days=1)),
    # The missed-lesson flow (MS, PC, PS-1) and a report's money (DS-1, DS-3).
    LessonMissed(**IDS, report_id="rep-1", reported_by_role="student", price=EUR, missed_at=START + timedelta(hours=2)),
    MissResolved(**IDS, report_id="rep-1", remedy="promo_code", resolved_by="provider", amount=EUR,
                 resolved_at=START + timedelta(days=1), promo_expires_at=START + timedelta(days=91)),
    PromoCodeIssued(**IDS, promo_code_id="pc-1", code="K7QX2M9RTA", value=EUR, expires_at=START + timedelta(days=91)),
    PromoCodeExpired(**IDS, promo_code_id="pc-1", code="K7QX2M9RTA", value=EUR),
    PromoCodeRedeemed(**IDS, promo_code_id="pc-1", code="K7QX2M9RTA", missed_booking_id="b-0", applied=EUR),
    EarningsClawedBack(booking_id="b-1", provider_id="p-1", amount=EUR, from_provider=Money(amount_minor=4500,
                       currency="EUR"), from_platform_fee=Money(amount_minor=500, currency="EUR"),
                       earnings_balance_after=SignedMoney(amount_minor=-1500, currency="EUR")),
    ProviderSuspended(provider_id="p-1", suspended_at=START, strikes=3, threshold=3, window_days=90,
                      strike_ids=("st-1", "st-2", "st-3")),
    CardRefundFailed(booking_id="b-1", card_refund_id="cr-1", student_id="s-1", amount=EUR, reason="Card expired"),
    DisputeSettled(**IDS, report_id="rep-1", resolution="split", refund=Money(amount_minor=2000, currency="EUR"),
                   provider_keeps=Money(amount_minor=3000, currency="EUR"), platform_fee_bps=1250),
]
LESSON = LessonRecord(marketplace_id="m", booking_id="b-1", student_id="s-1", provider_id="p-1", status="confirmed",
                      starts_at=START, ends_at=START + timedelta(hours=1), price_minor=5000, currency="EUR")


def test_the_table_has_an_example_of_every_event():
    assert {e.event_type for e in EXAMPLES} == set(ALERTS)


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: e.event_type)
def test_every_audience_gets_a_complete_alert(event):
    for audience in ALERTS[event.event_type]:
        if audience.applies(event):
            alert = audience.template(event, Context("Europe/Berlin", LESSON))
            assert alert.subject and alert.lead and alert.facts and alert.dedupe_key
            assert all(label and value for label, value in alert.facts)


def test_times_read_in_the_recipients_zone():
    confirmed = EXAMPLES[0]
    [for_student, _] = ALERTS[confirmed.event_type]
    assert for_student.template(confirmed, Context("Europe/Berlin")).subject == (
        "Your lesson on Wed 1 Jul 2026, 18:30 (Europe/Berlin) is booked")
    assert "11:30 (America/Chicago)" in for_student.template(confirmed, Context("America/Chicago")).subject


def test_a_fact_is_one_alert_whichever_event_tells_it():
    failed, released = EXAMPLES[5], EXAMPLES[3]
    keys = {ALERTS[e.event_type][0].template(e, Context()).dedupe_key for e in (failed, released)}
    assert keys == {"booking_not_going_through:b-1"}


def test_a_request_goes_to_the_party_asked_and_its_answer_to_the_asker():
    asked, declined = EXAMPLES[9], EXAMPLES[11]
    assert [a.role for a in ALERTS[asked.event_type] if a.applies(asked)] == ["provider"]
    assert [a.role for a in ALERTS[declined.event_type] if a.applies(declined)] == ["provider"]
    alert = ALERTS[asked.event_type][1].template(asked, Context("UTC"))
    assert alert.subject == "Your student asks to move your lesson on Wed 1 Jul 2026, 16:30 (UTC)"
    assert ("Proposed time", "Thu 2 Jul 2026, 16:30 (UTC)") in alert.facts


def test_a_cancellation_tells_the_student_the_refund_and_the_alternatives():
    [cancelled] = [e for e in EXAMPLES if isinstance(e, BookingCancelled)]
    for_student = ALERTS[cancelled.event_type][0].template(cancelled, Context("UTC"))
    assert ("Refund", "EUR 20.00 to your wallet credits") in for_student.facts
    assert ("Other providers for you", "p-2") in for_student.facts
    for_provider = ALERTS[cancelled.event_type][1].template(cancelled, Context("UTC"))
    assert ("You keep", "EUR 30.00") in for_provider.facts and "exception" in for_provider.next_step


def test_money_reads_in_major_units():
    assert money(Money(amount_minor=123456, currency="EUR")) == "EUR 1,234.56"
    assert money(Money(amount_minor=5, currency="USD")) == "USD 0.05"
    assert money(Money(amount_minor=1500, currency="JPY")) == "JPY 1,500"
    # A provider's earnings after a clawback may be below zero (MS-3).
    assert money(SignedMoney(amount_minor=-1550, currency="EUR")) == "EUR -15.50"


def test_discord_and_email_formats_stay_within_their_limits():
    alert = Alert(marketplace_id="m", user_id="u", kind="chat", dedupe_key="k", subject="S" * 400,
                  lead="@everyone " + "x" * 5000, facts=[["From", "s-1"]], next_step="Reply in the chat.")
    payload = discord_payload(alert)
    assert len(payload["content"]) <= 2000 and len(payload["embeds"]) == 1
    assert len(payload["embeds"][0]["title"]) <= 256 and len(payload["embeds"][0]["description"]) <= 4096
    assert payload["allowed_mentions"] == {"parse": []}  # user text never pings anyone
    email = email_message(alert, "ana@example.com", "Lessons <alerts@lessons.invalid>", "d-1")
    assert email["Message-ID"] == "<d-1@notifications.lessons>" and "From: s-1" in email.get_content()


def test_each_pause_of_an_account_is_its_own_fact_in_any_zone():
    [paused] = [e for e in EXAMPLES if isinstance(e, ProviderPaused)]
    [for_provider] = ALERTS[paused.event_type]
    alert = for_provider.template(paused, Context("Europe/Berlin"))
    assert ("Why", "Late cancellations") in alert.facts
    assert ("Paused", "Wed 1 Jul 2026, 18:30 (Europe/Berlin)") in alert.facts
    same_moment = paused.model_copy(update={"paused_at": START.astimezone(timezone(timedelta(hours=9)))})
    later = paused.model_copy(update={"paused_at": START + timedelta(days=3)})
    keys = [for_provider.template(e, Context()).dedupe_key for e in (paused, same_moment, later)]
    assert keys[0] == keys[1] != keys[2]
