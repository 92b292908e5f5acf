"""One marketplace of a test and its people: what a partner's frontend does over the API, with
the other services' events (others.py) and disputes' insides (backstage.py) at hand."""

from dataclasses import dataclass
from datetime import timedelta

import httpx

from shared.auth import Role
from shared.testing.nodes import Node

from .backstage import Backstage
from .booking_events import LessonFacts
from .others import OtherServices


@dataclass(frozen=True)
class Person:
    user_id: str
    role: Role
    headers: dict


class Desk:
    def __init__(self, marketplace_id: str, api: httpx.AsyncClient, node: Node, broker, make_token):
        self.id, self.api, self._make_token = marketplace_id, api, make_token
        self.others = OtherServices(marketplace_id, broker, node.consumer)
        self.backstage = Backstage(node.runtime)

    def person(self, name: str, role: Role) -> Person:
        return Person(name, role, {"Authorization": f"Bearer {self._make_token(name, role, self.id)}"})

    def student(self, name: str = "student-1") -> Person:
        return self.person(name, Role.STUDENT)

    def provider(self, name: str = "provider-1") -> Person:
        return self.person(name, Role.PROVIDER)

    def staff(self, name: str = "staff-1") -> Person:
        return self.person(name, Role.STAFF)

    async def lesson(self, student: Person | None = None, provider: Person | None = None,
                     started: timedelta = timedelta(hours=2), **facts) -> LessonFacts:
        """A confirmed lesson between the two (the desk's first student and provider by default)."""
        student, provider = student or self.student(), provider or self.provider()
        return await self.others.booked(student.user_id, provider.user_id, started, **facts)

    async def report(self, lesson: LessonFacts, by: Person, kind: str = "provider_absent",
                     details: str = "Nobody came to the call.", **proposal) -> httpx.Response:
        body = {"booking_id": lesson.booking_id, "kind": kind, "details": details}
        if proposal:
            body["proposal"] = proposal
        return await self.api.post("/v1/reports", json=body, headers=by.headers)

    async def filed(self, lesson: LessonFacts, by: Person, **options) -> dict:
        response = await self.report(lesson, by, **options)
        assert response.status_code == 201, response.text
        return response.json()

    async def read(self, report_id: str, by: Person) -> httpx.Response:
        return await self.api.get(f"/v1/reports/{report_id}", headers=by.headers)

    async def propose(self, report_id: str, by: Person, resolution: str, **amount) -> httpx.Response:
        return await self.api.post(f"/v1/reports/{report_id}/proposals", json={"resolution": resolution, **amount},
                                   headers=by.headers)

    async def answer(self, report: dict, by: Person, answer: str, proposal_id: str | None = None) -> httpx.Response:
        proposal_id = proposal_id or report["proposals"][-1]["id"]
        return await self.api.post(f"/v1/reports/{report['id']}/proposals/{proposal_id}/{answer}", headers=by.headers)

    async def escalate(self, report_id: str, by: Person) -> httpx.Response:
        return await self.api.post(f"/v1/reports/{report_id}/escalate", headers=by.headers)

    async def decide(self, report_id: str, by: Person, refund_minor: int, note: str | None = None) -> httpx.Response:
        return await self.api.post(f"/v1/disputes/{report_id}/decision", json={"refund_minor": refund_minor,
                                                                              "note": note}, headers=by.headers)

    async def marks(self, by: Person, user_id: str | None = None) -> httpx.Response:
        return await self.api.get("/v1/disputes/marks", params={"user_id": user_id} if user_id else {},
                                  headers=by.headers)


def problem(response: httpx.Response, status: int, slug: str) -> dict:
    """The problem details of a refusal, after checking its status and type."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == f"/problems/{slug}", body
    return body
