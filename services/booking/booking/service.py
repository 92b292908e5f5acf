from pathlib import Path

from booking.availability import blocks_api, hours_api, slots_api
from booking.bookings import actions_api
from booking.bookings import api as bookings_api
from booking.bookings.handlers import handlers as booking_handlers
from booking.bookings.timers import timers
from booking.db import Base
from booking.marketplaces import api as marketplaces_api
from booking.marketplaces.handlers import handlers as marketplace_handlers
from booking.offerings import api as offerings_api
from booking.providers import api as providers_api
from booking.providers import standing_api
from booking.settings import BookingSettings
from booking.timeline import api as timeline_api
from shared.messaging.handlers import HandlerRegistry
from shared.service import Service

service = Service(
    name="booking",
    settings_cls=BookingSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    # Order matters where paths share a prefix: /providers/me/... before /providers/{id}/...
    routers=[marketplaces_api.router, standing_api.router, hours_api.router, blocks_api.router,
             providers_api.router, offerings_api.router, slots_api.router, bookings_api.router,
             actions_api.router, timeline_api.router],
    handlers=HandlerRegistry.combine(marketplace_handlers, booking_handlers),
    timers=timers,
    description="Marketplaces and their policies, providers, offerings, availability, bookings and reschedules.",
)
