from pathlib import Path

from shared.service import Service

from booking.db import Base
from booking.marketplaces.api import router as marketplaces_router
from booking.marketplaces.handlers import handlers
from booking.settings import BookingSettings

service = Service(
    name="booking",
    settings_cls=BookingSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[marketplaces_router],
    handlers=handlers,
    description="Marketplaces and their policies, providers, offerings, availability, bookings and reschedules.",
)
