from shared.migrations import run_env

import wallet.models  # noqa: F401  (registers every table on the metadata)
from wallet.db import Base

run_env(Base.metadata)
