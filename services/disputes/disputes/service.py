from pathlib import Path

from shared.service import Service

from disputes.db import Base
from disputes.settings import DisputesSettings

service = Service(
    name="disputes",
    settings_cls=DisputesSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    description="Problem reports, proposals, disputes and staff decisions.",
)
