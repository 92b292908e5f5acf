import disputes.models  # noqa: F401  (registers every table on the metadata)
from disputes.db import Base
from shared.migrations import run_env

run_env(Base.metadata)
