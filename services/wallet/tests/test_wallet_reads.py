"""Balances, statements, the trial balance and a booking's payment, each to whom it belongs (PL-1, PL-2)."""

import pytest

from shared.auth import Role


async def student_with_history(wallet, mkt: str, student: str = "stu") -> None:
    card = await wallet.add_card(mkt, student)
    for amount in (1000, 2000, 3000):
        await wallet.top_up(mkt, student, amount, card)
    await wallet.handle(wallet.requested(mkt, "b-1", student, 2500))


async def test_the_statement_pages_newest_first_with_the_balance_after_each_line(wallet, mkt):
    await student_with_history(wallet, mkt)
    headers = wallet.auth(mkt, "stu")
    first = (await wallet.client.get("/v1/wallet/statement", params={"limit": 2}, headers=headers)).json()
    rest = (await wallet.client.get("/v1/wallet/statement", params={"limit": 2, "cursor": first["next_cursor"]},
                                    headers=headers)).json()
    lines = first["items"] + rest["items"]
    assert rest["next_cursor"] is None
    assert [(line["transaction_kind"], line["amount"]["amount_minor"], line["balance_after"]["amount_minor"])
            for line in lines] == [("capture", -2500, 3500), ("top_up", 3000, 6000), ("top_up", 2000, 3000),
                                   ("top_up", 1000, 1000)]
    assert lines[0]["booking_id"] == "b-1" and lines[0]["account_kind"] == "student_credits"
    balance = (await wallet.client.get("/v1/wallet/balance", headers=headers)).json()
    assert balance == {"user_id": "stu", "balances": [
        {"account_kind": "student_credits", "balance": {"amount_minor": 3500, "currency": "EUR"}}]}


async def test_a_cursor_the_api_did_not_give_is_refused(wallet, mkt):
    refused = await wallet.client.get("/v1/wallet/statement", params={"cursor": "not-a-cursor"},
                                      headers=wallet.auth(mkt, "stu"))
    assert refused.status_code == 422 and refused.json()["type"] == "/problems/invalid-cursor"


@pytest.mark.rule("PL-3")
async def test_staff_see_a_trial_balance_that_sums_to_zero(wallet, mkt):
    await student_with_history(wallet, mkt)
    await wallet.handle(wallet.delivered(mkt, "b-1", "stu", 2500, fee_bps=2000))
    trial = (await wallet.client.get("/v1/ledger/trial-balance", headers=wallet.auth(mkt, "ops", Role.STAFF))).json()
    by_kind = {line["account_kind"]: line["balance"]["amount_minor"] for line in trial["accounts"]}
    assert by_kind == {"card_processor": -6000, "platform_escrow": 0, "platform_fee_income": 500,
                       "provider_earnings": 2000, "student_credits": 3500}
    assert trial["totals"] == [{"amount_minor": 0, "currency": "EUR"}] and trial["balanced"] is True


@pytest.mark.rule("PL-2")
async def test_only_staff_see_the_trial_balance(wallet, mkt):
    for role in (Role.STUDENT, Role.PROVIDER):
        refused = await wallet.client.get("/v1/ledger/trial-balance", headers=wallet.auth(mkt, "someone", role))
        assert refused.status_code == 403


@pytest.mark.rule("PL-2")
async def test_a_student_cannot_read_another_students_wallet(wallet, mkt):
    await student_with_history(wallet, mkt, "stu-a")
    for path in ("/v1/wallet/statement", "/v1/wallet/balance"):
        refused = await wallet.client.get(path, params={"user_id": "stu-a"}, headers=wallet.auth(mkt, "stu-b"))
        assert refused.status_code == 404 and refused.json()["type"] == "/problems/wallet-not-found"
        assert "stu-a" not in refused.text.replace("user_id=stu-a", "")
        provider = await wallet.client.get(path, params={"user_id": "stu-a"},
                                           headers=wallet.auth(mkt, "pro-1", Role.PROVIDER))
        assert provider.status_code == 404
    own = (await wallet.client.get("/v1/wallet/statement", headers=wallet.auth(mkt, "stu-b"))).json()
    assert own["items"] == []


@pytest.mark.rule("PL-2")
async def test_staff_read_any_users_wallet_in_their_marketplace(wallet, mkt):
    await student_with_history(wallet, mkt)
    staff = wallet.auth(mkt, "ops", Role.STAFF)
    statement = (await wallet.client.get("/v1/wallet/statement", params={"user_id": "stu"}, headers=staff)).json()
    assert len(statement["items"]) == 4


@pytest.mark.rule("PL-1")
async def test_another_marketplace_sees_nothing_of_this_ones_wallets(wallet, mkt):
    await student_with_history(wallet, mkt)
    other = f"{mkt}-other"
    same_user_elsewhere = wallet.auth(other, "stu")
    other_staff = wallet.auth(other, "ops", Role.STAFF)
    assert (await wallet.client.get("/v1/wallet/balance", headers=same_user_elsewhere)).json()["balances"] == []
    assert (await wallet.client.get("/v1/wallet/statement", headers=same_user_elsewhere)).json()["items"] == []
    assert (await wallet.client.get("/v1/wallet/statement", params={"user_id": "stu"},
                                    headers=other_staff)).json()["items"] == []
    trial = (await wallet.client.get("/v1/ledger/trial-balance", headers=other_staff)).json()
    assert trial["accounts"] == [] and trial["totals"] == []
    assert (await wallet.client.get("/v1/payment-methods", headers=same_user_elsewhere)).json()["items"] == []
    payments = await wallet.client.get("/v1/payments", params={"booking_id": "b-1"}, headers=other_staff)
    assert payments.json()["items"] == []


@pytest.mark.rule("PL-1")
async def test_another_marketplaces_card_cannot_pay_here(wallet, mkt):
    card_elsewhere = await wallet.add_card(f"{mkt}-other", "stu")
    refused = await wallet.top_up(mkt, "stu", 1000, card_elsewhere)
    assert refused.status_code == 404
    await wallet.handle(wallet.requested(mkt, "b-1", "stu", 1000, method="card", payment_method_id=card_elsewhere))
    assert await wallet.card_charges(mkt) == 0 and await wallet.card_charges(f"{mkt}-other") == 0


@pytest.mark.rule("PL-2")
async def test_a_bookings_payment_is_shown_to_its_student_provider_and_staff_only(wallet, mkt):
    await student_with_history(wallet, mkt)
    await wallet.handle(wallet.declined(mkt, "b-1", "stu", 2500))

    async def seen_by(user: str, role: Role) -> list:
        response = await wallet.client.get("/v1/payments", params={"booking_id": "b-1"},
                                           headers=wallet.auth(mkt, user, role))
        return response.json()["items"]

    [payment] = await seen_by("stu", Role.STUDENT)
    assert (payment["status"], payment["method"], payment["amount"]["amount_minor"]) == ("captured", "credits", 2500)
    assert payment["refund"]["destination"] == "credits" and payment["payout"] is None
    assert await seen_by("pro-1", Role.PROVIDER) == [payment]
    assert await seen_by("ops", Role.STAFF) == [payment]
    assert await seen_by("stu-other", Role.STUDENT) == []
    assert await seen_by("pro-other", Role.PROVIDER) == []
