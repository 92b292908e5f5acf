"""What every operation's document says it may answer, beside what its route declares itself."""

from typing import Annotated

from fastapi import APIRouter, FastAPI, Header
from pydantic import BaseModel

from shared.auth import CurrentIdentity, Identity, Role, require_role
from shared.errors import Conflict
from shared.openapi import IDEMPOTENCY_KEY, install_common_answers, problem_answers

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


class TimeTaken(Conflict):
    slug, title = "time-taken", "The time is taken"


class Thing(BaseModel):
    name: str


def _document() -> dict:
    router = APIRouter(prefix="/v1/things")

    @router.get("")
    async def things(identity: CurrentIdentity) -> list[Thing]:
        return []

    @router.post("/{thing_id}/move", responses=problem_answers(TimeTaken, (404, "`slot-not-found`: No such slot")))
    async def move(thing_id: str, body: Thing, staff: Annotated[Identity, require_role(Role.STAFF)],
                   if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> Thing:
        return body

    app = FastAPI()
    app.include_router(router)
    install_common_answers(app)
    return app.openapi()


def test_a_read_documents_the_token_check_and_the_plumbing():
    answers = _document()["paths"]["/v1/things"]["get"]["responses"]
    assert set(answers) == {"200", "401", "422", "500", "503"}
    assert all(answers[status]["content"] == PROBLEM for status in ("401", "422", "500", "503"))
    assert "Retry-After" in answers["503"]["headers"]


def test_a_change_documents_its_key_body_role_path_and_precondition_and_its_own_problems():
    operation = _document()["paths"]["/v1/things/{thing_id}/move"]["post"]
    assert [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"] == [IDEMPOTENCY_KEY]
    answers = operation["responses"]
    assert set(answers) == {"200", "400", "401", "403", "404", "409", "412", "413", "422", "500", "503"}
    assert all(answer["content"] == PROBLEM for status, answer in answers.items() if status != "200")
    # The route's own reasons first, then the plumbing's.
    assert answers["409"]["description"].startswith("- `time-taken`: The time is taken\n- A request with this "
                                                    "Idempotency-Key is still in progress")
    assert answers["404"]["description"].startswith("- `slot-not-found`")
    assert "Idempotent-Replayed" in answers["200"]["headers"]


def test_fastapis_validation_schema_is_gone():
    schemas = _document()["components"]["schemas"]
    assert "Problem" in schemas
    assert not {"HTTPValidationError", "ValidationError"} & set(schemas)
