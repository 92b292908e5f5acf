from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class DisputesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DISPUTES_", extra="ignore")

    port: int = 8003
