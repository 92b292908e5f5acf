from datetime import datetime, timedelta
from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.api_keys.authentication import SecretKey
from gateway.api_keys.schemas import LONGEST_TOKEN_TTL_S
from shared.auth import USER_ID_PATTERN, Role, TokenIssuer
from shared.errors import Forbidden, Unprocessable

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"user_id": "student-7", "role": "student"}, {"user_id": "coach-2", "role": "provider", "ttl_s": 3600}]})

    user_id: str = Field(pattern=USER_ID_PATTERN, description="The user's id in your marketplace: 1 to 200 "
                                                               "characters, no control characters")
    role: Role
    ttl_s: int | None = Field(default=None, ge=60, le=LONGEST_TOKEN_TTL_S,
                              description="How long the token lives, in seconds; at most the key's limit. "
                                          "Default: 15 minutes, or the key's limit if shorter")


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds until the token expires")
    expires_at: datetime


@router.post("/tokens", status_code=201, summary="A user token for one of your marketplace's users",
             description="Called by your server with a secret key, never from a browser: the token is all your "
                         "frontend then needs to call the API for that user. A key mints tokens only for the "
                         "roles it was issued for; staff tokens only from a key with the staff scope.",
             responses={401: {"description": "No key, or one that is not live"},
                        403: {"description": "A publishable key, or a role outside the key's scope"}})
async def issue_token(body: TokenRequest, key: SecretKey, request: Request, response: Response) -> TokenOut:
    response.headers.update(await request.app.state.rate_limits.charge(key.id, None))
    if str(body.role) not in key.roles:
        raise Forbidden(f"This key may not mint {body.role} tokens (it may for: "
                        f"{', '.join(sorted(key.roles)) or 'no role'}); the operator sets a key's roles when "
                        "issuing it.", slug="role-not-in-key-scope")
    issuer: TokenIssuer = request.app.state.token_issuer
    limit = timedelta(seconds=key.max_token_ttl_s)
    if body.ttl_s is not None and body.ttl_s > key.max_token_ttl_s:
        raise Unprocessable(f"ttl_s: this key mints tokens of at most {key.max_token_ttl_s} s.",
                            slug="validation-error", errors=[{"field": "ttl_s", "code": "above_key_limit",
                                                              "message": f"at most {key.max_token_ttl_s}"}])
    ttl = timedelta(seconds=body.ttl_s) if body.ttl_s is not None else min(issuer.ttl, limit)
    token, expires_at = issuer.issue(body.user_id, body.role, key.marketplace_id, api_key_id=key.id, ttl=ttl)
    response.headers["Cache-Control"] = "no-store"
    return TokenOut(access_token=token, expires_in=int(ttl.total_seconds()), expires_at=expires_at)
