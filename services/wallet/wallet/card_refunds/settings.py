from functools import cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class CardRefundSettings(BaseSettings):
    """RF-2's window (`WALLET_CARD_REFUND_WINDOW_DAYS`). The policy's card_refund_window_days is 30 in
    every preset and booking's events don't carry it, so the wallet keeps it as a setting of its own."""

    model_config = SettingsConfigDict(env_prefix="WALLET_CARD_REFUND_", extra="ignore")

    window_days: int = 30


@cache
def card_refund_settings() -> CardRefundSettings:
    return CardRefundSettings()
