"""The missed-lesson flow's alerts through the real broker (NT-2): the miss and its settlement to
both parties, the promo code to the student with its code by their channels (PC-1), its expiry and
redemption, a clawback, a report's money settled; each event delivered twice is one alert per
channel (NT-5)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.events import (
    DisputeSettled,
    EarningsClawedBack,
    LessonMissed,
    MissResolved,
    Money,
    PromoCodeExpired,
    PromoCodeIssued,
    PromoCodeRedeemed,
    ReportResolved,
)
from shared.events.wallet import SignedMoney

EUR = Money(amount_minor=5000, currency="EUR")


async def twice(community, data, subject: str):
    """The event as its service publishes it, then delivered again by the broker."""
    first = await community.publish(data, subject=subject)
    await community.publish(data, envelope=first)
    return first


async def subjects(community, person) -> list[str]:
    return [i["subject"] for i in (await community.inbox(person))["items"]]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
@pytest.mark.rule("MS-2")
async def test_a_missed_lesson_alerts_both_and_tells_the_provider_how_to_settle_it(community):
    student = await community.with_email(community.student())
    provider = await community.with_email(community.provider())
    webhook = await community.with_discord(provider)
    lesson = await community.confirmed_lesson(student, provider, starts_in=timedelta(hours=-2))
    ids = {"booking_id": lesson.booking_id, "student_id": student.user_id, "provider_id": provider.user_id}
    await twice(community, LessonMissed(**ids, report_id="rep-1", reported_by_role="student", price=EUR,
                                        missed_at=datetime.now(UTC)), f"booking/{lesson.booking_id}")

    [missed, _booked] = (await community.inbox(provider))["items"]
    assert missed["kind"] == "dispute"
    assert missed["subject"] == "A lesson of yours was missed: settle it with your student"
    assert "promo code" in missed["lead"] and "wallet credits" in missed["lead"]
    assert "counts against your standing" in missed["next_step"] and ["Lesson price", "EUR 50.00"] in missed["facts"]
    assert (await subjects(community, student))[0] == "Your lesson was missed"
    sent = await community.settled(user_id=provider.user_id)
    assert sorted(d["channel"] for d in sent) == ["discord", "discord", "email", "email"]  # the booking and the miss
    assert [p.json["embeds"][0]["title"] for p in community.discord.posted(webhook)].count(missed["subject"]) == 1
    await community.settled(user_id=student.user_id)  # the student's mail too, before reading their mailbox
    assert [m["Subject"] for m in community.mailbox.to(student.email)].count("Your lesson was missed") == 1


@pytest.mark.rule("PC-1")
@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
async def test_the_promo_code_reaches_the_student_by_email_with_its_code_value_and_expiry(community):
    student = await community.with_email(community.student())
    provider = await community.with_email(community.provider())
    expires_at = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    issued = PromoCodeIssued(promo_code_id=uuid.uuid4().hex, code="K7QX2M9RTA", booking_id=uuid.uuid4().hex,
                             student_id=student.user_id, provider_id=provider.user_id, value=EUR,
                             expires_at=expires_at)
    await twice(community, issued, f"booking/{issued.booking_id}")
    await community.publish(issued, subject=f"booking/{issued.booking_id}")  # the wallet announces it again

    await community.settled(user_id=student.user_id)
    await community.settled(user_id=provider.user_id)  # both mails sent before either mailbox is read
    [email] = community.mailbox.to(student.email)
    body = email.get_content()
    assert "K7QX2M9RTA" in email["Subject"] and "Code: K7QX2M9RTA" in body
    assert "Worth: EUR 50.00" in body and "Valid until: Mon 1 Mar 2027, 09:00 (UTC)" in body
    [item] = (await community.inbox(student))["items"]
    assert ["Code", "K7QX2M9RTA"] in item["facts"] and item["kind"] == "payment"
    [for_provider] = community.mailbox.to(provider.email)
    assert "K7QX2M9RTA" not in for_provider.get_content() + for_provider["Subject"]  # the student's to use


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
@pytest.mark.rule("MS-3")
async def test_a_settled_miss_alerts_both_once_and_its_report_resolved_adds_nothing(community):
    student = await community.with_email(community.student())
    provider = community.provider()
    lesson = await community.confirmed_lesson(student, provider, starts_in=timedelta(hours=-80))
    ids = {"booking_id": lesson.booking_id, "student_id": student.user_id, "provider_id": provider.user_id}
    subject = f"booking/{lesson.booking_id}"
    await twice(community, MissResolved(**ids, report_id="rep-1", remedy="platform_refund", resolved_by="platform",
                                        amount=EUR, resolved_at=datetime.now(UTC)), subject)
    await twice(community, ReportResolved(**ids, report_id="rep-1", resolution="platform_refunded",
                                          refund_minor=5000, currency="EUR", decided_by="platform"), subject)

    assert (await subjects(community, student))[:-1] == ["You were refunded EUR 50.00 for the missed lesson"]
    [settled, _booked] = (await community.inbox(provider))["items"]
    assert settled["subject"] == "The marketplace refunded your student for the missed lesson"
    assert "counts against your standing" in settled["lead"]
    # Emails of the booking and the refund; nothing for the report_resolved.
    assert len(await community.settled(user_id=student.user_id)) == 2


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
@pytest.mark.rule("PC-2")
async def test_an_expired_code_tells_the_student_and_a_redeemed_one_the_provider(community):
    student, provider = community.student(), community.provider()
    code = {"promo_code_id": uuid.uuid4().hex, "code": "M4PZ8K2QWE", "student_id": student.user_id,
            "provider_id": provider.user_id}
    missed_id, replacement = uuid.uuid4().hex, await community.confirmed_lesson(student, provider)
    await twice(community, PromoCodeRedeemed(**code, booking_id=replacement.booking_id, missed_booking_id=missed_id,
                                             applied=EUR), f"booking/{replacement.booking_id}")
    expired = {**code, "promo_code_id": uuid.uuid4().hex, "code": "Z9XR2B7KTD"}
    await twice(community, PromoCodeExpired(**expired, booking_id=missed_id, value=EUR), f"booking/{missed_id}")

    [redeemed, _booked] = (await community.inbox(provider))["items"]
    assert redeemed["subject"] == "Your student booked a replacement lesson with their code"
    assert ["Paid by the code", "EUR 50.00"] in redeemed["facts"] and ["Missed lesson", missed_id] in redeemed["facts"]
    [gone, _booked] = (await community.inbox(student))["items"]
    assert gone["subject"] == "Your promo code expired unused" and "Z9XR2B7KTD" in gone["lead"]


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
async def test_a_clawback_alerts_the_provider_with_the_amount_and_a_balance_below_zero(community):
    provider = await community.with_email(community.provider())
    booking_id = uuid.uuid4().hex
    await twice(community, EarningsClawedBack(
        booking_id=booking_id, provider_id=provider.user_id, amount=EUR,
        from_provider=Money(amount_minor=4500, currency="EUR"),
        from_platform_fee=Money(amount_minor=500, currency="EUR"),
        earnings_balance_after=SignedMoney(amount_minor=-700, currency="EUR")), f"booking/{booking_id}")

    [item] = (await community.inbox(provider))["items"]
    assert item["subject"] == "EUR 45.00 taken back from your earnings"
    assert ["Your earnings balance now", "EUR -7.00"] in item["facts"] and "next earnings" in item["next_step"]
    assert len(await community.settled(user_id=provider.user_id)) == 1


@pytest.mark.rule("NT-2")
@pytest.mark.rule("NT-5")
async def test_a_reports_money_settled_alerts_both_parties_once(community):
    student, provider = community.student(), await community.with_email(community.provider())
    booking_id = uuid.uuid4().hex
    await twice(community, DisputeSettled(
        booking_id=booking_id, student_id=student.user_id, provider_id=provider.user_id, report_id=uuid.uuid4().hex,
        resolution="split", refund=Money(amount_minor=2000, currency="EUR"),
        provider_keeps=Money(amount_minor=3000, currency="EUR"), platform_fee_bps=1000), f"booking/{booking_id}")

    assert await subjects(community, student) == ["EUR 20.00 back to your credits for a disputed lesson"]
    [kept] = (await community.inbox(provider))["items"]
    assert kept["subject"] == "A disputed lesson was settled: you keep EUR 30.00"
    assert ["Platform fee", "10%"] in kept["facts"]
    assert len(await community.settled(user_id=provider.user_id)) == 1
