"""The sandbox behaves like a real card processor: single-use tokens attached as a merchant's cards,
ids, idempotency keys, declines, retryable failures, refunds within the charge, and state shared by
every wallet replica."""

import asyncio
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from shared.events import Money
from wallet.cards.errors import CardDeclined, InvalidToken, ProcessorRejected, ProcessorUnavailable
from wallet.cards.sandbox.card_numbers import CardDetails
from wallet.cards.sandbox.control import end_outage, start_outage
from wallet.cards.sandbox.processor import SandboxProcessor
from wallet.cards.sandbox.tokens import issue_token

EUR_10 = Money(amount_minor=1000, currency="EUR")


async def card_token(engine, number: str) -> SecretStr:
    """A token from the sandbox's tokenization, as a partner's page gets it."""
    issued = await issue_token(engine, CardDetails(number, 12, datetime.now(UTC).year + 1, "123"))
    return SecretStr(issued.token)


async def token_for(processor: SandboxProcessor, number: str) -> str:
    """The merchant's card for the number: tokenized, then attached. Charges name it."""
    return (await processor.attach(await card_token(processor._engine, number))).id


@pytest.fixture
def sandbox(wallet, mkt) -> SandboxProcessor:
    return SandboxProcessor(wallet.runtime.engine, mkt)


