"""Two tiny services built only from the shared plumbing, to test it without any business rules:
`probe-producer` writes ProbeRecorded events, `probe-consumer` records one effect per event."""

import asyncio
from collections import defaultdict
from pathlib import Path
from uuid import UUID, uuid4

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import bindparam
from sqlmodel import Field, insert, select

from shared.auth import CurrentIdentity
from shared.database import declarative_base, plumbing_metadata
from shared.events import Envelope, ProbeRecorded
from shared.http import UoW
from shared.messaging.handlers import HandlerRegistry
from shared.service import Service
from shared.settings import ServiceSettings
from shared.timers import TimerRegistry

ProbeBase = declarative_base()


class Effect(ProbeBase, table=True):
    __tablename__ = "effects"

    id: int | None = Field(default=None, primary_key=True)
    probe_id: str = Field(index=True)
    event_id: UUID


class ProbeSettings(ServiceSettings):
    pass


class Behaviour:
    """What the consumer's handler does, steered by the test, and what it saw."""

    def __init__(self) -> None:
        self.attempts: dict[str, list[float]] = defaultdict(list)
        self.always_fail: set[str] = set()
        self.gate: asyncio.Event | None = None
        # Raised by POST /v1/probes: an error no handler expects, as a bug would raise it.
        self.route_error: Exception | None = None


behaviour = Behaviour()
handlers = HandlerRegistry()


_RECORD_EFFECT = insert(Effect).values(probe_id=bindparam("probe_id"), event_id=bindparam("event_id"))


@handlers.on(ProbeRecorded.event_type)
async def record_effect(event: Envelope[ProbeRecorded], uow) -> None:
    probe = event.data
    behaviour.attempts[probe.probe_id].append(asyncio.get_running_loop().time())
    if probe.probe_id in behaviour.always_fail or len(behaviour.attempts[probe.probe_id]) <= probe.fail_times:
        raise RuntimeError(f"probe {probe.probe_id} told to fail")
    # A plain insert, the least a handler can do in the database: the messaging benchmark measures
    # the plumbing around this handler, not the ORM's cost of building and flushing an object.
    await uow.session.exec(_RECORD_EFFECT, params={"probe_id": probe.probe_id, "event_id": event.id})


router = APIRouter(prefix="/v1")


class ProbeIn(BaseModel):
    probe_id: str


@router.post("/probes", status_code=201)
async def create_probe(body: ProbeIn, identity: CurrentIdentity, uow: UoW) -> dict:
    if behaviour.gate is not None:
        await behaviour.gate.wait()
    if behaviour.route_error is not None:
        raise behaviour.route_error
    effect = Effect(probe_id=body.probe_id, event_id=uuid4())
    uow.session.add(effect)
    uow.emit(ProbeRecorded(probe_id=body.probe_id), marketplace=identity.marketplace_id)
    await uow.commit()
    return {"probe_id": body.probe_id, "effect_event_id": str(effect.event_id)}


@router.get("/probes/{probe_id}")
async def count_probe(probe_id: str, identity: CurrentIdentity, uow: UoW) -> dict:
    rows = (await uow.session.exec(select(Effect).where(Effect.probe_id == probe_id))).all()
    return {"count": len(rows)}


def probe_service(name: str, with_handlers: bool = False, timers: TimerRegistry | None = None) -> Service:
    return Service(
        name=name,
        settings_cls=ProbeSettings,
        metadata=ProbeBase.metadata,
        migrations_dir=Path(__file__).parent / "probe_migrations",
        routers=[router],
        handlers=handlers if with_handlers else HandlerRegistry(),
        timers=timers or TimerRegistry(),
    )


ALL_METADATA = [ProbeBase.metadata, plumbing_metadata]
