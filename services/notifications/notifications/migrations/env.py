from shared.migrations import run_env

import notifications.models  # noqa: F401  (registers every table on the metadata)
from notifications.db import Base

run_env(Base.metadata)
