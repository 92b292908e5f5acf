"""One marketplace of a test, with its people: what a partner's frontend would do, over the API."""

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from shared.auth import Role
from shared.events import MarketplaceRegistered
from shared.messaging.broker import Broker
from shared.testing.nodes import Node, eventually

from .backstage import Backstage
from .disputes import DisputesStandIn
from .wallet import WalletStandIn

ALL_DAY_EVERY_DAY = [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(1, 8)]


@dataclass(frozen=True)
class Actor:
    user_id: str
    role: Role
    headers: dict


class Market:
    def __init__(self, marketplace_id: str, api: httpx.AsyncClient, node: Node, broker: Broker, make_token):
        self.id, self.api, self._make_token = marketplace_id, api, make_token
        self.wallet = WalletStandIn(self, broker, node.consumer)
        self.backstage = Backstage(node.runtime)
        self.disputes = DisputesStandIn(self)

    def actor(self, user_id: str, role: Role) -> Actor:
        token = self._make_token(user_id, role, self.id)
        return Actor(user_id, role, {"Authorization": f"Bearer {token}"})

    def student(self, name: str = "student-1") -> Actor:
        return self.actor(name, Role.STUDENT)

    def staff(self, name: str = "staff-1") -> Actor:
        return self.actor(name, Role.STAFF)

    async def register(self, preset: str, overrides: dict, currencies: list[str] | None = None) -> None:
        """As the gateway does: its event on the exchange, which booking's consumer learns from.
        `currencies` None: as the gateway announced marketplaces before currencies were named."""
        await self.wallet.publish(MarketplaceRegistered(marketplace_id=self.id, name=f"Test {preset}",
                                                        policy_preset=preset, policy_overrides=overrides,
                                                        currencies=currencies),
                                  source="gateway", subject=self.id)

        async def known():
            return (await self.api.get("/v1/marketplace", headers=self.staff().headers)).status_code == 200

        await eventually(known)

    async def provider(self, name: str = "provider-1", timezone: str = "UTC", hours=None,
                       kinds=("guitar",)) -> Actor:
        provider = self.actor(name, Role.PROVIDER)
        profile = {"display_name": name.title(), "timezone": timezone, "lesson_kinds": list(kinds)}
        assert (await self.api.put("/v1/providers/me", json=profile, headers=provider.headers)).status_code == 201
        hours = ALL_DAY_EVERY_DAY if hours is None else hours
        response = await self.api.put("/v1/providers/me/availability", json=hours, headers=provider.headers)
        assert response.status_code == 200, response.text
        return provider

    async def offering(self, provider: Actor, duration_minutes: int = 60, amount_minor: int = 5000, **extra) -> dict:
        body = {"title": "A lesson", "kind": "guitar", "duration_minutes": duration_minutes,
                "price": {"amount_minor": amount_minor, "currency": "EUR"}, **extra}
        response = await self.api.post("/v1/offerings", json=body, headers=provider.headers)
        assert response.status_code == 201, response.text
        return response.json()

    async def slots(self, offering_id: str, start: datetime | None = None, days: int = 2,
                    as_: Actor | None = None) -> dict:
        # A day ahead by default, so no slot passes while the test runs.
        start = start or datetime.now(UTC) + timedelta(days=1)
        end = start + timedelta(days=days)
        params = {"offering_id": offering_id, "from": start.isoformat(), "to": end.isoformat()}
        response = await self.api.get("/v1/slots", params=params, headers=(as_ or self.student()).headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def book(self, student: Actor, offering_id: str, starts_at: str, method: str = "credits",
                   **payment) -> httpx.Response:
        body = {"offering_id": offering_id, "starts_at": starts_at, "payment": {"method": method, **payment}}
        return await self.api.post("/v1/bookings", json=body, headers=student.headers)

    async def lesson(self, student: Actor | None = None, provider: Actor | None = None, **offering) -> dict:
        """A booked lesson, pending payment: a provider, their offering, its first slot, booked."""
        provider = provider or await self.provider()
        offer = await self.offering(provider, **offering)
        slot = (await self.slots(offer["id"]))["slots"][0]
        response = await self.book(student or self.student(), offer["id"], slot["starts_at"])
        assert response.status_code == 201, response.text
        return response.json()

    async def paid_lesson(self, student: Actor | None = None, provider: Actor | None = None, **offering) -> dict:
        """A confirmed lesson: booked, and its payment captured by the wallet."""
        booking = await self.lesson(student=student, provider=provider, **offering)
        await self.wallet.capture(booking)
        return await self.get(booking["id"], self.staff())

    async def post(self, booking_id: str, action: str, as_: Actor, body: dict | None = None,
                   if_match: str | None = None) -> httpx.Response:
        headers = {**as_.headers, **({"If-Match": if_match} if if_match else {})}
        return await self.api.post(f"/v1/bookings/{booking_id}/{action}", json=body or {}, headers=headers)

    async def timeline(self, booking_id: str) -> list[dict]:
        response = await self.api.get(f"/v1/bookings/{booking_id}/timeline", headers=self.staff().headers)
        assert response.status_code == 200, response.text
        return response.json()["entries"]

    async def offered(self, booking: dict, **params) -> list[str]:
        """The start times the booking's offering offers now."""
        return [s["starts_at"] for s in (await self.slots(booking["offering_id"], **params))["slots"]]

    async def get(self, booking_id: str, as_: Actor) -> dict:
        response = await self.api.get(f"/v1/bookings/{booking_id}", headers=as_.headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def act(self, booking_id: str, action: str, as_: Actor) -> httpx.Response:
        return await self.api.post(f"/v1/bookings/{booking_id}/{action}", headers=as_.headers)

    async def wait_for_status(self, booking_id: str, status: str, as_: Actor | None = None) -> dict:
        async def reached():
            booking = await self.get(booking_id, as_ or self.staff())
            return booking if booking["status"] == status else None

        return await eventually(reached)

    async def all_of(self, *requests) -> list[httpx.Response]:
        return list(await asyncio.gather(*requests))
