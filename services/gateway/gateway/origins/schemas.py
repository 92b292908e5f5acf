from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _as_origin(value: str) -> str:
    """An origin as browsers send it: scheme://host[:port], lower-case, nothing after it."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.username or parts.password:
        raise ValueError("must be an origin like https://app.example.com (http only for localhost)")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError("an origin has no path, query or fragment")
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1"):
        raise ValueError("http origins are for local development only (localhost)")
    default_port = {"https": 443, "http": 80}[parts.scheme]
    port = f":{parts.port}" if parts.port not in (None, default_port) else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


Origin = Annotated[str, Field(max_length=300), AfterValidator(_as_origin)]


class AllowedOriginsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"origins": ["https://app.acme-coaching.com", "http://localhost:5173"]}]})

    origins: list[Origin] = Field(max_length=50, description="The origins your browser apps are served from; "
                                                             "an empty list allows no browser")


class AllowedOriginsOut(BaseModel):
    origins: list[str]
