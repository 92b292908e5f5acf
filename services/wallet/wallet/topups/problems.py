"""Why a top-up bought no credits, as problems a partner's frontend can branch on."""

from shared.currencies import format_amount
from shared.errors import Conflict, Problem, Unprocessable


class CreditsCeilingReached(Unprocessable):
    """The top-up would take the student's credits over the ceiling (ceiling.py)."""

    slug = "credits-ceiling-reached"

    def __init__(self, currency: str, ceiling_minor: int, balance_minor: int):
        room = max(0, ceiling_minor - balance_minor)
        message = (f"would take your credits over the most a wallet holds, {format_amount(ceiling_minor, currency)}; "
                   f"you hold {format_amount(balance_minor, currency)}, so at most "
                   f"{format_amount(room, currency)} more")
        super().__init__(f"amount.amount_minor: {message}", currency=currency, ceiling_minor=ceiling_minor,
                         balance_minor=balance_minor, room_minor=room,
                         errors=[{"field": "amount.amount_minor", "message": message, "code": "above_credits_ceiling"}])


class TopUpChargeRefunded(Conflict):
    """A repeat (same Idempotency-Key) of a top-up whose charge was refunded because crediting it failed:
    crediting it now would give credits for money handed back."""

    slug = "top-up-charge-refunded"

    def __init__(self, charge_id: str):
        super().__init__("This top-up's card charge was refunded because the credits could not be added: nothing "
                         "was taken. Send the top-up again with a new Idempotency-Key.", charge_id=charge_id)


class TopUpNotCredited(Problem):
    """Crediting failed after the card was charged, and the charge was refunded."""

    status, slug, title = 500, "top-up-not-credited", "The top-up failed"

    def __init__(self, charge_id: str):
        super().__init__("The credits could not be added, so the card charge was refunded: nothing was taken. "
                         "Try again (with a new Idempotency-Key if you sent one).", charge_id=charge_id)
