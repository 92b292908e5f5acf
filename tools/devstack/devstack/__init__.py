"""The whole backend on one machine, for `make run`, the end-to-end tests and the benchmarks."""

from devstack.infra import START_COMMANDS, delete_amqp_namespace, drop_databases
from devstack.stack import BACKENDS, SERVICES, Keys, Stack, StackError, free_base_port

__all__ = ["BACKENDS", "SERVICES", "START_COMMANDS", "Keys", "Stack", "StackError", "delete_amqp_namespace",
           "drop_databases", "free_base_port"]
