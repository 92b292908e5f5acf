import re
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from limits import parse
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings
from shared.token_keys import KeySet, load_public_key

OPERATOR_KEY_MIN_CHARS = 16


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    # The gateway signs the user tokens every service verifies with the public key.
    jwt_private_key: SecretStr = SecretStr("")
    jwt_private_key_file: Path | None = None
    # Public keys of earlier signing keys, PEM blocks one after the other: published and trusted until
    # the last token they signed has expired (a day at most), then dropped. Rotating: the new pair
    # in JWT_PRIVATE_KEY/JWT_PUBLIC_KEY, the old public key here.
    jwt_previous_public_keys: str = ""
    jwt_previous_public_keys_file: Path | None = None
    # The platform operators' shared secret, for the /v1/admin endpoints.
    operator_key: SecretStr
    token_ttl_s: int = Field(default=900, gt=0)
    booking_url: str = "http://127.0.0.1:8001"
    wallet_url: str = "http://127.0.0.1:8002"
    disputes_url: str = "http://127.0.0.1:8003"
    notifications_url: str = "http://127.0.0.1:8004"
    upstream_timeout_s: float = Field(default=30, gt=0)
    # Rate limits, shared by every replica through Redis: calls per user and per API key (the key
    # sent, or the one that minted the user's token), in the `limits` notation ("600/minute").
    redis_url: str = "redis://127.0.0.1:6379/0"
    rate_limit_per_user: str = "600/minute"
    rate_limit_per_key: str = "30000/minute"
    port: int = 8000

    @field_validator("operator_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < OPERATOR_KEY_MIN_CHARS:
            raise ValueError(f"must have at least {OPERATOR_KEY_MIN_CHARS} characters")
        return value

    @field_validator("rate_limit_per_user", "rate_limit_per_key")
    @classmethod
    def _a_rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError:
            raise ValueError("must be a rate like 600/minute") from None
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

    def signing_public_keys(self) -> list[Ed25519PublicKey]:
        """The current key first, then the previous ones."""
        previous = self.jwt_previous_public_keys
        if not previous and self.jwt_previous_public_keys_file:
            previous = self.jwt_previous_public_keys_file.read_text()
        blocks = re.findall(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", previous, flags=re.S)
        return [load_public_key(self.jwt_public_key), *map(load_public_key, blocks)]

    def token_keys(self) -> KeySet:
        return KeySet(self.signing_public_keys())

    @property
    def upstream_urls(self) -> dict[str, str]:
        """Base URL of each service the gateway routes to, by service name."""
        urls = {"booking": self.booking_url, "wallet": self.wallet_url, "disputes": self.disputes_url,
                "notifications": self.notifications_url}
        return {service: url.rstrip("/") for service, url in urls.items()}
