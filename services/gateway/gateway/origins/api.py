"""A marketplace's browser origins, managed by its server with a secret key."""

from fastapi import APIRouter, Request

from gateway.api_keys.authentication import SecretKey
from gateway.origins.schemas import AllowedOriginsIn, AllowedOriginsOut
from gateway.origins.store import origins_of, set_origins
from shared.database import autocommit_connection

router = APIRouter(prefix="/v1/allowed-origins", tags=["auth"])


@router.get("", summary="The origins your browser apps may call the API from",
            responses={401: {"description": "No secret key, or one that is not live"},
                       403: {"description": "A publishable key"}})
async def read_origins(key: SecretKey, request: Request) -> AllowedOriginsOut:
    async with autocommit_connection(request.app.state.runtime.engine) as connection:
        return AllowedOriginsOut(origins=await origins_of(connection, key.marketplace_id))


@router.put("", summary="Set the origins your browser apps may call the API from (CORS)",
            description="Browsers send an Origin with every call a page makes; calls from other origins are "
                        "refused, and their preflights answered without permission. Set with a secret key, "
                        "from your server.",
            responses={401: {"description": "No secret key, or one that is not live"},
                       403: {"description": "A publishable key"}})
async def replace_origins(body: AllowedOriginsIn, key: SecretKey, request: Request) -> AllowedOriginsOut:
    origins = list(dict.fromkeys(body.origins))
    async with autocommit_connection(request.app.state.runtime.engine) as connection:
        await set_origins(connection, key.marketplace_id, origins)
    return AllowedOriginsOut(origins=origins)
