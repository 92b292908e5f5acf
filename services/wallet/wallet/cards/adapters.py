"""The seam where a processor plugs in: the settings name an adapter, the wallet gets a CardProcessor."""

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from shared.unit_of_work import UnitOfWork
from wallet.cards.port import CardProcessor
from wallet.cards.sandbox.processor import SandboxProcessor
from wallet.cards.settings import card_processor_settings

# name -> factory(engine, marketplace_id). The sandbox keeps its state in the wallet database through
# connections of its own; an adapter for a real processor would ignore the engine and call its API.
ADAPTERS: dict[str, Callable[[AsyncEngine, str], CardProcessor]] = {
    "sandbox": SandboxProcessor,
}


def card_processor(uow: UnitOfWork, marketplace_id: str) -> CardProcessor:
    """The configured processor, acting for the marketplace's merchant account."""
    return ADAPTERS[card_processor_settings().processor](uow.session.bind, marketplace_id)
