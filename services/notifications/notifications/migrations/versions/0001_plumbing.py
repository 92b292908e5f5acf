"""plumbing: outbox, inbox, timers, idempotency keys

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 10:10:42.694961
"""
from collections.abc import Sequence

from shared.migrations import plumbing_v1

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    plumbing_v1.upgrade()


def downgrade() -> None:
    plumbing_v1.downgrade()
