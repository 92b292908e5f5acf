"""A partner's backend receiving webhooks: it keeps every request and answers as scripted (a 3xx
sends the client on to `<path>/redirected`, which records what reaches it like any path)."""

from collections import defaultdict, deque
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass(frozen=True)
class Hook:
    path: str
    headers: dict[str, str]
    body: str
    status: int


class PartnerBackend:
    def __init__(self) -> None:
        self.base_url = ""
        self.received: list[Hook] = []
        self._scripts: dict[str, deque[int]] = defaultdict(deque)
        self.app = Starlette(routes=[Route("/{path:path}", self._receive, methods=["POST"])])

    def script(self, path: str, *statuses: int) -> None:
        self._scripts[path].extend(statuses)

    def at(self, path: str, status: int | None = 200) -> list[Hook]:
        return [h for h in self.received if h.path == path and (status is None or h.status == status)]

    async def _receive(self, request: Request) -> Response:
        path = "/" + request.path_params["path"]
        status = self._scripts[path].popleft() if self._scripts[path] else 200
        self.received.append(Hook(path, dict(request.headers), (await request.body()).decode(), status))
        location = {"location": f"{path}/redirected"} if 300 <= status < 400 else None
        return Response(status_code=status, headers=location)
