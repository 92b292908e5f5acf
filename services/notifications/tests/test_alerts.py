"""Events become alerts to the users they concern, rendered for each, on the channels they chose."""

import pytest

from shared.events import BookingReleased, Money, PaymentFailed, RefundIssued


@pytest.mark.rule("NT-2")
async def test_a_confirmed_booking_alerts_both_parties_in_their_own_time_zone(community):
    student, provider = community.student(), community.provider()
    await community.api.put("/v1/preferences", json={"timezone": "Asia/Tokyo"}, headers=student.headers)
    lesson = await community.confirmed_lesson(student, provider)

    [for_student] = (await community.inbox(student))["items"]
    [for_provider] = (await community.inbox(provider))["items"]
    assert for_student["kind"] == "booking" and "is booked" in for_student["subject"]
    assert "New lesson booked" in for_provider["subject"]
    tokyo = lesson.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))
    assert f"{tokyo:%H:%M} (Asia/Tokyo)" in for_student["subject"]
    assert "(UTC)" in for_provider["subject"]
    assert ["Booking", lesson.booking_id] in for_student["facts"]


@pytest.mark.rule("NT-1")
@pytest.mark.rule("NT-5")
async def test_an_event_delivered_three_times_yields_one_email_and_one_discord_post(community):
    student, provider = await community.with_email(community.student()), community.provider()
    webhook = await community.with_discord(student)
    data = RefundIssued(booking_id="b-3x", refund_id="r-3x", student_id=student.user_id,
                        amount=Money(amount_minor=4550, currency="EUR"), destination="credits", reason="Declined.")
    first = await community.publish(data, subject="booking/b-3x")
    await community.publish(data, envelope=first)  # the broker redelivers it
    await community.publish(data, envelope=first, wait=False)
    await community.handled(first, deliveries=3)
    await community.publish(data)  # and the wallet announces the same refund again, under a new event id

    sent = await community.settled(user_id=student.user_id)
    assert sorted(d["channel"] for d in sent) == ["discord", "email"] and {d["status"] for d in sent} == {"sent"}
    [email] = community.mailbox.to(student.email)
    assert email["Subject"] == "You were refunded EUR 45.50" and "wallet credits" in email.get_content()
    [post] = community.discord.posted(webhook)
    assert post.json["embeds"][0]["title"] == "You were refunded EUR 45.50"
    assert post.json["allowed_mentions"] == {"parse": []}
    [item] = (await community.inbox(student))["items"]
    alert = (await community.api.get(f"/v1/alerts/{item['alert_id']}", headers=student.headers)).json()
    assert [(c["channel"], c["status"]) for c in alert["channels"]] == [
        ("in_platform", "unread"), ("discord", "sent"), ("email", "sent")]
    assert (await community.inbox(provider))["items"] == []  # the refund concerns the student only
    assert (await community.api.get(f"/v1/alerts/{item['alert_id']}", headers=provider.headers)).status_code == 404


@pytest.mark.rule("NT-1")
async def test_a_kind_of_alert_goes_only_to_the_channels_chosen_for_it(community):
    student = await community.with_email(community.student())
    choice = {"alerts": {"payment": ["in_platform"]}}
    assert (await community.api.put("/v1/preferences", json=choice, headers=student.headers)).status_code == 200
    await community.publish(RefundIssued(booking_id="b-k", refund_id="r-k", student_id=student.user_id,
                                         amount=Money(amount_minor=100, currency="EUR"), destination="card",
                                         reason="Provider cancelled."))
    await community.confirmed_lesson(student, community.provider())

    await community.settled(user_id=student.user_id)
    assert [m["Subject"] for m in community.mailbox.to(student.email)] == [
        (await community.inbox(student))["items"][0]["subject"]]  # the booking, not the refund
    assert len((await community.inbox(student))["items"]) == 2


@pytest.mark.rule("NT-2")
async def test_a_failed_payment_and_the_release_it_causes_are_one_alert(community):
    student = community.student()
    await community.publish(PaymentFailed(booking_id="b-f", student_id=student.user_id, code="card_declined",
                                          reason="Your card was declined."))
    await community.publish(BookingReleased(booking_id="b-f", student_id=student.user_id, provider_id="p-1",
                                            reason="Your card was declined."))
    [alert] = (await community.inbox(student))["items"]
    assert alert["subject"] == "Your booking didn't go through" and ["Why", "Your card was declined."] in alert["facts"]


async def test_alerts_stay_in_their_marketplace(community, other_community):
    student = community.student()
    await community.confirmed_lesson(student, community.provider())
    same_name_elsewhere = other_community.student(student.user_id)
    assert len((await community.inbox(student))["items"]) == 1
    assert (await other_community.inbox(same_name_elsewhere))["items"] == []
