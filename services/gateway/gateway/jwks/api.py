"""The public keys user tokens are signed with, for every service (and partner) that verifies them."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from shared.token_keys import jwks

router = APIRouter(tags=["auth"])

# Services fetch again when a token names a key they don't know, so caching is only for the rest.
MAX_AGE_S = 300


@router.get("/.well-known/jwks.json", summary="The token-signing public keys (JWKS): current first, then "
                                              "previous ones whose tokens may still be live")
async def signing_keys(request: Request) -> JSONResponse:
    return JSONResponse(jwks(request.app.state.settings.signing_public_keys()),
                        headers={"Cache-Control": f"public, max-age={MAX_AGE_S}"})
