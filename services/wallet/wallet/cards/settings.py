from functools import cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class CardProcessorSettings(BaseSettings):
    """Which processor adapter the wallet uses (`WALLET_CARD_PROCESSOR`). Kept apart from
    WalletSettings because event handlers, which have no settings object, need it too; a real
    adapter would read its own credentials here (e.g. `WALLET_CARD_API_KEY`)."""

    model_config = SettingsConfigDict(env_prefix="WALLET_CARD_", extra="ignore")

    processor: Literal["sandbox"] = "sandbox"


@cache
def card_processor_settings() -> CardProcessorSettings:
    return CardProcessorSettings()
