"""A card charge that succeeded is credited or refunded, never left with neither (issue 13): when the
crediting transaction fails after the charge, in its middle or at its commit, the wallet refunds the
charge through the processor, and a repeat of the request under the same Idempotency-Key credits
nothing for the refunded charge."""

import uuid

import pytest

from shared.events import CreditsToppedUp
from wallet.ledger import journal


class CreditingFailure:
    """Makes the crediting transaction of one marketplace's top-ups fail, until `stop`."""

    def __init__(self, wallet, mkt: str, monkeypatch, where: str):
        self.wallet, self.mkt, self.monkeypatch, self.where = wallet, mkt, monkeypatch, where
        self.function = f"fail_top_up_{uuid.uuid4().hex[:8]}"

    async def start(self) -> None:
        if self.where == "in-the-transaction":
            async def lost_connection(*_args, **_kwargs):
                raise ConnectionResetError("the database went away while crediting")

            self.monkeypatch.setattr(journal, "record", lost_connection)
            return
        # At commit: a deferred trigger refuses the marketplace's top-up rows when the transaction commits.
        await self.wallet.execute(
            f"CREATE FUNCTION {self.function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" IF NEW.marketplace_id = '{self.mkt}' THEN RAISE EXCEPTION 'the commit failed'; END IF;"
            " RETURN NULL; END $$")
        await self.wallet.execute(
            f"CREATE CONSTRAINT TRIGGER {self.function} AFTER INSERT ON top_ups DEFERRABLE INITIALLY DEFERRED"
            f" FOR EACH ROW EXECUTE FUNCTION {self.function}()")

    async def stop(self) -> None:
        self.monkeypatch.undo()
        await self.wallet.execute(f"DROP TRIGGER IF EXISTS {self.function} ON top_ups")
        await self.wallet.execute(f"DROP FUNCTION IF EXISTS {self.function}()")


@pytest.fixture(params=["in-the-transaction", "at-commit"])
async def crediting_fails(request, wallet, mkt, monkeypatch):
    failure = CreditingFailure(wallet, mkt, monkeypatch, request.param)
    await failure.start()
    yield failure
    await failure.stop()


async def assert_refunded_and_nothing_credited(wallet, mkt: str, amount_minor: int) -> None:
    [charge] = await wallet.processor_charges(mkt)
    assert (charge["status"], charge["amount_minor"], charge["refunded_minor"]) == ("succeeded", amount_minor,
                                                                                  amount_minor)
    assert await wallet.scalar("SELECT count(*) FROM sandbox_refunds WHERE charge_id = :id", id=charge["id"]) == 1
    assert await wallet.credits(mkt, "stu") == 0
    assert await wallet.postings_count(mkt) == 0
    assert await wallet.scalar("SELECT count(*) FROM top_ups WHERE marketplace_id = :mkt", mkt=mkt) == 0
    assert await wallet.events(mkt, CreditsToppedUp.event_type) == []


@pytest.mark.rule("PL-3")
async def test_a_charge_whose_crediting_failed_is_refunded(wallet, mkt, crediting_fails):
    card = await wallet.add_card(mkt, "stu")
    failed = await wallet.top_up(mkt, "stu", 2500, card)
    assert failed.status_code == 500, failed.text
    problem = failed.json()
    assert problem["type"] == "/problems/top-up-not-credited" and "refunded" in problem["detail"]
    await assert_refunded_and_nothing_credited(wallet, mkt, 2500)


@pytest.mark.rule("PL-4")
async def test_a_repeat_of_a_top_up_whose_charge_was_refunded_credits_nothing(wallet, mkt, crediting_fails):
    card = await wallet.add_card(mkt, "stu")
    key = {"Idempotency-Key": "refunded-1"}
    assert (await wallet.top_up(mkt, "stu", 2500, card, **key)).status_code == 500
    await crediting_fails.stop()
    repeated = await wallet.top_up(mkt, "stu", 2500, card, **key)
    assert repeated.status_code == 409, repeated.text
    assert repeated.json()["type"] == "/problems/top-up-charge-refunded"
    await assert_refunded_and_nothing_credited(wallet, mkt, 2500)
    # A new key is a new purchase.
    assert (await wallet.top_up(mkt, "stu", 2500, card, **{"Idempotency-Key": "refunded-2"})).status_code == 201
    assert await wallet.credits(mkt, "stu") == 2500
