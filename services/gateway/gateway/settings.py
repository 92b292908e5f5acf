from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings

OPERATOR_KEY_MIN_CHARS = 16


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    # The gateway signs the user tokens every service verifies with the public key.
    jwt_private_key: SecretStr = SecretStr("")
    jwt_private_key_file: Path | None = None
    # The platform operators' shared secret, for the /v1/admin endpoints.
    operator_key: SecretStr
    token_ttl_s: int = Field(default=900, gt=0)
    booking_url: str = "http://127.0.0.1:8001"
    wallet_url: str = "http://127.0.0.1:8002"
    disputes_url: str = "http://127.0.0.1:8003"
    notifications_url: str = "http://127.0.0.1:8004"
    upstream_timeout_s: float = Field(default=30, gt=0)
    port: int = 8000

    @field_validator("operator_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < OPERATOR_KEY_MIN_CHARS:
            raise ValueError(f"must have at least {OPERATOR_KEY_MIN_CHARS} characters")
        return value

    @model_validator(mode="after")
    def _signing_key(self):
        if not self.jwt_private_key.get_secret_value() and self.jwt_private_key_file:
            self.jwt_private_key = SecretStr(self.jwt_private_key_file.read_text())
        names = f"{self.env_prefix}JWT_PRIVATE_KEY (or {self.env_prefix}JWT_PRIVATE_KEY_FILE)"
        try:
            key = serialization.load_pem_private_key(self.jwt_private_key.get_secret_value().encode(), password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            key = None
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{names} must hold the token-signing Ed25519 private key in PEM, unencrypted")
        # A mismatched pair would sign tokens that every service then refuses: stop at start-up instead.
        if key.public_key() != serialization.load_pem_public_key(self.jwt_public_key.encode()):
            raise ValueError(f"{names} is not the private half of {self.env_prefix}JWT_PUBLIC_KEY")
        return self

    @property
    def upstream_urls(self) -> dict[str, str]:
        """Base URL of each service the gateway routes to, by service name."""
        urls = {"booking": self.booking_url, "wallet": self.wallet_url, "disputes": self.disputes_url,
                "notifications": self.notifications_url}
        return {service: url.rstrip("/") for service, url in urls.items()}
