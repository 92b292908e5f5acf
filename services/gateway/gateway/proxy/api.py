from fastapi import APIRouter, Request, Response
from starlette.requests import ClientDisconnect

from gateway.proxy.caller import partner_user
from gateway.proxy.forwarding import relay
from gateway.proxy.key_bindings import bind_key_to_operation
from gateway.proxy.routes import service_for
from shared.database import autocommit_connection
from shared.errors import NotFound

# Last of the gateway's routers: it takes every /v1 path the gateway's own routes don't.
router = APIRouter()


def routed_service(path: str) -> str:
    service = service_for(path)
    # Dot segments would be resolved on the way out and could land outside the routed prefix.
    if service is None or any(segment in (".", "..") for segment in path.split("/")):
        raise NotFound(f"No service serves {path}.", slug="route-not-found")
    return service


@router.api_route("/v1/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def forward(request: Request) -> Response:
    # Every partner call passes here: the checks are plain calls, not dependencies (see proxy.caller).
    service = routed_service(request.scope["path"])
    # One pooled connection for every check, given back before the service is called.
    async with autocommit_connection(request.app.state.runtime.engine) as connection:
        await partner_user(connection, request)  # only here; the service reads the token again itself
        await bind_key_to_operation(connection, request)
    try:
        # Partner calls carry small JSON bodies: reading one whole is simpler than streaming it on.
        body = await request.body()
    except ClientDisconnect:
        return Response(status_code=499)  # the caller gave up: nobody to answer, nothing went wrong here
    state = request.app.state
    response = await relay(state.upstream_client, request, state.upstream_urls[service], body, service)
    response.headers.update(request.state.rate_limit_headers)
    return response
