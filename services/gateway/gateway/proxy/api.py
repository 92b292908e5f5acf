from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from starlette.requests import ClientDisconnect

from gateway.proxy.caller import PartnerUser
from gateway.proxy.forwarding import relay, upstream_request
from gateway.proxy.routes import service_for
from shared.errors import NotFound

# Last of the gateway's routers: it takes every /v1 path the gateway's own routes don't.
router = APIRouter()


def routed_service(request: Request) -> str:
    path = request.url.path
    service = service_for(path)
    # Dot segments would be resolved on the way out and could land outside the routed prefix.
    if service is None or any(segment in (".", "..") for segment in path.split("/")):
        raise NotFound(f"No service serves {path}.", slug="route-not-found")
    return service


@router.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def forward(request: Request, service: Annotated[str, Depends(routed_service)],
                  identity: PartnerUser) -> Response:
    # identity: only checked here; the service reads it again from the forwarded Authorization header.
    client = request.app.state.upstream_client
    base_url = request.app.state.settings.upstream_urls[service]
    try:
        # Partner calls carry small JSON bodies: reading one whole is simpler than streaming it on.
        body = await request.body()
    except ClientDisconnect:
        return Response(status_code=499)  # the caller gave up: nobody to answer, nothing went wrong here
    return await relay(client, upstream_request(client, request, base_url, body), service)
