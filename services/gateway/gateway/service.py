from pathlib import Path

from shared.service import Service

from gateway.db import Base
from gateway.settings import GatewaySettings

service = Service(
    name="gateway",
    settings_cls=GatewaySettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    description="The partner-facing entry: API keys, user tokens, routing to the services, one OpenAPI document.",
)
