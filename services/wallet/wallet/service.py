from pathlib import Path

from shared.messaging.handlers import HandlerRegistry
from shared.revoked_keys import handlers as revocation_handlers
from shared.service import Service
from wallet.accounts.api import router as wallet_router
from wallet.card_refunds.api import router as card_refunds_router
from wallet.cards.sandbox.serving import serve_sandbox_processor
from wallet.cards.sandbox.tokens import TOKENS_KEPT_FOR
from wallet.cards.sandbox.tokens import tokens as sandbox_tokens
from wallet.contacts.handlers import handlers as contact_handlers
from wallet.db import Base
from wallet.ledger.api import router as ledger_router
from wallet.marketplaces.handlers import handlers as marketplace_handlers
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
    routers=[payment_methods_router, top_ups_router, wallet_router, payments_router, ledger_router,
             card_refunds_router],
    handlers=HandlerRegistry.combine(payment_handlers, refund_handlers, payout_handlers, release_handlers,
                                     contact_handlers, marketplace_handlers, revocation_handlers),
    description="Accounts, the double-entry ledger, payments, escrow, refunds, payouts, promo codes and "
                "credit bundles.",
    # The sandbox card processor's public tokenization route, on the wallet's port (issue 14).
    configure_app=serve_sandbox_processor,
    trimmed=((sandbox_tokens.c.created_at, TOKENS_KEPT_FOR),),
)

# Missed lessons (issue 5): the money of a missed lesson and of a settled report, and promo codes.
from wallet.dispute_settlements.handlers import handlers as dispute_settlement_handlers  # noqa: E402
from wallet.missed_lessons.handlers import handlers as missed_lesson_handlers  # noqa: E402
from wallet.promo_codes.api import router as promo_codes_router  # noqa: E402
from wallet.promo_codes.expiry import timers as promo_code_timers  # noqa: E402

service.routers.append(promo_codes_router)
service.handlers = HandlerRegistry.combine(service.handlers, missed_lesson_handlers, dispute_settlement_handlers)
for _kind in promo_code_timers.kinds:
    service.timers.on(_kind)(promo_code_timers.handler(_kind))
