from pathlib import Path

from gateway.api_keys.api import router as api_keys_router
from gateway.app import configure_gateway, gateway_lifespan
from gateway.db import Base
from gateway.jwks.api import router as jwks_router
from gateway.marketplaces.api import router as marketplaces_router
from gateway.origins.api import router as origins_router
from gateway.proxy.api import router as proxy_router
from gateway.proxy.key_bindings import key_bindings_table
from gateway.settings import GatewaySettings
from gateway.tokens.api import router as tokens_router
from shared.housekeeping import Retention
from shared.service import Service

service = Service(
    name="gateway",
    settings_cls=GatewaySettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    # The proxy comes last: its catch-all takes only the /v1 paths the gateway's own routes don't.
    routers=[marketplaces_router, api_keys_router, tokens_router, jwks_router, origins_router, proxy_router],
    configure_app=configure_gateway,
    lifespan=gateway_lifespan,
    description="The partner-facing entry: API keys, user tokens, routing to the services, one OpenAPI document.",
    # A key stays bound to its operation as long as the services keep the key itself.
    trimmed=((key_bindings_table.c.created_at, Retention().idempotency_keys),),
)
