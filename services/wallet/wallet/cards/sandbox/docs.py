"""The sandbox as a partner's developer reads about it: where a page tokenizes a card, and what each
test card does. Written from the cards themselves, so the API docs can't drift from the sandbox."""

from wallet.cards.sandbox.card_numbers import DECLINES, TEST_CARDS, Behaviour, brand_of
from wallet.cards.sandbox.public_api import TOKENS_PATH
from wallet.cards.sandbox.tokens import TOKEN_LIFETIME

OUTCOMES = {
    Behaviour.SUCCEEDS: "charges succeed",
    Behaviour.DECLINED: f"charges are declined: `{DECLINES[Behaviour.DECLINED][0]}` (402 for a top-up)",
    Behaviour.INSUFFICIENT_FUNDS: f"charges are declined: `{DECLINES[Behaviour.INSUFFICIENT_FUNDS][0]}` "
                                  "(402 for a top-up)",
    Behaviour.FAILS_FIRST_ATTEMPT: "the first attempt per idempotency key fails (retryable), the retry succeeds",
    Behaviour.UNAVAILABLE: "every attempt fails (retryable): a processor outage",
}


def grouped(number: str) -> str:
    """4242424242424242 as a card shows it: 4242 4242 4242 4242."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def table_of_test_cards() -> str:
    rows = [f"| {grouped(number)} | {brand_of(number)} | {OUTCOMES[behaviour]} |"
            for number, behaviour in TEST_CARDS.items()]
    return "\n".join(["| number | brand | charging it |", "| --- | --- | --- |", *rows])


def tokenization_guide() -> str:
    """How a card is saved with the sandbox processor, for the payment-method operation's description."""
    return f"""\
Card numbers and security codes never reach this API (any endpoint refuses them with 422
`card-data-refused`). The partner's page sends the card to the card processor, which answers a
single-use token; the token is all this operation takes.

**Sandbox processor**: `POST {TOKENS_PATH}` on the wallet's host (not under `/v1`, not through the
gateway; any origin may call it from a browser), body
`{{"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}}`, answers 201
`{{"token": "tok_…", "card": {{"brand", "last4", "exp_month", "exp_year"}}, "expires_at"}}`. It checks the
number (Luhn, and a test card), an expiry not in the past and a CVC of 3 or 4 digits, refusing with 422
`{{"error": {{"code", "param", "message"}}}}`. A token saves one card once, within
{TOKEN_LIFETIME.seconds // 60} minutes; a used, unknown or expired one is refused here with 422
`card-token-refused` (`code`: `token_used`, `token_unknown`, `token_expired`).

Test cards (any expiry not in the past, any CVC of 3 or 4 digits; any other number is refused):

{table_of_test_cards()}
"""
