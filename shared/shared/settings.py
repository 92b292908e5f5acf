"""Settings common to every service; each service subclasses with its own env prefix."""

from pathlib import Path
from typing import TypeVar

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.token_keys import KeySet, load_public_key


class ServiceSettings(BaseSettings):
    """What every service needs. Subclasses set `env_prefix` (e.g. `BOOKING_`)."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = Field(description="SQLAlchemy URL, postgresql+asyncpg://...")
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    # Prefix of the exchange and queue names, so several deployments (or test runs) share a broker.
    amqp_namespace: str = "lessons"
    jwt_public_key: str = Field(default="", description="PEM of the gateway's token-signing public key")
    jwt_public_key_file: Path | None = None
    # The gateway's JWKS (http://<gateway>/.well-known/jwks.json): with it, a service picks up the
    # gateway's new signing key without a restart. A service needs this, the public key, or both.
    jwks_url: str | None = None
    jwt_issuer: str = "lessons-gateway"
    jwt_audience: str = "lessons-api"
    # Back-off of a failing event handler: one retry per entry, then the dead-letter queue.
    retry_delays_ms: list[int] = [1_000, 10_000, 60_000]
    consumer_prefetch: int = 32
    # Messages handled in one transaction when they arrive together (1: each on its own).
    consumer_batch_size: int = 16
    outbox_poll_interval_s: float = 1.0
    timer_poll_interval_s: float = 1.0
    log_level: str = "INFO"
    log_json: bool = True
    # Larger request bodies are refused with 413 before they are read whole.
    max_body_bytes: int = Field(default=1 << 20, ge=1024)
    host: str = "127.0.0.1"
    port: int = 8000

    @field_validator("database_url")
    @classmethod
    def _asyncpg_url(cls, value: str) -> str:
        if not value.startswith("postgresql+asyncpg://"):
            raise ValueError("must be a postgresql+asyncpg:// URL")
        return value

    @field_validator("amqp_url")
    @classmethod
    def _amqp(cls, value: str) -> str:
        if not value.startswith(("amqp://", "amqps://")):
            raise ValueError("must be an amqp:// or amqps:// URL")
        return value

    @model_validator(mode="after")
    def _token_key(self):
        if not self.jwt_public_key and self.jwt_public_key_file:
            self.jwt_public_key = self.jwt_public_key_file.read_text()
        if "BEGIN PUBLIC KEY" not in self.jwt_public_key and not (self.jwks_url and not self.jwt_public_key):
            prefix = self.model_config.get("env_prefix", "")
            raise ValueError(f"{prefix}JWT_PUBLIC_KEY (or {prefix}JWT_PUBLIC_KEY_FILE) must hold the gateway's "
                             f"token public key in PEM, or {prefix}JWKS_URL name the gateway's JWKS")
        return self

    def token_keys(self) -> KeySet:
        """The keys this service verifies user tokens with."""
        configured = [load_public_key(self.jwt_public_key)] if self.jwt_public_key else []
        return KeySet(configured, self.jwks_url)

    @property
    def env_prefix(self) -> str:
        return self.model_config.get("env_prefix", "")


class SettingsError(SystemExit):
    """Raised at start-up: the message names each missing or wrong variable."""


S = TypeVar("S", bound=BaseSettings)


def load_settings(cls: type[S], **overrides) -> S:
    try:
        return cls(**overrides)
    except ValidationError as exc:
        prefix = cls.model_config.get("env_prefix", "")
        problems = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            problems.append(f"  {prefix}{field.upper()}: {error['msg']}" if field else f"  {error['msg']}")
        raise SettingsError(f"{cls.__name__}: invalid configuration\n" + "\n".join(problems)) from None
