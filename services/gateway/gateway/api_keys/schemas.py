from datetime import datetime

from pydantic import BaseModel, Field


class ApiKeyCreated(BaseModel):
    id: str
    key: str = Field(description="The key itself; shown this once, only its hash is kept")
    prefix: str
    created_at: datetime
