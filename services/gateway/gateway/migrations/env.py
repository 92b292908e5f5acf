from shared.migrations import run_env

import gateway.models  # noqa: F401  (registers every table on the metadata)
from gateway.db import Base

run_env(Base.metadata)
