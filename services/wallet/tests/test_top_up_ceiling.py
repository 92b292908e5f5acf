"""A student's credits stop at a ceiling per currency (ten of the largest top-ups), so that no balance
can overflow the ledger's 64-bit amounts into a 500, however many top-ups are made (issue 13)."""

import pytest

from shared.currencies import max_amount_minor
from wallet.topups import top_up
from wallet.topups.ceiling import CREDITS_CEILING_IN_LARGEST_TOP_UPS, credits_ceiling_minor

LARGEST_EUR = max_amount_minor("EUR")
CEILING_EUR = credits_ceiling_minor("EUR")


def assert_ceiling_refusal(response, balance_minor: int) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/problems/credits-ceiling-reached"
    assert [error["field"] for error in problem["errors"]] == ["amount.amount_minor"]
    assert problem["ceiling_minor"] == CEILING_EUR and problem["balance_minor"] == balance_minor
    assert problem["room_minor"] == CEILING_EUR - balance_minor


def test_the_ceiling_leaves_every_balance_far_inside_a_64_bit_integer():
    assert CEILING_EUR == CREDITS_CEILING_IN_LARGEST_TOP_UPS * LARGEST_EUR
    assert max(credits_ceiling_minor(c) for c in ("EUR", "JPY", "KWD")) * 1_000_000 < 2**63 - 1


@pytest.mark.rule("PL-3")
async def test_credits_stop_at_the_ceiling_and_the_top_up_past_it_is_refused_before_charging(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    for _ in range(CREDITS_CEILING_IN_LARGEST_TOP_UPS):
        assert (await wallet.top_up(mkt, "stu", LARGEST_EUR, card)).status_code == 201
    assert await wallet.credits(mkt, "stu") == CEILING_EUR
    assert_ceiling_refusal(await wallet.top_up(mkt, "stu", 1, card), CEILING_EUR)
    assert_ceiling_refusal(await wallet.top_up(mkt, "stu", LARGEST_EUR, card), CEILING_EUR)
    assert len(await wallet.processor_charges(mkt)) == CREDITS_CEILING_IN_LARGEST_TOP_UPS
    assert await wallet.credits(mkt, "stu") == CEILING_EUR
    assert await wallet.ledger_totals(mkt) == {"EUR": 0}


@pytest.mark.rule("PL-3")
async def test_a_top_up_that_would_cross_the_ceiling_says_how_much_room_is_left(wallet, mkt):
    card = await wallet.add_card(mkt, "stu")
    assert (await wallet.top_up(mkt, "stu", LARGEST_EUR, card)).status_code == 201
    for _ in range(CREDITS_CEILING_IN_LARGEST_TOP_UPS - 2):
        assert (await wallet.top_up(mkt, "stu", LARGEST_EUR, card)).status_code == 201
    assert (await wallet.top_up(mkt, "stu", LARGEST_EUR - 500, card)).status_code == 201
    assert_ceiling_refusal(await wallet.top_up(mkt, "stu", 501, card), CEILING_EUR - 500)
    assert (await wallet.top_up(mkt, "stu", 500, card)).status_code == 201
    assert await wallet.credits(mkt, "stu") == CEILING_EUR


@pytest.mark.rule("PL-3")
async def test_a_top_up_whose_room_a_concurrent_one_took_is_refunded_not_kept(wallet, mkt, monkeypatch):
    """The check before the charge holds no lock: a concurrent top-up may fill the room between it and
    the crediting. The crediting checks again under the account's lock, and refunds the charge."""
    card = await wallet.add_card(mkt, "stu")
    for _ in range(CREDITS_CEILING_IN_LARGEST_TOP_UPS):
        assert (await wallet.top_up(mkt, "stu", LARGEST_EUR, card)).status_code == 201

    async def saw_room_before_the_concurrent_top_up(*_args) -> None:
        return None

    monkeypatch.setattr(top_up, "check_room_before_charging", saw_room_before_the_concurrent_top_up)
    assert_ceiling_refusal(await wallet.top_up(mkt, "stu", 700, card), CEILING_EUR)
    last = (await wallet.processor_charges(mkt))[-1]
    assert (last["amount_minor"], last["status"], last["refunded_minor"]) == (700, "succeeded", 700)
    assert await wallet.credits(mkt, "stu") == CEILING_EUR
    assert await wallet.scalar("SELECT count(*) FROM top_ups WHERE marketplace_id = :mkt",
                               mkt=mkt) == CREDITS_CEILING_IN_LARGEST_TOP_UPS
