"""One marketplace of a test and its people: what a partner's frontend does over the API, and the
events the other services publish about them."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from shared.auth import Role
from shared.events import BookingCancelled, BookingConfirmed, BookingRescheduled, Envelope, EventData, Money
from shared.messaging.broker import Broker
from shared.messaging.codec import envelope_message
from shared.testing.nodes import Node, eventually


@dataclass(frozen=True)
class Person:
    user_id: str
    role: Role
    headers: dict
    email: str = ""


class Community:
    def __init__(self, marketplace_id: str, api: httpx.AsyncClient, node: Node, broker: Broker, make_token,
                 mailbox, discord, partner):
        self.id, self.api, self.node, self.broker = marketplace_id, api, node, broker
        self.mailbox, self.discord, self.partner = mailbox, discord, partner
        self._make_token = make_token

    def person(self, name: str, role: Role) -> Person:
        token = self._make_token(name, role, self.id)
        return Person(name, role, {"Authorization": f"Bearer {token}"}, f"{name}@{self.id}.example.com")

    def student(self, name: str = "student-1") -> Person:
        return self.person(name, Role.STUDENT)

    def provider(self, name: str = "provider-1") -> Person:
        return self.person(name, Role.PROVIDER)

    def staff(self, name: str = "staff-1") -> Person:
        return self.person(name, Role.STAFF)

    async def with_email(self, person: Person) -> Person:
        response = await self.api.put("/v1/channels/email", json={"address": person.email}, headers=person.headers)
        assert response.status_code == 200, response.text
        return person

    async def with_discord(self, person: Person) -> str:
        """Gives the person a Discord webhook of the stand-in; returns its id."""
        webhook_id, url = self.discord.new_webhook()
        response = await self.api.put("/v1/channels/discord", json={"webhook_url": url}, headers=person.headers)
        assert response.status_code == 200, response.text
        return webhook_id

    async def with_bot_webhook(self) -> str:
        """Staff give the marketplace a Discord bot webhook of the stand-in; returns its id."""
        webhook_id, url = self.discord.new_webhook()
        response = await self.api.put("/v1/channels/marketplace-discord", json={"webhook_url": url},
                                      headers=self.staff().headers)
        assert response.status_code == 200, response.text
        return webhook_id

    async def with_discord_user_id(self, person: Person, discord_user_id: str) -> dict:
        response = await self.api.put("/v1/channels/discord", json={"user_id": discord_user_id},
                                      headers=person.headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def publish(self, data: EventData, subject: str | None = None, envelope: Envelope | None = None,
                      wait: bool = True) -> Envelope:
        """An event on the exchange as its service publishes it; waits until the consumer handled it."""
        envelope = envelope or Envelope(type=data.event_type, source=data.event_type.split(".")[0], subject=subject,
                                        marketplace=self.id, correlation_id=uuid.uuid4(), data=data)
        await self.broker.publish(envelope_message(envelope), envelope.type)
        if wait:
            await self.handled(envelope)
        return envelope

    async def handled(self, envelope: Envelope, deliveries: int = 1) -> None:
        consumer = self.node.consumer

        async def done():
            return consumer.deliveries.count(str(envelope.id)) >= deliveries and await consumer.idle()

        await eventually(done)

    async def confirmed_lesson(self, student: Person, provider: Person, starts_in: timedelta = timedelta(days=3),
                               booking_id: str | None = None) -> BookingConfirmed:
        starts_at = (datetime.now(UTC) + starts_in).replace(microsecond=0)
        lesson = BookingConfirmed(booking_id=booking_id or uuid.uuid4().hex, student_id=student.user_id,
                                  provider_id=provider.user_id, starts_at=starts_at,
                                  ends_at=starts_at + timedelta(hours=1))
        await self.publish(lesson, subject=f"booking/{lesson.booking_id}")
        return lesson

    async def moved(self, lesson: BookingConfirmed, starts_at: datetime, previous: datetime | None = None,
                    how: str = "request", envelope_time: datetime | None = None) -> BookingRescheduled:
        """booking's one event for a move; `previous` defaults to the confirmed time."""
        previous = previous or lesson.starts_at
        moved = BookingRescheduled(
            booking_id=lesson.booking_id, student_id=lesson.student_id, provider_id=lesson.provider_id,
            previous_starts_at=previous, previous_ends_at=previous + timedelta(hours=1), starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1), how=how, initiated_by="provider")
        envelope = Envelope(type=moved.event_type, source="booking", subject=f"booking/{lesson.booking_id}",
                            marketplace=self.id, correlation_id=uuid.uuid4(), data=moved,
                            time=envelope_time or datetime.now(UTC))
        await self.publish(moved, envelope=envelope)
        return moved

    async def cancelled(self, lesson: BookingConfirmed, by: str = "student", refund_minor: int = 0) -> BookingCancelled:
        cancelled = BookingCancelled(
            booking_id=lesson.booking_id, student_id=lesson.student_id, provider_id=lesson.provider_id,
            starts_at=lesson.starts_at, ends_at=lesson.ends_at, cancelled_by=by,
            cause="provider" if by == "provider" else "student", reason="Something came up",
            refund=Money(amount_minor=refund_minor, currency="EUR"), refund_form="credits",
            refund_decision_id=uuid.uuid4().hex, refund_decided_by="policy",
            provider_keeps=Money(amount_minor=5000 - refund_minor, currency="EUR"))
        await self.publish(cancelled, subject=f"booking/{lesson.booking_id}")
        return cancelled

    async def open_chat(self, person: Person, counterpart: Person) -> dict:
        response = await self.api.post("/v1/chats", json={"counterpart_id": counterpart.user_id},
                                       headers=person.headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def say(self, person: Person, thread: dict, text: str) -> dict:
        response = await self.api.post(f"/v1/chats/{thread['id']}/messages", json={"body": text},
                                       headers=person.headers)
        assert response.status_code == 201, response.text
        return response.json()

    async def inbox(self, person: Person, **params) -> dict:
        response = await self.api.get("/v1/inbox", params=params, headers=person.headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def deliveries(self, **params) -> list[dict]:
        response = await self.api.get("/v1/deliveries", params=params, headers=self.staff().headers)
        assert response.status_code == 200, response.text
        return response.json()["items"]

    async def settled(self, **params) -> list[dict]:
        """The deliveries matching `params`, once none of them is pending any more."""
        async def done():
            found = await self.deliveries(**params)
            return found if found and all(d["status"] != "pending" for d in found) else None

        return await eventually(done)
