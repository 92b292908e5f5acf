"""One partner call handed to a service and its answer handed back, streamed."""

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse

from gateway.problems import UpstreamTimeout, UpstreamUnavailable

# Only what the services need: never the partner's X-Api-Key, cookies or hop-by-hop headers.
FORWARDED_HEADERS = ("authorization", "content-type", "accept", "idempotency-key", "if-match", "x-correlation-id")
RETURNED_HEADERS = ("content-type", "location", "retry-after", "idempotent-replayed", "etag")


def upstream_request(client: httpx.AsyncClient, request: Request, base_url: str, body: bytes) -> httpx.Request:
    headers = {name: request.headers[name] for name in FORWARDED_HEADERS if name in request.headers}
    # The request id the middleware took from the caller or made up, so the logs of both sides match.
    headers["x-request-id"] = request.state.request_id
    # The raw path, so percent-escapes (an id holding "%2F") reach the service as the partner sent them.
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    url = httpx.URL(base_url + raw_path.decode("latin-1"), query=request.scope.get("query_string", b""))
    return client.build_request(request.method, url, headers=headers, content=body)


async def relay(client: httpx.AsyncClient, outgoing: httpx.Request, service: str) -> StreamingResponse:
    """Send the request and stream the service's answer back as it arrives (event streams included)."""
    try:
        upstream = await client.send(outgoing, stream=True)
    except httpx.TimeoutException:
        raise UpstreamTimeout(f"The {service} service did not answer in time; try again later.",
                              service=service) from None
    except httpx.TransportError as exc:
        raise UpstreamUnavailable(f"The {service} service cannot be reached ({type(exc).__name__}).",
                                  service=service) from None
    headers = {name: upstream.headers[name] for name in RETURNED_HEADERS if name in upstream.headers}
    return StreamingResponse(upstream.aiter_bytes(), status_code=upstream.status_code, headers=headers,
                             background=BackgroundTask(upstream.aclose))
