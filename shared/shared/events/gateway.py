"""Events the gateway publishes."""

from pydantic import Field

from shared.events.envelope import EventData, event_schema


@event_schema("gateway.marketplace_registered.v1")
class MarketplaceRegistered(EventData):
    """An operator created a marketplace; services that keep per-marketplace state start it."""

    marketplace_id: str
    name: str
    policy_preset: str
    policy_overrides: dict = {}
    # None in events of marketplaces registered before currencies were named: any currency then.
    currencies: list[str] | None = Field(default=None, description="ISO 4217 currencies it takes")


@event_schema("gateway.api_key_revoked.v1")
class ApiKeyRevoked(EventData):
    """An operator revoked a marketplace's API key: the user tokens it minted stop working too, at the
    gateway at once and at every service as soon as it hears of it."""

    key_id: str
    marketplace_id: str
