"""The base of every request body the wallet takes."""

from pydantic import BaseModel, ConfigDict


class RequestBody(BaseModel):
    """A field the wallet does not know is refused (422 naming it), never ignored: a misspelt field, or
    one a client believes does something, would otherwise pass silently, as every other service refuses."""

    model_config = ConfigDict(extra="forbid")
