from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.api_keys.authentication import PartnerMarketplace
from shared.auth import USER_ID_PATTERN, Role, TokenIssuer

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: str = Field(pattern=USER_ID_PATTERN, description="The user's id in your marketplace: 1 to 200 "
                                                               "characters, no control characters")
    role: Role


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int = Field(description="Seconds until the token expires")
    expires_at: datetime


@router.post("/tokens", status_code=201, summary="A user token for one of your marketplace's users")
async def issue_token(body: TokenRequest, marketplace_id: PartnerMarketplace, request: Request,
                      response: Response) -> TokenOut:
    issuer: TokenIssuer = request.app.state.token_issuer
    token, expires_at = issuer.issue(body.user_id, body.role, marketplace_id)
    response.headers["Cache-Control"] = "no-store"
    return TokenOut(access_token=token, expires_in=int(issuer.ttl.total_seconds()), expires_at=expires_at)
