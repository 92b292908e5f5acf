from datetime import UTC, datetime
from uuid import uuid4

from fastapi import APIRouter, Response

from gateway.api_keys.key_material import key_hash, new_key, visible_prefix
from gateway.api_keys.models import ApiKey
from gateway.api_keys.schemas import ApiKeyCreated, ApiKeyIn
from gateway.marketplaces.queries import marketplace_or_404
from gateway.operators import OperatorOnly
from shared.errors import NotFound
from shared.events import ApiKeyRevoked
from shared.http import UoW

router = APIRouter(prefix="/v1/admin/marketplaces/{marketplace_id}/api-keys", tags=["operators"],
                   dependencies=[OperatorOnly])


@router.post("", status_code=201, summary="Issue an API key to a marketplace, with its scopes; the key is shown once",
             responses={404: {"description": "No such marketplace"}})
async def create_api_key(marketplace_id: str, uow: UoW, response: Response, body: ApiKeyIn | None = None,
                         ) -> ApiKeyCreated:
    body = body or ApiKeyIn()
    await marketplace_or_404(uow.session, marketplace_id)
    key = new_key(body.kind)
    api_key = ApiKey(id=uuid4().hex, marketplace_id=marketplace_id, kind=body.kind, prefix=visible_prefix(key),
                     key_hash=key_hash(key), roles=[str(role) for role in body.roles],
                     max_token_ttl_s=body.max_token_ttl_s, can_change_policy=body.can_change_policy)
    uow.session.add(api_key)
    await uow.commit()
    response.headers["Cache-Control"] = "no-store"
    return ApiKeyCreated.model_validate({**api_key.model_dump(), "key": key})


@router.delete("/{key_id}", status_code=204, summary="Revoke an API key; it and the tokens it minted stop working",
               responses={404: {"description": "No such key of this marketplace"}})
async def revoke_api_key(marketplace_id: str, key_id: str, uow: UoW) -> None:
    api_key = await uow.session.get(ApiKey, key_id)
    if api_key is None or api_key.marketplace_id != marketplace_id:
        raise NotFound(f"Marketplace '{marketplace_id}' has no API key '{key_id}'.", slug="api-key-not-found")
    if api_key.revoked_at is None:
        api_key.revoked_at = datetime.now(UTC)
        # The services check tokens themselves: they learn of the revocation from this event.
        uow.emit(ApiKeyRevoked(key_id=api_key.id, marketplace_id=marketplace_id), marketplace=marketplace_id,
                 subject=f"api-key/{api_key.id}")
        await uow.commit()
