"""Each marketplace takes money only in the currencies it accepts (issue 13, PL-1): the wallet keeps
them from the gateway's `marketplace_registered`, delivered here as the consumer delivers it. A
marketplace the wallet has not heard of, or one registered before currencies were named, accepts any
currency in circulation."""

import pytest


async def registered(wallet, mkt: str, currencies: list[str] | None) -> None:
    await wallet.handle(wallet.marketplace_registered(mkt, currencies))


@pytest.mark.rule("PL-1")
async def test_a_top_up_in_a_currency_the_marketplace_does_not_accept_is_refused_before_any_charge(wallet, mkt):
    await registered(wallet, mkt, ["EUR", "CHF"])
    card = await wallet.add_card(mkt, "stu")
    refused = await wallet.top_up(mkt, "stu", 2500, card, currency="USD")
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["type"] == "/problems/currency-not-accepted"
    assert [error["field"] for error in problem["errors"]] == ["amount.currency"]
    assert problem["accepted_currencies"] == ["EUR", "CHF"] and "USD" in problem["detail"]
    assert await wallet.processor_charges(mkt) == []
    assert await wallet.scalar("SELECT count(*) FROM accounts WHERE marketplace_id = :mkt AND currency = 'USD'",
                               mkt=mkt) == 0
    for accepted in ("EUR", "CHF"):
        assert (await wallet.top_up(mkt, "stu", 2500, card, currency=accepted)).status_code == 201
        assert await wallet.credits(mkt, "stu", accepted) == 2500


@pytest.mark.rule("PL-1")
async def test_each_marketplace_is_held_to_its_own_currencies(wallet, mkt):
    other = f"{mkt}-other"
    await registered(wallet, mkt, ["EUR"])
    await registered(wallet, other, ["USD"])
    here, there = await wallet.add_card(mkt, "stu"), await wallet.add_card(other, "stu")
    assert (await wallet.top_up(other, "stu", 900, there, currency="USD")).status_code == 201
    assert (await wallet.top_up(mkt, "stu", 900, here, currency="USD")).status_code == 422
    assert (await wallet.top_up(other, "stu", 900, there, currency="EUR")).status_code == 422


@pytest.mark.rule("PL-1")
async def test_a_registration_delivered_twice_changes_nothing(wallet, mkt):
    announcement = wallet.marketplace_registered(mkt, ["GBP"])
    await wallet.handle(announcement)
    await wallet.handle(announcement)
    card = await wallet.add_card(mkt, "stu")
    assert (await wallet.top_up(mkt, "stu", 900, card, currency="GBP")).status_code == 201
    assert (await wallet.top_up(mkt, "stu", 900, card, currency="EUR")).status_code == 422


@pytest.mark.parametrize("heard_of", [False, True], ids=["not-heard-of", "registered-without-currencies"])
async def test_an_older_marketplace_accepts_any_currency_in_circulation(wallet, mkt, heard_of):
    if heard_of:
        await registered(wallet, mkt, None)
    card = await wallet.add_card(mkt, "stu")
    for currency in ("EUR", "USD", "JPY"):
        assert (await wallet.top_up(mkt, "stu", 900, card, currency=currency)).status_code == 201
    assert (await wallet.top_up(mkt, "stu", 900, card, currency="XXX")).status_code == 422
