from pathlib import Path

from disputes.arbitration import api as disputes_api
from disputes.arbitration import escalation_api
from disputes.arbitration.timers import timers
from disputes.contacts.handlers import handlers as contact_handlers
from disputes.db import Base
from disputes.lessons.handlers import handlers as lesson_handlers
from disputes.marks import api as marks_api
from disputes.misses.handlers import handlers as miss_handlers
from disputes.proposals import api as proposals_api
from disputes.reports import api as reports_api
from disputes.settings import DisputesSettings
from shared.messaging.handlers import HandlerRegistry
from shared.revoked_keys import handlers as revocation_handlers
from shared.service import Service

service = Service(
    name="disputes",
    settings_cls=DisputesSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    # /v1/disputes/marks before /v1/disputes/{report_id}.
    routers=[reports_api.router, proposals_api.router, escalation_api.router, marks_api.router,
             disputes_api.router],
    handlers=HandlerRegistry.combine(lesson_handlers, contact_handlers, miss_handlers, revocation_handlers),
    timers=timers,
    description="Problem reports, proposals, disputes and staff decisions.",
)
