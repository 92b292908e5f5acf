"""A processor's answer as the problem a partner's frontend gets (HTTP routes only; event handlers
turn declines into PaymentFailed and let temporary failures retry through the consumer)."""

from shared.errors import Problem, Unprocessable
from wallet.cards.errors import (
    CardDeclined,
    CardProcessorError,
    InvalidToken,
    ProcessorRejected,
    ProcessorUnavailable,
)


def as_problem(error: CardProcessorError) -> Problem:
    if isinstance(error, CardDeclined):
        return Problem(error.reason, status=402, slug=error.code.replace("_", "-"), title="Payment declined",
                       code=error.code)
    if isinstance(error, InvalidToken):
        return Unprocessable(f"token: {error.message}", slug="card-token-refused", title="Card token refused",
                             code=error.code, errors=[{"field": "token", "message": error.message,
                                                       "code": error.code}])
    if isinstance(error, ProcessorUnavailable):
        return Problem("The card processor did not answer; nothing was charged. Try again in a moment.",
                       status=503, slug="processor-unavailable", title="Card processor unavailable",
                       headers={"Retry-After": "2"})
    if isinstance(error, ProcessorRejected) and error.code == "idempotency_key_reused":
        return Unprocessable("This Idempotency-Key was used for a different payment; use a new key.",
                             slug="idempotency-key-reused")
    return Problem("The card processor refused the request; nothing was charged.", status=502,
                   slug="processor-error", title="Card processor error")
