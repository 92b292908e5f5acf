from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class MarkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: str
    booking_id: str
    role: Literal["student", "provider"]
    resolution: str
    marked_at: datetime


class MarksOut(BaseModel):
    user_id: str
    count: int
    marks: list[MarkOut]
