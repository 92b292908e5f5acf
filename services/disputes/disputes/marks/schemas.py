from datetime import datetime

from pydantic import BaseModel, ConfigDict


class MarkOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: str
    booking_id: str
    role: str
    resolution: str
    marked_at: datetime


class MarksOut(BaseModel):
    user_id: str
    count: int
    marks: list[MarkOut]
