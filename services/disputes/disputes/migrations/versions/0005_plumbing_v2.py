"""plumbing v2: idempotency key holders

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 01:30:00
"""
from collections.abc import Sequence

from shared.migrations import plumbing_v2

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    plumbing_v2.upgrade()


def downgrade() -> None:
    plumbing_v2.downgrade()
