"""A minimal HTTP/1.1 keep-alive client for load generation (helper of bench/booking.py).

The load generator runs on the same 2 cores as everything it measures, so what it spends per request
is taken from the system under test. httpx costs a few hundred microseconds of Python per request; this
client writes the request bytes itself and parses the answer with httptools (C, the parser uvicorn
uses): tens of microseconds. One `Connection` per virtual user, as a browser tab keeps one; it
reconnects when the server closed it (keep-alive timeout) and says so, so that the caller decides
whether a retry is safe (it is with an Idempotency-Key).
"""

from __future__ import annotations

import asyncio
import json as jsonlib

import httptools


class ConnectionLost(Exception):
    """The connection closed before a whole answer came; the request may or may not have been handled."""


class Response:
    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return jsonlib.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.body[:200]!r}>"


class _Answer:
    """httptools' callbacks for one response."""

    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.chunks: list[bytes] = []
        self.complete = False

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.decode("latin-1").lower()] = value.decode("latin-1")

    def on_body(self, body: bytes) -> None:
        self.chunks.append(body)

    def on_message_complete(self) -> None:
        self.complete = True


class Connection:
    def __init__(self, host: str, port: int, timeout_s: float = 60.0):
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._host_header = f"{host}:{port}".encode()

    async def _connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None

    async def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                      json=None, body: bytes | None = None) -> Response:
        if json is not None:
            body = jsonlib.dumps(json, separators=(",", ":")).encode()
        lines = [f"{method} {path} HTTP/1.1".encode(), b"Host: " + self._host_header]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}".encode("latin-1"))
        if body is not None:
            lines += [b"Content-Type: application/json", b"Content-Length: " + str(len(body)).encode()]
        elif method in ("POST", "PUT", "PATCH"):
            lines.append(b"Content-Length: 0")
        data = b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")
        fresh = self._writer is None
        if fresh:
            await self._connect()
        try:
            return await asyncio.wait_for(self._exchange(data), self.timeout_s)
        except (ConnectionLost, OSError) as exc:
            await self.close()
            if fresh:
                raise ConnectionLost(str(exc)) from None
            # A kept-alive connection the server had closed: the request never reached it only if
            # nothing came back at all, which we can't tell apart here; the caller decides.
            raise ConnectionLost(f"kept-alive connection lost: {exc}") from None
        except TimeoutError:
            await self.close()
            raise

    async def _exchange(self, data: bytes) -> Response:
        assert self._writer is not None and self._reader is not None
        self._writer.write(data)
        answer = _Answer()
        parser = httptools.HttpResponseParser(answer)
        while not answer.complete:
            chunk = await self._reader.read(65536)
            if not chunk:
                raise ConnectionLost("closed by the server")
            parser.feed_data(chunk)
        response = Response(parser.get_status_code(), answer.headers, b"".join(answer.chunks))
        if not parser.should_keep_alive():
            await self.close()
        return response
