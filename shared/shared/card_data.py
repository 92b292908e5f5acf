"""Card numbers and security codes are refused by every endpoint of ours: cards are tokenized with the
card processor in the partner's browser, and only the processor's token reaches us. A raw card that
got in would land in logs, idempotency records and error reports, and put every service in PCI scope.

`card_data_field` is the rule, a pure function over a parsed JSON document; the request guard
(shared.request_guard) answers a body it finds card data in with `refuse_card_data`.

What counts as card data:
- a field named like card data (`number`, `card_number`, `pan`, `exp...`, `cvc`...; any case,
  `cardNumber` and `card-number` alike, nested anywhere) holding a card number: 13 to 19 digits,
  single spaces or dashes between them allowed, passing the Luhn check; or, under a security-code name
  (`cvc`, `cvv`, `security_code`...), 3 or 4 digits;
- any string anywhere that is nothing but such a card number and starts as a known brand's numbers
  do, with that brand's length (Visa 4..., Mastercard 51-55 and 2221-2720, Amex 34/37, ...).

The trade-off: a partner's own numeric id (an order number, a phone number without its "+") that is
13 to 19 digits, happens to pass the Luhn check (one in ten do) and is sent under a card-like name,
or is a bare digit string with a brand's prefix and length, is refused; the partner sends it with a
prefix or as another field. Ids of ours are never digit strings (`pm_...`, UUIDs). Free text (a chat
message quoting a card) is not searched: a sentence is no card field, and searching prose for digit
runs would refuse too much that isn't a card.
"""

import json
import re
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import JSONResponse

from shared.errors import problem_response

# Where a partner's page tokenizes a card. The sandbox processor (the only adapter so far) serves it
# on the wallet; a real processor's is its browser library, named in its own documentation.
TOKENIZATION_ROUTE = "POST /sandbox-processor/v1/tokens"

_PAN_NAMES = {"number", "pan", "card", "cardnumber", "cardno", "cardnum", "cc", "ccnumber", "ccnum", "ccno",
              "creditcard", "creditcardnumber", "debitcard", "debitcardnumber", "primaryaccountnumber"}
_CVC_NAMES = {"cvc", "cvv", "cvc2", "cvv2", "csc", "cvn", "cvd", "securitycode", "cardcode",
              "cardverificationcode", "cardverificationvalue"}
_CVC_ENDINGS = ("cvc", "cvv", "cvc2", "cvv2", "securitycode")  # card_cvc, cardCvv, card_security_code

# 13 to 19 digits, a single space or dash allowed between two of them ("4242 4242 4242 4242").
_CARD_NUMBER = re.compile(r"\d(?:[ -]?\d){12,18}")
_SECURITY_CODE = re.compile(r"\d{3,4}")

# (lowest, highest, lengths): the numbers a known brand issues, by their first len(lowest) digits and
# their length; a number outside every range is no card of a known brand.
_BRANDS = (
    ("4", "4", (13, 16, 19)),                    # Visa
    ("51", "55", (16,)), ("2221", "2720", (16,)),  # Mastercard
    ("34", "34", (15,)), ("37", "37", (15,)),      # American Express
    ("6011", "6011", range(16, 20)), ("644", "649", range(16, 20)), ("65", "65", range(16, 20)),  # Discover
    ("3528", "3589", range(16, 20)),              # JCB
    ("300", "305", range(14, 20)), ("36", "36", range(14, 20)), ("38", "39", range(14, 20)),  # Diners
    ("62", "62", range(16, 20)),                  # UnionPay
)

# The request guard parses a body only when it might hold card data: a run of 13 digits (with
# separators), a key that might be a security code's, or a \u escape (which can spell digits and
# letters the other two would miss).
_MIGHT_HOLD_CARD_DATA = re.compile(rb"(?:\d[ -]?){12}\d|\\u|(?i:cvc|cvv|csc|cvn|cvd|security|card.?code|"
                                   rb"verification)")


def card_data_field(document) -> str | None:
    """The path of the first field holding card data (`card.number`, `items[2].cvc`), or None."""
    return next(_card_data_paths(document, "", ""), None)


def card_data_in_body(body: bytes) -> str | None:
    """`card_data_field` of a JSON request body; None for a body that holds none or isn't JSON (the
    route refuses that with its usual answer). Parses only a body that might hold card data."""
    if not _MIGHT_HOLD_CARD_DATA.search(body):
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return card_data_field(document)


def refuse_card_data(request: Request, field: str) -> JSONResponse:
    """The answer to a request carrying card data: how to tokenize instead. Never the value itself."""
    message = "looks like a card number or security code; send the card processor's token instead"
    return problem_response(
        request, 422, "card-data-refused", "Card data refused",
        f"{field}: card numbers and security codes are never sent to this API. Tokenize the card with the "
        f"card processor from the browser ({TOKENIZATION_ROUTE}; see POST /v1/payment-methods in the API "
        "docs) and send its token instead: POST /v1/payment-methods {\"token\": \"tok_...\"}.",
        errors=[{"field": field, "message": message, "code": "card_data"}], tokenize_at=TOKENIZATION_ROUTE)


def _card_data_paths(value, path: str, name: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _card_data_paths(item, f"{path}.{key}" if path else str(key), _normalized(str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):  # {"cvc": ["123"]}: each item under the list's name
            yield from _card_data_paths(item, f"{path}[{index}]", name)
    elif _holds_card_data(value, name):
        yield path or "body"


def _holds_card_data(value, name: str) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return False
    # A JSON number is a card number or a code too: 4242424242424242, or 123 (or 12 for "012").
    text = value.strip() if isinstance(value, str) else str(value)
    if _is_security_code_name(name):
        return _is_security_code(value, text) or _is_card_number(text)
    if _is_card_name(name):
        return _is_card_number(text)
    return isinstance(value, str) and _is_card_number(text) and _known_brand(_digits(text))


def _normalized(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _is_card_name(name: str) -> bool:
    return name in _PAN_NAMES or name.endswith("cardnumber") or name.startswith("exp")


def _is_security_code_name(name: str) -> bool:
    return name in _CVC_NAMES or name.endswith(_CVC_ENDINGS)


def _is_security_code(value: str | int, text: str) -> bool:
    return 0 <= value <= 9999 if isinstance(value, int) else bool(_SECURITY_CODE.fullmatch(text))


def _is_card_number(text: str) -> bool:
    return bool(_CARD_NUMBER.fullmatch(text)) and luhn_valid(_digits(text))


def _digits(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def luhn_valid(digits: str) -> bool:
    """The check digit every card number carries (ISO/IEC 7812)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _known_brand(digits: str) -> bool:
    return any(low <= digits[:len(low)] <= high and len(digits) in lengths for low, high, lengths in _BRANDS)
