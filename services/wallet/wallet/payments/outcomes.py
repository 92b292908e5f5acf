"""How an attempt to take a booking's price ends, and the sentences a student is shown when it fails."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Taken:
    transaction_id: str
    charge_id: str | None = None
    promo_code_id: str | None = None  # the promo code that paid `promo_applied_minor` of the price (PC-2)
    promo_applied_minor: int = 0


@dataclass(frozen=True)
class Refused:
    code: str  # one of PaymentFailed's codes
    reason: str


NOT_ENOUGH_CREDITS = Refused("insufficient_credits",
                             "Your wallet credits don't cover this lesson. Top up your wallet or pay by card.")
NO_SUCH_CARD = Refused("payment_method_not_found",
                       "The card chosen for this booking is not on file. Add the card again and book again.")
PROCESSOR_REFUSED = Refused("processor_error",
                            "The card payment could not be processed. Try again later or pay with credits.")
