import wallet.models  # noqa: F401  (registers every table on the metadata)
from shared.migrations import run_env
from wallet.db import Base

run_env(Base.metadata)
