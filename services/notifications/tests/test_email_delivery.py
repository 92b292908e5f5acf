"""Email over real SMTP: what the recipient reads, and a refusal recorded as final (NT-5)."""

import pytest

from shared.events import Money, ProviderPaid


def payout(provider) -> ProviderPaid:
    def eur(minor: int) -> Money:
        return Money(amount_minor=minor, currency="EUR")

    return ProviderPaid(booking_id="b-pay", provider_id=provider.user_id, gross=eur(5000), fee=eur(500), net=eur(4500))


@pytest.mark.rule("NT-2")
async def test_the_email_tells_the_facts_and_comes_from_the_platform(community, settings):
    provider = await community.with_email(community.provider())
    await community.publish(payout(provider))

    [sent] = await community.settled(user_id=provider.user_id)
    [email] = community.mailbox.to(provider.email)
    body = email.get_content()
    assert email["From"] == settings.email_from and email["Subject"] == "You were paid EUR 45.00 for a lesson"
    assert "Platform fee: EUR 5.00" in body and "You receive: EUR 45.00" in body
    assert email["Message-ID"] == f"<{sent['id']}@notifications.lessons>"
    assert sent["destination"] == provider.email


@pytest.mark.rule("NT-5")
async def test_an_address_the_server_refuses_fails_at_once_with_the_servers_words(community):
    provider = await community.with_email(community.provider())
    community.mailbox.refused.add(provider.email)
    await community.publish(payout(provider))

    [failed] = await community.settled(user_id=provider.user_id)
    assert failed["status"] == "failed" and failed["attempts"] == 1
    assert failed["last_error"].startswith("SMTP 550") and "No such user" in failed["last_error"]
    assert community.mailbox.to(provider.email) == []


async def test_nothing_goes_to_a_removed_channel(community):
    provider = await community.with_email(community.provider())
    assert (await community.api.delete("/v1/channels/email", headers=provider.headers)).status_code == 204
    assert (await community.api.delete("/v1/channels/email", headers=provider.headers)).status_code == 404
    await community.publish(payout(provider))
    assert await community.deliveries(user_id=provider.user_id) == []
