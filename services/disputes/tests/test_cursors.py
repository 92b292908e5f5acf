"""A page cursor is opaque: one forged with a time the API never returns (a year PostgreSQL can't
take, no offset) is refused as not one of ours (422 invalid-cursor), not a 500 (issue 13)."""

import base64
import json

import pytest

from .desk import problem


def forged_cursor(moment: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([moment, "report-id"]).encode()).decode().rstrip("=")


@pytest.mark.parametrize("path", ["/v1/reports", "/v1/disputes"])
@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                    "9999-12-31T10:00:00+00:00", "2026-01-01T00:00:00"])
async def test_a_cursor_forged_with_a_time_the_api_never_returns_is_refused(desk, path, moment):
    response = await desk.api.get(path, params={"cursor": forged_cursor(moment)}, headers=desk.staff().headers)
    body = problem(response, 422, "invalid-cursor")
    assert body["errors"][0]["field"] == "query.cursor"
