from pathlib import Path

from shared.messaging.handlers import HandlerRegistry
from shared.service import Service
from wallet.accounts.api import router as wallet_router
from wallet.db import Base
from wallet.ledger.api import router as ledger_router
from wallet.payment_methods.api import router as payment_methods_router
from wallet.payments.api import router as payments_router
from wallet.payments.handlers import handlers as payment_handlers
from wallet.payouts.handlers import handlers as payout_handlers
from wallet.refunds.handlers import handlers as refund_handlers
from wallet.releases.handlers import handlers as release_handlers
from wallet.settings import WalletSettings
from wallet.topups.api import router as top_ups_router

service = Service(
    name="wallet",
    settings_cls=WalletSettings,
    metadata=Base.metadata,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=[payment_methods_router, top_ups_router, wallet_router, payments_router, ledger_router],
    handlers=HandlerRegistry.combine(payment_handlers, refund_handlers, payout_handlers, release_handlers),
    description="Accounts, the double-entry ledger, payments, escrow, refunds, payouts, promo codes and "
                "credit bundles.",
)
