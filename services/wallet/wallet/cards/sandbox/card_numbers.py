"""The sandbox's test cards and what each does when charged; any other number is refused, so real
card numbers never enter the sandbox. Checked when a card is tokenized, as a processor checks the
card details its browser library sends."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from shared.card_data import luhn_valid


@dataclass(frozen=True)
class CardDetails:
    """What a partner's page sends the processor to tokenize, and nothing of ours ever holds."""

    number: str
    exp_month: int
    exp_year: int
    cvc: str

    def __repr__(self) -> str:  # in a traceback or a log line, never the number or the code
        return f"CardDetails(last4={self.number[-4:]!r}, exp={self.exp_month}/{self.exp_year})"


class InvalidCard(Exception):
    """Card details the processor won't tokenize: `field` names the one at fault, `code` is the
    processor's (invalid_number, not_a_test_card, expired_card, invalid_cvc)."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.code, self.message = field, code, message


class Behaviour(StrEnum):
    SUCCEEDS = "succeeds"
    DECLINED = "declined"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    # The first attempt for an idempotency key fails with a retryable error; a retry succeeds.
    FAILS_FIRST_ATTEMPT = "fails_first_attempt"
    # Every attempt fails with a retryable error, as in a processor outage.
    UNAVAILABLE = "unavailable"


VISA_SUCCEEDS = "4242424242424242"
MASTERCARD_SUCCEEDS = "5555555555554444"
DECLINED_CARD = "4000000000000002"
INSUFFICIENT_FUNDS_CARD = "4000000000009995"
FAILS_FIRST_ATTEMPT_CARD = "4000000000000119"
UNAVAILABLE_CARD = "4000000000000507"  # sandbox-only: a processor outage that never ends

TEST_CARDS: dict[str, Behaviour] = {
    VISA_SUCCEEDS: Behaviour.SUCCEEDS,
    MASTERCARD_SUCCEEDS: Behaviour.SUCCEEDS,
    DECLINED_CARD: Behaviour.DECLINED,
    INSUFFICIENT_FUNDS_CARD: Behaviour.INSUFFICIENT_FUNDS,
    FAILS_FIRST_ATTEMPT_CARD: Behaviour.FAILS_FIRST_ATTEMPT,
    UNAVAILABLE_CARD: Behaviour.UNAVAILABLE,
}

# (decline code, a sentence the student can be shown)
DECLINES: dict[Behaviour, tuple[str, str]] = {
    Behaviour.DECLINED: ("card_declined", "Your card was declined. Try another card or pay with credits."),
    Behaviour.INSUFFICIENT_FUNDS: ("insufficient_funds",
                                   "Your card has insufficient funds. Try another card or pay with credits."),
}


def brand_of(number: str) -> str:
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(number[:4]) <= 2720:
        return "mastercard"
    if number[:2] in {"34", "37"}:
        return "amex"
    return "unknown"


def digits_of(number: str) -> str:
    """The number without the spaces or dashes a card form groups it with."""
    return number.replace(" ", "").replace("-", "")


def behaviour_of(card: CardDetails, today: date) -> Behaviour:
    """What charging this card will do, or InvalidCard naming the field at fault. A card is good
    through the last day of its expiry month."""
    number = digits_of(card.number)
    if not number.isdigit() or not 12 <= len(number) <= 19 or not luhn_valid(number):
        raise InvalidCard("number", "invalid_number", "is not a valid card number")
    if number not in TEST_CARDS:
        raise InvalidCard("number", "not_a_test_card",
                          "is not a sandbox test card (use 4242 4242 4242 4242, or see the docs)")
    if (card.exp_year, card.exp_month) < (today.year, today.month):
        raise InvalidCard("exp_year", "expired_card", "the card has expired")
    if not (card.cvc.isdigit() and len(card.cvc) in (3, 4)):
        raise InvalidCard("cvc", "invalid_cvc", "must be 3 or 4 digits")
    return TEST_CARDS[number]
