"""One partner call handed to a service and its answer handed back."""

from collections.abc import Iterator
from contextlib import contextmanager

import aiohttp
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from yarl import URL

from gateway.problems import UpstreamTimeout, UpstreamUnavailable

# Only what the services need: never the partner's X-Api-Key, cookies or hop-by-hop headers.
FORWARDED_HEADERS = ("authorization", "content-type", "accept", "idempotency-key", "if-match", "x-correlation-id")
RETURNED_HEADERS = ("content-type", "location", "retry-after", "idempotent-replayed", "etag")
_FORWARDED = frozenset(name.encode() for name in FORWARDED_HEADERS)
# Answers without a body, whatever their headers say.
_NO_BODY = frozenset({204, 304})
# An answer the service sized (Content-Length) up to this is read whole and sent on in one piece:
# streaming it would cost a task group per call (StreamingResponse watches for the caller leaving)
# and a write per chunk. Anything else (an event stream, a large answer) is streamed as it arrives.
WHOLE_ANSWER_MAX_BYTES = 1 << 20


def forwarded_headers(request: Request) -> dict[str, str]:
    """One pass over the raw headers (names come lower-cased from the server); of a repeated one, the
    first, as request.headers would give it."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in request.scope["headers"]:
        if raw_name in _FORWARDED:
            headers.setdefault(raw_name.decode("latin-1"), raw_value.decode("latin-1"))
    # The request id the middleware took from the caller or made up, so the logs of both sides match.
    headers["x-request-id"] = request.state.request_id
    return headers


def upstream_url(request: Request, base_url: str) -> URL:
    """The raw path and query, so percent-escapes (an id holding "%2F") reach the service as the
    partner sent them: `encoded=True` keeps them as they are."""
    scope = request.scope
    target = base_url + (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
    if query := scope.get("query_string", b""):
        target += "?" + query.decode("latin-1")
    return URL(target, encoded=True)


async def relay(client: aiohttp.ClientSession, request: Request, base_url: str, body: bytes,
                service: str) -> Response:
    """Send the request and hand back the service's answer: whole when the service sized it, else
    streamed as it arrives (event streams)."""
    with _reaching(service):
        upstream = await _send(client, request, base_url, body)
    headers = {name: value for name in RETURNED_HEADERS if (value := upstream.headers.get(name)) is not None}
    length = upstream.content_length
    if upstream.status not in _NO_BODY and (length is None or length > WHOLE_ANSWER_MAX_BYTES):
        return StreamingResponse(upstream.content.iter_any(), status_code=upstream.status, headers=headers,
                                 background=BackgroundTask(upstream.release))
    try:
        with _reaching(service):
            content = await upstream.read()
    finally:
        upstream.release()
    return Response(content, status_code=upstream.status, headers=headers)


# Methods whose repeat changes nothing more than the first call did (RFC 9110, 9.2.2).
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


async def _send(client: aiohttp.ClientSession, request: Request, base_url: str,
                body: bytes) -> aiohttp.ClientResponse:
    """The call, sent once more when the kept-alive connection it went out on turned out closed or
    reset under it, if sending it again is safe: an idempotent method, or a key the service answers
    repeats of. Another partner's call must not fail because a service dropped a connection that an
    earlier call left behind."""
    target, headers = upstream_url(request, base_url), forwarded_headers(request)
    repeatable = request.method in _IDEMPOTENT_METHODS or "idempotency-key" in headers
    try:
        return await client.request(request.method, target, headers=headers, data=body or None,
                                    allow_redirects=False)
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
        if not repeatable or isinstance(exc, aiohttp.ClientConnectorError):
            raise  # a refused connection was never reused: trying again would only wait for nothing
        return await client.request(request.method, target, headers=headers, data=body or None,
                                    allow_redirects=False)


@contextmanager
def _reaching(service: str) -> Iterator[None]:
    try:
        yield
    except TimeoutError:
        raise UpstreamTimeout(f"The {service} service did not answer in time; try again later.",
                              service=service) from None
    except aiohttp.ClientError as exc:
        raise UpstreamUnavailable(f"The {service} service cannot be reached ({type(exc).__name__}).",
                                  service=service) from None
