import pytest

from notifications.preferences.validation import discord_webhook_url, email_address, time_zone

BASES = ["https://discord.com/api/webhooks", "https://discordapp.com/api/webhooks"]
TOKEN = "Xb2_" + "a" * 64


@pytest.mark.parametrize(("given", "kept"), [
    ("ana@example.com", "ana@example.com"),
    ("  Ana.Lima+lessons@Mail.Example.COM ", "Ana.Lima+lessons@mail.example.com"),
    ("o'neil@example.co.uk", "o'neil@example.co.uk"),
])
def test_valid_email_addresses_are_kept_with_a_lower_case_domain(given, kept):
    assert email_address(given) == kept


@pytest.mark.parametrize(("given", "complaint"), [
    ("ana.example.com", "needs a name, an @ and a domain"),
    ("@example.com", "needs a name"),
    ("ana@", "needs a name"),
    ("ana@localhost", "not a valid email domain"),
    ("ana@example.123", "not a valid email domain"),
    ("ana@-example.com", "not a valid email domain"),
    (".ana@example.com", "not a valid name before the @"),
    ("a..na@example.com", "not a valid name before the @"),
    ("ana lima@example.com", "not a valid name before the @"),
    ("a" * 65 + "@example.com", "too long"),
])
def test_malformed_email_addresses_say_what_is_wrong(given, complaint):
    with pytest.raises(ValueError, match=complaint):
        email_address(given)


def test_a_discord_webhook_url_is_base_id_and_token():
    url = f"https://discord.com/api/webhooks/123456789012345678/{TOKEN}"
    assert discord_webhook_url(f"  {url} ", BASES) == url
    assert discord_webhook_url(url.replace("discord.com", "discordapp.com"), BASES)


@pytest.mark.parametrize("url", [
    f"http://discord.com/api/webhooks/123456789012345678/{TOKEN}",
    f"https://discord.com.evil.example/api/webhooks/123456789012345678/{TOKEN}",
    f"https://discord.com/api/webhooks/12345/{TOKEN}",
    "https://discord.com/api/webhooks/123456789012345678/short",
    f"https://discord.com/api/webhooks/123456789012345678/{TOKEN}/slack",
    f"https://discord.com/api/webhooks/123456789012345678/{TOKEN}?wait=true",
    "https://discord.com/api/webhooks/123456789012345678",
])
def test_anything_else_is_not_a_discord_webhook(url):
    with pytest.raises(ValueError):
        discord_webhook_url(url, BASES)


def test_time_zones_are_iana_names():
    assert time_zone("America/Sao_Paulo") == "America/Sao_Paulo"
    with pytest.raises(ValueError, match="not an IANA time zone"):
        time_zone("CEST+2")
