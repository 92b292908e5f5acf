from pathlib import Path

from booking.availability import blocks_api, hours_api, slots_api
from booking.bookings import actions_api
from booking.bookings import api as bookings_api
from booking.bookings.handlers import handlers as booking_handlers
from booking.bookings.timers import timers as booking_timers
from booking.cancellations import api as cancellations_api
from booking.cancellations.timers import timers as cancellation_timers
from booking.db import Base
from booking.marketplaces import api as marketplaces_api
from booking.marketplaces.handlers import handlers as marketplace_handlers
from booking.misses import api as misses_api
from booking.misses.money_facts import handlers as miss_money_handlers
from booking.misses.timers import timers as miss_timers
from booking.offerings import api as offerings_api
from booking.providers import api as providers_api
from booking.providers import record_api, standing_api
from booking.rescheduling import api as rescheduling_api
from booking.rescheduling.timers import timers as rescheduling_timers
from booking.settings import BookingSettings
from booking.timeline import api as timeline_api
from shared.messaging.handlers import HandlerRegistry
from shared.revoked_keys import handlers as revocation_handlers
from shared.service import Service
from shared.timers import TimerRegistry


def combine_timers(*registries: TimerRegistry) -> TimerRegistry:
    combined = TimerRegistry()
    for registry in registries:
        for kind in registry.kinds:
            combined.on(kind)(registry.handler(kind))
    return combined


service = Service(
    name="booking",
    settings_cls=BookingSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    # Order matters where paths share a prefix: /providers/me/... before /providers/{id}/...
    routers=[marketplaces_api.router, standing_api.router, hours_api.router, blocks_api.router,
             record_api.router, providers_api.router, offerings_api.router, slots_api.router, bookings_api.router,
             actions_api.router, rescheduling_api.router, cancellations_api.router, misses_api.router,
             timeline_api.router],
    handlers=HandlerRegistry.combine(marketplace_handlers, booking_handlers, miss_money_handlers,
                                     revocation_handlers),
    timers=combine_timers(booking_timers, rescheduling_timers, cancellation_timers, miss_timers),
    description="Marketplaces and their policies, providers and their standing, offerings, availability, bookings, "
                "reschedules, cancellations, missed lessons and their resolution.",
)
