"""The sandbox's test cards: valid numbers, brands, and the card details it refuses."""

from datetime import date

import pytest

from shared.card_data import luhn_valid
from wallet.cards.sandbox.card_numbers import (
    TEST_CARDS,
    Behaviour,
    CardDetails,
    InvalidCard,
    behaviour_of,
    brand_of,
)

TODAY = date(2026, 11, 21)


def test_every_test_card_is_a_valid_card_number():
    assert all(luhn_valid(number) for number in TEST_CARDS)
    assert not luhn_valid("4242424242424241")


@pytest.mark.parametrize(("number", "brand"), [("4242424242424242", "visa"), ("5555555555554444", "mastercard"),
                                               ("378282246310005", "amex"), ("6011111111111117", "unknown")])
def test_brand_follows_the_number_prefix(number, brand):
    assert brand_of(number) == brand


@pytest.mark.parametrize(("number", "behaviour"), [
    ("4242 4242 4242 4242", Behaviour.SUCCEEDS),
    ("5555-5555-5555-4444", Behaviour.SUCCEEDS),
    ("4000000000000002", Behaviour.DECLINED),
    ("4000000000009995", Behaviour.INSUFFICIENT_FUNDS),
    ("4000000000000119", Behaviour.FAILS_FIRST_ATTEMPT),
    ("4000000000000507", Behaviour.UNAVAILABLE),
])
def test_each_test_card_has_its_behaviour(number, behaviour):
    assert behaviour_of(CardDetails(number, 12, 2030, "123"), TODAY) == behaviour


@pytest.mark.parametrize(("card", "field", "code"), [
    (CardDetails("4242424242424241", 12, 2030, "123"), "number", "invalid_number"),  # fails the Luhn check
    (CardDetails("378282246310005", 12, 2030, "123"), "number", "not_a_test_card"),  # real-looking, not a test card
    (CardDetails("4242424242424242", 10, 2026, "123"), "exp_year", "expired_card"),  # expired last month
    (CardDetails("4242424242424242", 12, 2030, "12a"), "cvc", "invalid_cvc"),
    (CardDetails("4242424242424242", 12, 2030, "12"), "cvc", "invalid_cvc"),
    (CardDetails("4242424242424242", 12, 2030, "12345"), "cvc", "invalid_cvc"),
])
def test_card_details_it_refuses_name_the_field(card, field, code):
    with pytest.raises(InvalidCard) as refused:
        behaviour_of(card, TODAY)
    assert (refused.value.field, refused.value.code) == (field, code)


def test_card_details_never_show_the_number_or_the_code():
    card = CardDetails("4000000000009995", 12, 2030, "987")
    assert "4000000000009995" not in repr(card) and "987" not in repr(card)
    assert "9995" in repr(card)


def test_a_card_expiring_this_month_is_still_good():
    assert behaviour_of(CardDetails("4242424242424242", 11, 2026, "123"), TODAY) == Behaviour.SUCCEEDS
