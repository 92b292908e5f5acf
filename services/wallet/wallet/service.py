from pathlib import Path

from shared.service import Service

from wallet.db import Base
from wallet.settings import WalletSettings

service = Service(
    name="wallet",
    settings_cls=WalletSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    description="Accounts, the double-entry ledger, payments, escrow, refunds, payouts, promo codes and credit bundles.",
)
