from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gateway.api_keys.models import KeyKind
from shared.auth import Role

# A day: a token lives long enough for a session of an app, and a leaked one not much longer.
LONGEST_TOKEN_TTL_S = 86_400


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"kind": "secret", "roles": ["student", "provider"], "max_token_ttl_s": 900},
        {"kind": "publishable"}]})

    kind: KeyKind = Field(default=KeyKind.SECRET, description="secret: server to server only; publishable: "
                                                              "safe in a browser, mints and changes nothing")
    roles: list[Role] | None = Field(default=None, description="The roles a secret key may mint user tokens "
                                                               "for; default student and provider (staff only when "
                                                               "named)")
    max_token_ttl_s: int = Field(default=900, ge=60, le=LONGEST_TOKEN_TTL_S,
                                 description="The longest lifetime of a token this key mints, in seconds")
    can_change_policy: bool = Field(default=False, description="Whether this (secret) key may change the "
                                                               "marketplace's policy")

    @model_validator(mode="after")
    def _publishable_keys_have_no_powers(self):
        if self.kind is KeyKind.PUBLISHABLE:
            if self.roles or self.can_change_policy:
                raise ValueError("a publishable key can mint no token and change nothing: leave out roles "
                                 "and can_change_policy")
            self.roles = []
        elif self.roles is None:
            self.roles = [Role.STUDENT, Role.PROVIDER]
        self.roles = list(dict.fromkeys(self.roles))
        return self


class ApiKeyOut(BaseModel):
    id: str
    kind: KeyKind
    prefix: str
    roles: list[Role]
    max_token_ttl_s: int
    can_change_policy: bool
    created_at: datetime


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The key itself; shown this once, only its hash is kept")
