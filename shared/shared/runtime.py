"""The resources one process holds: database engine, and the broker when a role needs it."""

import asyncio
import uuid

from sqlalchemy import text

from shared.database import create_engine, create_sessionmaker
from shared.messaging.broker import Broker
from shared.messaging.topology import Names
from shared.service import Service
from shared.settings import ServiceSettings
from shared.unit_of_work import UnitOfWork


class Runtime:
    def __init__(self, service: Service, settings: ServiceSettings):
        self.service = service
        self.settings = settings
        self.names = Names(settings.amqp_namespace, service.name)
        # The name every connection of this process carries (application_name): what PostgreSQL
        # shows of a process while it lives, e.g. to tell whether an idempotency key's holder died.
        self.instance = f"{service.name}-{uuid.uuid4().hex[:12]}"
        self.engine = create_engine(settings.database_url, application_name=self.instance)
        self.sessionmaker = create_sessionmaker(self.engine)
        self.broker: Broker | None = None

    async def connect_broker(self) -> Broker:
        self.broker = await Broker(self.settings.amqp_url, self.names).connect()
        return self.broker

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessionmaker, source=self.service.name)

    async def readiness(self, timeout_s: float = 2.0) -> dict[str, str]:
        checks: dict[str, str] = {}
        try:
            async with asyncio.timeout(timeout_s):
                async with self.engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        if self.broker is not None:
            checks["broker"] = "ok" if self.broker.is_connected else "unreachable: reconnecting"
        return checks

    async def close(self) -> None:
        if self.broker is not None:
            await self.broker.close()
        await self.engine.dispose()
