from datetime import UTC, datetime
from uuid import uuid4

from fastapi import APIRouter, Response

from gateway.api_keys.key_material import key_hash, new_key, visible_prefix
from gateway.api_keys.models import ApiKey
from gateway.api_keys.schemas import ApiKeyCreated
from gateway.marketplaces.queries import marketplace_or_404
from gateway.operators import OperatorOnly
from shared.errors import NotFound
from shared.http import UoW

router = APIRouter(prefix="/v1/admin/marketplaces/{marketplace_id}/api-keys", tags=["operators"],
                   dependencies=[OperatorOnly])


@router.post("", status_code=201, summary="Issue an API key to a marketplace; the key is shown once")
async def create_api_key(marketplace_id: str, uow: UoW, response: Response) -> ApiKeyCreated:
    await marketplace_or_404(uow.session, marketplace_id)
    key = new_key()
    api_key = ApiKey(id=uuid4().hex, marketplace_id=marketplace_id, prefix=visible_prefix(key), key_hash=key_hash(key))
    uow.session.add(api_key)
    await uow.commit()
    response.headers["Cache-Control"] = "no-store"
    return ApiKeyCreated(id=api_key.id, key=key, prefix=api_key.prefix, created_at=api_key.created_at)


@router.delete("/{key_id}", status_code=204, summary="Revoke an API key; it stops working at once")
async def revoke_api_key(marketplace_id: str, key_id: str, uow: UoW) -> None:
    api_key = await uow.session.get(ApiKey, key_id)
    if api_key is None or api_key.marketplace_id != marketplace_id:
        raise NotFound(f"Marketplace '{marketplace_id}' has no API key '{key_id}'.", slug="api-key-not-found")
    if api_key.revoked_at is None:
        api_key.revoked_at = datetime.now(UTC)
        await uow.commit()
