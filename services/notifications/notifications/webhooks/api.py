"""Staff of a marketplace manage its partner webhooks: endpoints, secrets and the delivery log."""

from datetime import timedelta

from fastapi import APIRouter, Response

from notifications import config
from notifications.clock import utcnow
from notifications.webhooks.catalog import subscribable_event_types
from notifications.webhooks.endpoints import checked_url, endpoint_of, endpoints_of
from notifications.webhooks.models import Endpoint
from notifications.webhooks.schemas import EndpointChange, EndpointIn, EndpointOut, EndpointWithSecret
from notifications.webhooks.secrets import rotate
from notifications.webhooks.signing import new_secret
from shared.auth import StaffIdentity
from shared.http import UoW

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


@router.get("/event-types", summary="Staff: the event types an endpoint may subscribe to")
async def event_types(staff: StaffIdentity) -> list[str]:
    return subscribable_event_types()


@router.post("", status_code=201, summary="Staff: register an endpoint; the answer holds its signing secret")
async def create_endpoint(body: EndpointIn, staff: StaffIdentity, uow: UoW) -> EndpointWithSecret:
    endpoint = Endpoint(marketplace_id=staff.marketplace_id, description=body.description,
                        url=await _checked(body.url), event_types=body.event_types, secret=new_secret())
    uow.session.add(endpoint)
    await uow.commit()
    return EndpointWithSecret.of(endpoint)


@router.get("", summary="Staff: the marketplace's endpoints")
async def list_endpoints(staff: StaffIdentity, uow: UoW) -> list[EndpointOut]:
    return [EndpointOut.of(e) for e in await endpoints_of(uow.session, staff.marketplace_id)]


@router.get("/{endpoint_id}", summary="Staff: one endpoint")
async def get_endpoint(endpoint_id: str, staff: StaffIdentity, uow: UoW) -> EndpointOut:
    return EndpointOut.of(await endpoint_of(uow.session, staff.marketplace_id, endpoint_id))


@router.patch("/{endpoint_id}", summary="Staff: change the URL, event types or description; enable or disable")
async def change_endpoint(endpoint_id: str, change: EndpointChange, staff: StaffIdentity, uow: UoW) -> EndpointOut:
    endpoint = await endpoint_of(uow.session, staff.marketplace_id, endpoint_id, for_update=True)
    if change.url is not None:
        endpoint.url = await _checked(change.url)
    if change.event_types is not None:
        endpoint.event_types = change.event_types
    if change.description is not None:
        endpoint.description = change.description
    if change.enabled is not None:
        endpoint.enabled, endpoint.disabled_reason = change.enabled, None if change.enabled else "by the partner"
    endpoint.updated_at = utcnow()
    uow.session.add(endpoint)
    await uow.commit()
    return EndpointOut.of(endpoint)


@router.delete("/{endpoint_id}", status_code=204, summary="Staff: remove an endpoint and its delivery log")
async def delete_endpoint(endpoint_id: str, staff: StaffIdentity, uow: UoW) -> Response:
    await uow.session.delete(await endpoint_of(uow.session, staff.marketplace_id, endpoint_id, for_update=True))
    await uow.commit()
    return Response(status_code=204)


@router.post("/{endpoint_id}/rotate-secret",
             summary="Staff: a new signing secret; the old one signs too until previous_secret_until")
async def rotate_secret(endpoint_id: str, staff: StaffIdentity, uow: UoW) -> EndpointWithSecret:
    endpoint = await endpoint_of(uow.session, staff.marketplace_id, endpoint_id, for_update=True)
    rotate(endpoint, timedelta(seconds=config.settings().webhook_secret_overlap_s))
    uow.session.add(endpoint)
    await uow.commit()
    return EndpointWithSecret.of(endpoint)


async def _checked(url: str) -> str:
    settings = config.settings()
    return await checked_url(url, settings.webhooks_allow_http_localhost, settings.send_timeout_s)
