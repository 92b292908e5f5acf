"""What can go wrong at a card processor, sorted by what the caller should do about it."""


class CardProcessorError(Exception):
    pass


class CardDeclined(CardProcessorError):
    """The card was refused; trying again won't help. `reason` is a sentence a student can read."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code, self.reason = code, reason


class ProcessorUnavailable(CardProcessorError):
    """A temporary failure: the same call with the same idempotency key may succeed later."""


class ProcessorRejected(CardProcessorError):
    """The request itself is wrong (unknown payment method, refund above the charge, key reused for
    another request): a bug or a data problem, not something a retry fixes."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code


class InvalidToken(CardProcessorError):
    """A card token the processor won't attach: unknown, used already or expired (`code`). The card is
    tokenized again; `message` says so, in the processor's words."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message
