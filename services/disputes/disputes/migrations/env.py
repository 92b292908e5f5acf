from shared.migrations import run_env

import disputes.models  # noqa: F401  (registers every table on the metadata)
from disputes.db import Base

run_env(Base.metadata)
