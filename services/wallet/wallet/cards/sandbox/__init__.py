"""A card processor simulated in this repository, for development, tests and demos.

It keeps its state in `sandbox_*` tables, apart from the wallet's own (it stands for an external
system), so every wallet replica sees the same charges, refunds and idempotency keys.
"""
