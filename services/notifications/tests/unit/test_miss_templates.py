"""The missed-lesson flow's alerts (NT-2), without I/O: the promo code reaches the student with its
code, value and expiry, and the provider without the code (PC-1); the provider learns how to settle
a miss and what follows if they don't; a settled miss's report_resolved alerts nobody again; the
staff desk gets suspensions and failed card refunds, and only staff read it."""

from datetime import UTC, datetime, timedelta

import pytest

from notifications.alerts.rendering import Context
from notifications.alerts.table import ALERTS
from notifications.staffdesk.recipient import STAFF_DESK, readable_recipients
from shared.auth import Identity, Role
from shared.events import (
    EarningsClawedBack,
    LessonMissed,
    MissResolved,
    Money,
    PromoCodeIssued,
    ProviderSuspended,
    ReportResolved,
)
from shared.events.wallet import SignedMoney

AT = datetime(2026, 7, 1, 16, 30, tzinfo=UTC)
EUR = Money(amount_minor=5000, currency="EUR")
IDS = {"booking_id": "b-1", "student_id": "s-1", "provider_id": "p-1"}


def rendered(event, role: str):
    [audience] = [a for a in ALERTS[event.event_type] if a.role == role and a.applies(event)]
    alert = audience.template(event, Context("Europe/Berlin"))
    return alert, "\n".join([alert.subject, alert.lead, *(f"{k}: {v}" for k, v in alert.facts), alert.next_step or ""])


@pytest.mark.rule("PC-1")
@pytest.mark.rule("NT-2")
def test_the_student_gets_the_code_its_value_and_expiry_and_the_provider_not_the_code():
    issued = PromoCodeIssued(**IDS, promo_code_id="pc-1", code="K7QX2M9RTA", value=EUR,
                             expires_at=AT + timedelta(days=90))
    for_student, student_text = rendered(issued, "student")
    assert ("Code", "K7QX2M9RTA") in for_student.facts and ("Worth", "EUR 50.00") in for_student.facts
    assert ("Valid until", "Tue 29 Sep 2026, 18:30 (Europe/Berlin)") in for_student.facts
    _, provider_text = rendered(issued, "provider")
    assert "K7QX2M9RTA" in student_text and "K7QX2M9RTA" not in provider_text


@pytest.mark.rule("NT-2")
@pytest.mark.rule("MS-2")
def test_the_provider_is_told_how_to_settle_a_miss_and_what_follows_if_they_dont():
    missed = LessonMissed(**IDS, report_id="r-1", reported_by_role="student", price=EUR, missed_at=AT)
    _, text = rendered(missed, "provider")
    assert "promo code" in text and "wallet credits" in text and "72 hours" in text
    assert "counts against your standing" in text
    _, student_text = rendered(missed, "student")
    assert "the marketplace refunds you" in student_text


@pytest.mark.rule("NT-2")
@pytest.mark.rule("MS-3")
@pytest.mark.parametrize(("remedy", "resolved_by", "student_says", "provider_says"), [
    ("promo_code", "provider", "promo code worth EUR 50.00", "paid once, for both lessons"),
    ("credit_refund", "staff", "on your provider's behalf", "The marketplace's team, on your behalf"),
    ("platform_refund", "platform", "the marketplace refunded you", "counts against your standing"),
])
def test_a_settled_miss_tells_both_what_was_done(remedy, resolved_by, student_says, provider_says):
    settled = MissResolved(**IDS, report_id="r-1", remedy=remedy, resolved_by=resolved_by, amount=EUR, resolved_at=AT,
                           promo_expires_at=AT + timedelta(days=90) if remedy == "promo_code" else None)
    assert student_says in rendered(settled, "student")[1] and provider_says in rendered(settled, "provider")[1]


@pytest.mark.rule("NT-5")
def test_a_settled_misss_report_resolved_alerts_nobody_again():
    ended = ReportResolved(**IDS, report_id="r-1", resolution="platform_refunded", refund_minor=5000, currency="EUR",
                           decided_by="platform")
    assert [a for a in ALERTS[ended.event_type] if a.applies(ended)] == []
    agreed = ended.model_copy(update={"resolution": "split", "refund_minor": 1000, "decided_by": "parties"})
    assert len([a for a in ALERTS[agreed.event_type] if a.applies(agreed)]) == 2


@pytest.mark.rule("NT-2")
@pytest.mark.rule("PS-1")
def test_a_suspension_goes_to_the_provider_and_the_staff_desk():
    suspended = ProviderSuspended(provider_id="p-1", suspended_at=AT, strikes=3, threshold=3, window_days=90)
    audiences = ALERTS[suspended.event_type]
    assert [(a.role, a.user_id(suspended)) for a in audiences] == [("provider", "p-1"), ("staff", STAFF_DESK)]
    for_staff, text = rendered(suspended, "staff")
    assert for_staff.subject == "Provider p-1 was suspended" and "3 lessons counted against them in 90 days" in text


def test_only_staff_read_the_desk():
    assert readable_recipients(Identity("staff-1", Role.STAFF, "m")) == ["staff-1", STAFF_DESK]
    assert readable_recipients(Identity("p-1", Role.PROVIDER, "m")) == ["p-1"]
    assert readable_recipients(Identity(STAFF_DESK, Role.STUDENT, "m")) == []


@pytest.mark.rule("NT-2")
@pytest.mark.rule("MS-3")
def test_a_clawback_tells_the_provider_the_amount_and_a_negative_balance_is_recovered_later():
    clawed = EarningsClawedBack(booking_id="b-1", provider_id="p-1", amount=EUR,
                                from_provider=Money(amount_minor=4500, currency="EUR"),
                                from_platform_fee=Money(amount_minor=500, currency="EUR"),
                                earnings_balance_after=SignedMoney(amount_minor=-1500, currency="EUR"))
    alert, text = rendered(clawed, "provider")
    assert alert.subject == "EUR 45.00 taken back from your earnings"
    assert ("Your earnings balance now", "EUR -15.00") in alert.facts and "recovered from your next earnings" in text
