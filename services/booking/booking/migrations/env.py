import booking.models  # noqa: F401  (registers every table on the metadata)
from booking.db import Base
from shared.migrations import run_env

run_env(Base.metadata)
