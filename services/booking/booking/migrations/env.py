from shared.migrations import run_env

import booking.models  # noqa: F401  (registers every table on the metadata)
from booking.db import Base

run_env(Base.metadata)
