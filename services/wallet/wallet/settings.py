from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class WalletSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="WALLET_", extra="ignore")

    port: int = 8002
