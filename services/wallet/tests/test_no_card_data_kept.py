"""No card number, security code or card token is ever stored or logged (issue 14).

A whole card flow runs with every log line captured (structlog rendered as the services render it in
production, and every standard library logger at DEBUG, SQLAlchemy's statements included): tokenize,
send raw card data to the wallet by mistake (refused), save the card by its token, spend the token
twice (refused), top up by card, pay a booking by card and have it refunded to the card, a declined
card too. Then every captured line, and every text, JSON and binary column of every table of the
wallet's database (the sandbox processor's tables included), is searched for the card numbers (as
typed, with spaces or dashes), the security code next to a card-like key, and the tokens.
"""

import contextlib
import io
import logging
import re
import uuid
from collections.abc import Iterator

import structlog

from shared.observability.logging import configure_logging
from wallet.cards.sandbox.card_numbers import DECLINED_CARD, TEST_CARDS, VISA_SUCCEEDS
from wallet.cards.sandbox.docs import grouped

CVC = "9731"  # four digits no test of the suite uses
CVC_NEAR_A_CARD_KEY = re.compile(rf"(?i)(cvc|cvv|csc|security.?code)\W{{0,8}}{CVC}")
TEXT_COLUMNS = """
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb',
                                                    'bytea', 'ARRAY')
    ORDER BY table_name, column_name"""


@contextlib.contextmanager
def every_log_line(caplog) -> Iterator[io.StringIO]:
    """structlog's lines through the services' own JSON pipeline (shared.observability.logging), into
    a buffer instead of stderr; the standard library's records at DEBUG through caplog."""
    saved = structlog.get_config()
    lines = io.StringIO()
    configure_logging("wallet", "DEBUG", json=True)
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(lines), cache_logger_on_first_use=False)
    caplog.set_level(logging.DEBUG)
    try:
        yield lines
    finally:
        structlog.configure(**saved)
        structlog.contextvars.unbind_contextvars("service")


def spellings(number: str) -> list[str]:
    return [number, grouped(number), grouped(number).replace(" ", "-")]


async def every_stored_value(wallet) -> list[str]:
    values = []
    for table, column, data_type in await wallet.rows(TEXT_COLUMNS):
        as_text = f'encode("{column}", \'escape\')' if data_type == "bytea" else f'"{column}"::text'
        values += [row[0] for row in await wallet.rows(f'SELECT {as_text} FROM "{table}" WHERE "{column}" IS NOT NULL')]
    return values


async def test_no_card_number_security_code_or_token_is_stored_or_logged(wallet, mkt, caplog):
    tokens: list[str] = []
    with every_log_line(caplog) as structured:
        async def tokenize(number: str) -> str:
            answer = await wallet.client.post("/sandbox-processor/v1/tokens", headers={"Origin": "https://p.example"},
                                              json={"number": grouped(number), "exp_month": 12, "exp_year": 2099,
                                                    "cvc": CVC})
            assert answer.status_code == 201, answer.text
            tokens.append(answer.json()["token"])
            return tokens[-1]

        def key() -> dict:
            return {"Idempotency-Key": uuid.uuid4().hex}

        # Raw card data sent to the wallet by mistake: refused, and kept nowhere either.
        for body in ({"card_number": VISA_SUCCEEDS, "exp_month": 12, "exp_year": 2099, "cvc": CVC},
                     {"token": "tok_x", "card": {"number": grouped(VISA_SUCCEEDS), "security_code": CVC}}):
            refused = await wallet.client.post("/v1/payment-methods", headers=wallet.auth(mkt, "stu", **key()),
                                               json=body)
            assert refused.status_code == 422 and refused.json()["type"] == "/problems/card-data-refused"
        refused = await wallet.client.post("/v1/wallet/top-ups", headers=wallet.auth(mkt, "stu", **key()), json={
            "amount": {"amount_minor": 100, "currency": "EUR"}, "payment_method_id": grouped(VISA_SUCCEEDS)})
        assert refused.status_code == 422 and refused.json()["type"] == "/problems/card-data-refused"

        token = await tokenize(VISA_SUCCEEDS)
        saved = await wallet.save_card(mkt, "stu", token, **key())
        assert saved.status_code == 201, saved.text
        card = saved.json()["id"]
        spent = await wallet.save_card(mkt, "stu-2", token, **key())
        assert spent.status_code == 422 and spent.json()["code"] == "token_used"

        topped_up = await wallet.top_up(mkt, "stu", 3000, card, **key())
        assert topped_up.status_code == 201, topped_up.text
        await wallet.handle(wallet.requested(mkt, "b-card", "stu", 2000, method="card", payment_method_id=card))
        assert await wallet.transaction_kinds(mkt, "b-card") == ["capture"]
        await wallet.handle(wallet.declined(mkt, "b-card", "stu", 2000))
        assert await wallet.held(mkt, "b-card") == 0, "refunded to the card"

        declining = (await wallet.save_card(mkt, "stu", await tokenize(DECLINED_CARD), **key())).json()["id"]
        assert (await wallet.top_up(mkt, "stu", 1000, declining, **key())).status_code == 402

    logged = structured.getvalue().splitlines() + [
        logging.Formatter().format(record) for record in caplog.records]
    assert any("/v1/payment-methods" in line for line in structured.getvalue().splitlines()), "logs were captured"
    stored = await every_stored_value(wallet)
    assert stored, "the database was read"
    for where, texts in (("a log line", logged), ("a stored value", stored)):
        for text in texts:
            for number in TEST_CARDS:
                for spelling in spellings(number):
                    assert spelling not in text, f"card number in {where}: {text[:300]}"
            assert not CVC_NEAR_A_CARD_KEY.search(text), f"security code in {where}: {text[:300]}"
            for token in tokens:
                assert token not in text, f"card token in {where}: {text[:300]}"