async def test_a_charge_has_an_id_and_its_key_gives_the_same_charge_again(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4242424242424242")
    first = await sandbox.charge(token, EUR_10, "key-1")
    again = await sandbox.charge(token, EUR_10, "key-1")
    other = await sandbox.charge(token, EUR_10, "key-2")
    assert first.id.startswith("ch_") and first == again
    assert other.id != first.id
    assert await wallet.card_charges(mkt) == 2


async def test_concurrent_calls_with_one_key_charge_once(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4242424242424242")
    charges = await asyncio.gather(*(sandbox.charge(token, EUR_10, "racing") for _ in range(8)))
    assert len({charge.id for charge in charges}) == 1
    assert await wallet.card_charges(mkt, "racing") == 1


async def test_a_replica_sees_the_charges_another_made(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4242424242424242")
    first = await sandbox.charge(token, EUR_10, "key-1")
    assert await SandboxProcessor(wallet.runtime.engine, mkt).charge(token, EUR_10, "key-1") == first


async def test_a_key_reused_for_another_amount_is_rejected(sandbox):
    token = await token_for(sandbox, "4242424242424242")
    await sandbox.charge(token, EUR_10, "key-1")
    with pytest.raises(ProcessorRejected, match="idempotency_key_reused"):
        await sandbox.charge(token, Money(amount_minor=999, currency="EUR"), "key-1")


@pytest.mark.parametrize(("number", "code"), [("4000000000000002", "card_declined"),
                                              ("4000000000009995", "insufficient_funds")])
async def test_declining_cards_decline_every_time_with_a_code_and_a_reason(wallet, mkt, sandbox, number, code):
    token = await token_for(sandbox, number)
    for _ in range(2):
        with pytest.raises(CardDeclined) as declined:
            await sandbox.charge(token, EUR_10, "key-1")
        assert declined.value.code == code and declined.value.reason.endswith(".")
    assert await wallet.card_charges(mkt) == 0


async def test_the_intermittent_card_fails_its_first_attempt_per_key_then_succeeds(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4000000000000119")
    with pytest.raises(ProcessorUnavailable):
        await sandbox.charge(token, EUR_10, "key-1")
    charge = await sandbox.charge(token, EUR_10, "key-1")
    assert await sandbox.charge(token, EUR_10, "key-1") == charge
    with pytest.raises(ProcessorUnavailable):  # a new key starts over
        await sandbox.charge(token, EUR_10, "key-2")
    assert await wallet.card_charges(mkt) == 1


async def test_the_outage_card_never_gets_through(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4000000000000507")
    for _ in range(3):
        with pytest.raises(ProcessorUnavailable):
            await sandbox.charge(token, EUR_10, "key-1")
    assert await wallet.card_charges(mkt) == 0


async def test_refunds_have_ids_honour_keys_and_never_exceed_the_charge(sandbox):
    token = await token_for(sandbox, "4242424242424242")
    charge = await sandbox.charge(token, EUR_10, "key-1")
    part = Money(amount_minor=600, currency="EUR")
    refund = await sandbox.refund(charge.id, part, "refund-1")
    assert refund.id.startswith("re_") and refund.charge_id == charge.id
    assert await sandbox.refund(charge.id, part, "refund-1") == refund  # same key: no second refund
    with pytest.raises(ProcessorRejected, match="refund_exceeds_charge"):
        await sandbox.refund(charge.id, part, "refund-2")
    await sandbox.refund(charge.id, Money(amount_minor=400, currency="EUR"), "refund-3")


async def test_concurrent_refunds_together_stay_within_the_charge(sandbox):
    token = await token_for(sandbox, "4242424242424242")
    charge = await sandbox.charge(token, EUR_10, "key-1")
    results = await asyncio.gather(*(sandbox.refund(charge.id, Money(amount_minor=300, currency="EUR"), f"r-{i}")
                                     for i in range(5)), return_exceptions=True)
    assert sum(not isinstance(r, Exception) for r in results) == 3
    assert all(isinstance(r, ProcessorRejected) for r in results if isinstance(r, Exception))


async def test_another_marketplace_cannot_use_a_token_or_refund_a_charge(wallet, sandbox):
    token = await token_for(sandbox, "4242424242424242")
    charge = await sandbox.charge(token, EUR_10, "key-1")
    stranger = SandboxProcessor(wallet.runtime.engine, "mkt-someone-else")
    with pytest.raises(ProcessorRejected, match="no_such_payment_method"):
        await stranger.charge(token, EUR_10, "key-1")
    with pytest.raises(ProcessorRejected, match="no_such_charge"):
        await stranger.refund(charge.id, EUR_10, "refund-1")


async def test_an_outage_of_the_merchant_account_fails_charges_and_refunds_until_it_ends(wallet, mkt, sandbox):
    token = await token_for(sandbox, "4242424242424242")
    charge = await sandbox.charge(token, EUR_10, "before-the-outage")
    other_marketplace = SandboxProcessor(wallet.runtime.engine, f"{mkt}-other")
    other_token = await token_for(other_marketplace, "4242424242424242")

    await start_outage(wallet.runtime.engine, mkt)
    with pytest.raises(ProcessorUnavailable):
        await sandbox.charge(token, EUR_10, "during-the-outage")
    with pytest.raises(ProcessorUnavailable):
        await sandbox.refund(charge.id, EUR_10, "refund-during-the-outage")
    assert await other_marketplace.charge(other_token, EUR_10, "elsewhere")  # one merchant account's outage

    await end_outage(wallet.runtime.engine, mkt)
    refund = await sandbox.refund(charge.id, EUR_10, "refund-during-the-outage")
    assert refund.amount == EUR_10
    assert await wallet.card_charges(mkt, "during-the-outage") == 0


async def test_a_token_becomes_a_card_of_the_merchant_that_attaches_it_once(wallet, mkt, sandbox):
    token = await card_token(wallet.runtime.engine, "5555555555554444")
    card = await sandbox.attach(token)
    assert card.id.startswith("card_") and (card.brand, card.last4, card.exp_month) == ("mastercard", "4444", 12)
    for merchant in (sandbox, SandboxProcessor(wallet.runtime.engine, "mkt-someone-else")):
        with pytest.raises(InvalidToken) as refused:
            await merchant.attach(token)
        assert refused.value.code == "token_used" and "tokenize the card again" in refused.value.message
    assert (await sandbox.charge(card.id, EUR_10, "key-1")).payment_method_id == card.id


async def test_concurrent_attaches_of_one_token_make_one_card(wallet, sandbox):
    token = await card_token(wallet.runtime.engine, "4242424242424242")
    results = await asyncio.gather(*(sandbox.attach(token) for _ in range(6)), return_exceptions=True)
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, InvalidToken) and r.code == "token_used" for r in results if isinstance(r, Exception))


async def test_an_unknown_or_expired_token_is_refused(wallet, sandbox):
    with pytest.raises(InvalidToken) as unknown:
        await sandbox.attach(SecretStr("tok_nobody_issued_this"))
    assert unknown.value.code == "token_unknown"
    token = await card_token(wallet.runtime.engine, "4242424242424242")
    await wallet.execute("UPDATE sandbox_tokens SET expires_at = now() - interval '1 second' "
                         "WHERE token_sha256 = encode(sha256(convert_to(:token, 'UTF8')), 'hex')",
                         token=token.get_secret_value())
    with pytest.raises(InvalidToken) as expired:
        await sandbox.attach(token)
    assert expired.value.code == "token_expired"
