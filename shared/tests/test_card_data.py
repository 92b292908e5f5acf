"""Card data in a request body: which fields are refused, which ids pass. Pure functions, no I/O."""

import json

import pytest

from shared.card_data import card_data_field, card_data_in_body

VISA = "4242424242424242"


@pytest.mark.parametrize(("document", "field"), [
    ({"card_number": VISA}, "card_number"),
    ({"cardNumber": "4242 4242 4242 4242"}, "cardNumber"),
    ({"Card-Number": "4242-4242-4242-4242"}, "Card-Number"),
    ({"number": "4000000000000002", "exp_month": 12}, "number"),
    ({"PAN": VISA}, "PAN"),
    ({"payment": {"card": {"number": VISA}}}, "payment.card.number"),
    ({"cards": [{"id": "pm_1"}, {"number": VISA}]}, "cards[1].number"),
    ({"card_number": 4242424242424242}, "card_number"),           # a JSON number
    ({"cc_number": "6011111111111117"}, "cc_number"),
    ({"exp": VISA}, "exp"),
    # A security code under a security-code name: 3 or 4 digits, as text or a number.
    ({"token": "tok_1", "cvc": "123"}, "cvc"),
    ({"CVV": "1234"}, "CVV"),
    ({"card": {"cvc2": 987}}, "card.cvc2"),
    ({"security_code": "042"}, "security_code"),
    ({"cardSecurityCode": "042"}, "cardSecurityCode"),
    ({"card_cvv": "042"}, "card_cvv"),
    ({"cvc": ["123"]}, "cvc[0]"),
    # Any bare card number of a known brand, whatever its field's name.
    ({"note": VISA}, "note"),
    ({"reference": "5555 5555 5555 4444"}, "reference"),
    ({"items": ["x", "378282246310005"]}, "items[1]"),             # Amex, 15 digits
    ("4242 4242 4242 4242", "body"),
])
def test_card_data_is_found_and_its_field_named(document, field):
    assert card_data_field(document) == field


@pytest.mark.parametrize("document", [
    {"token": "tok_3f9c2a7e1b8d4c6f0a5e9b2d7c1f4a8e"},
    {"card": {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}},
    {"number": "4242424242424241"},                 # fails the Luhn check
    {"number": "424242424242"},                     # 12 digits
    {"number": "42424242424242424242"},             # 20 digits
    {"number": "4242  4242 4242 4242"},             # two separators in a row: not a card as typed
    {"card_number": True},
    {"cvc": "12"}, {"cvc": "12345"}, {"cvc": "abc"}, {"cvc": True},
    {"amount": {"amount_minor": 123, "currency": "EUR"}},
    {"booking_id": "123"},                          # three digits under a name that is no code's
    # Luhn-valid ids that are no known brand's card: the first digit, or the length, is no brand's.
    {"order_id": "1234567812345670"},
    {"discord_user_id": "1139467201736638482"},     # a snowflake id: starts with 1
    {"external_id": "5555555555554444554"},         # a Mastercard prefix, but 19 digits
    # A card number inside free text is not looked for (a sentence is no card field).
    {"message": "my card is 4242 4242 4242 4242"},
    {"phone_number": "+4915123456789"},
    {"starts_at": "2026-12-01T10:00:00Z", "ms": 1764583200000},
    [], {}, None, 42, "text",
])
def test_what_is_no_card_data_passes(document):
    assert card_data_field(document) is None


@pytest.mark.parametrize("luhn_valid_id", ["1234567812345670", "1139467201736638482", "5555555555554444554"])
def test_a_luhn_valid_digit_id_is_refused_under_a_card_name_only_the_documented_trade_off(luhn_valid_id):
    # An order number that happens to pass the Luhn check, sent as "number", is indistinguishable
    # from a card, so refused; under its own name it passes, being no known brand's card.
    assert card_data_field({"number": luhn_valid_id}) == "number"
    assert card_data_field({"order_number": luhn_valid_id}) is None


@pytest.mark.parametrize(("body", "field"), [
    (json.dumps({"card_number": VISA}).encode(), "card_number"),
    (b'{"n": 1, "card": {"number": "4242 4242 4242 4242"}}', "card.number"),
    (b'{"cvc": 123}', "cvc"),
    (b'{"Security-Code": "123"}', "Security-Code"),
    # Escapes can't slip a card past the quick check.
    (b'{"c\\u0076c": "123"}', "cvc"),
    (b'{"number": "\\u0034242424242424242"}', "number"),
])
def test_a_body_holding_card_data_is_parsed_and_refused(body, field):
    assert card_data_in_body(body) == field


@pytest.mark.parametrize("body", [
    b"",
    b'{"booking_id": "b-1", "amount": {"amount_minor": 5000, "currency": "EUR"}}',
    b'{"card_number": 4242424242424242',           # not JSON: the route refuses it as usual
    b"card_number=4242424242424242",               # a form body: no API of ours takes one
    b'{"token": "tok_3f9c2a7e1b8d4c6f0a5e9b2d7c1f4a8e"}',
])
def test_a_body_without_card_data_passes(body):
    assert card_data_in_body(body) is None
