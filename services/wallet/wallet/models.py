"""Every table of the wallet service, imported so the metadata (and alembic) sees them all."""

from wallet.accounts.models import Account
from wallet.card_refunds.models import CardRefund
from wallet.cards.sandbox.models import SandboxAttempt, SandboxCard, SandboxCharge, SandboxRefund, SandboxToken
from wallet.contacts.models import LessonStart, StudentContact
from wallet.ledger.models import LedgerTransaction, Posting
from wallet.marketplaces.models import MarketplaceCurrencies
from wallet.missed_lessons.models import MissedLesson
from wallet.payment_methods.models import PaymentMethod
from wallet.payments.models import Payment
from wallet.payouts.models import Payout
from wallet.promo_codes.models import PromoCode
from wallet.refunds.models import Refund
from wallet.releases.models import ReleasedBooking
from wallet.topups.models import TopUp

__all__ = [
    "Account", "LedgerTransaction", "Payment", "PaymentMethod", "Payout", "Posting", "Refund", "ReleasedBooking",
    "SandboxAttempt", "SandboxCard", "SandboxCharge", "SandboxRefund", "TopUp",
]
__all__ += ["MissedLesson", "PromoCode"]  # the missed-lesson work's tables
__all__ += ["CardRefund", "LessonStart", "StudentContact"]  # card refunds and their contact projection
__all__ += ["MarketplaceCurrencies"]  # the currencies each marketplace accepts (issue 13)
__all__ += ["SandboxToken"]  # the sandbox processor's single-use card tokens (issue 14)
