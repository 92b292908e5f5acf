"""A local stand-in for Discord's webhook endpoint, answering as Discord does (NOTES.md):
200 with the message on ?wait=true, 204 without; 429 with Retry-After, X-RateLimit-* headers and
{"retry_after", "global"}; 404 {"code": 10015} for an unknown webhook; 401 for a wrong token;
400 for a message over Discord's limits; and whatever 5xx a test scripts."""

import math
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class Received:
    webhook_id: str
    at: float  # time.monotonic() on arrival
    status: int  # what the stand-in answered
    json: dict


class DiscordStandIn:
    def __init__(self) -> None:
        self.base_url = ""  # set once served: <server>/api/webhooks
        self.tokens: dict[str, str] = {}
        self.received: list[Received] = []
        self._scripts: dict[str, deque] = defaultdict(deque)
        self.app = Starlette(routes=[Route("/api/webhooks/{webhook_id}/{token}", self._execute, methods=["POST"])])

    def new_webhook(self) -> tuple[str, str]:
        """(webhook id, the URL a user pastes)."""
        webhook_id, token = str(10**18 + secrets.randbelow(10**18)), secrets.token_urlsafe(51)
        self.tokens[webhook_id] = token
        return webhook_id, f"{self.base_url}/{webhook_id}/{token}"

    def delete_webhook(self, webhook_id: str) -> None:
        self.tokens.pop(webhook_id)

    def script(self, webhook_id: str, *answers: int | tuple[int, float]) -> None:
        """The next answers for the webhook: a status, or (429, retry_after seconds)."""
        self._scripts[webhook_id].extend(answers)

    def posted(self, webhook_id: str) -> list[Received]:
        return [r for r in self.received if r.webhook_id == webhook_id and r.status in (200, 204)]

    def attempts(self, webhook_id: str) -> list[Received]:
        return [r for r in self.received if r.webhook_id == webhook_id]

    async def _execute(self, request: Request) -> Response:
        webhook_id, token = request.path_params["webhook_id"], request.path_params["token"]
        body = await request.json()
        response = self._answer(webhook_id, token, body, request.query_params.get("wait") == "true")
        self.received.append(Received(webhook_id, time.monotonic(), response.status_code, body))
        return response

    def _answer(self, webhook_id: str, token: str, body: dict, wait: bool) -> Response:
        if webhook_id not in self.tokens:
            return JSONResponse({"message": "Unknown Webhook", "code": 10015}, status_code=404)
        if token != self.tokens[webhook_id]:
            return JSONResponse({"message": "Invalid Webhook Token", "code": 50027}, status_code=401)
        if len(body.get("content") or "") > 2000 or len(body.get("embeds") or []) > 10:
            return JSONResponse({"message": "Invalid Form Body", "code": 50035}, status_code=400)
        scripted = self._scripts[webhook_id].popleft() if self._scripts[webhook_id] else 200
        if isinstance(scripted, tuple):
            return _rate_limited(scripted[1])
        if scripted >= 500:
            return JSONResponse({"message": "Internal Server Error", "code": 0}, status_code=scripted)
        headers = {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "4", "X-RateLimit-Reset-After": "1.0",
                   "X-RateLimit-Bucket": "standin-bucket"}
        if not wait:
            return Response(status_code=204, headers=headers)
        message = {"id": str(time.time_ns()), "type": 0, "webhook_id": webhook_id, "content": body.get("content", ""),
                   "embeds": body.get("embeds", [])}
        return JSONResponse(message, headers=headers)


def _rate_limited(retry_after: float) -> Response:
    return JSONResponse(
        {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
        status_code=429,
        headers={"Retry-After": str(math.ceil(retry_after)), "X-RateLimit-Limit": "5",
                 "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                 "X-RateLimit-Reset-After": f"{retry_after:.3f}", "X-RateLimit-Bucket": "standin-bucket",
                 "X-RateLimit-Scope": "user"})
