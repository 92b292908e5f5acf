from shared.migrations import run_env
from shared.testing.probe import ProbeBase

run_env(ProbeBase.metadata)
