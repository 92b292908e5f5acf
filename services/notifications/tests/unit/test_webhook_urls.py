import pytest

from notifications.webhooks.urls import endpoint_url, parsed_url


def test_https_to_a_public_host_is_accepted():
    assert endpoint_url("https://api.partner.example/hooks?src=lessons", False) == "https://api.partner.example/hooks?src=lessons"
    assert endpoint_url("https://93.184.216.34:8443/hooks", False) == "https://93.184.216.34:8443/hooks"


@pytest.mark.parametrize("url", [
    "http://api.partner.example/hooks", "ftp://api.partner.example/", "https://user:pw@api.partner.example/",
    "https://127.0.0.1/hooks", "https://192.168.1.20/hooks", "https://[::1]/hooks", "https://localhost/hooks",
    "api.partner.example/hooks",
])
def test_plain_http_credentials_and_internal_hosts_are_refused(url):
    with pytest.raises(ValueError):
        endpoint_url(url, False)


@pytest.mark.parametrize("url", [
    "https://127.1:9299/h", "https://0x7f000001", "https://2130706433", "https://0177.0.0.1", "https://0",
    "https://localhost.", "https://[::ffff:127.0.0.1]/h", "https://10.1.2.3/h", "https://169.254.169.254/",
    "https://a@api.partner.example/", "https://@api.partner.example/", "https://api.partner.example:99999/",
    "https://127%2e0%2e0%2e1/", "https://1.2.3.4.5/", "https://[fe80::1%25eth0]/",
])
def test_every_spelling_of_an_internal_host_is_refused(url):
    with pytest.raises(ValueError):
        endpoint_url(url, False)


def test_development_may_post_to_this_machine_over_http():
    assert endpoint_url("http://127.0.0.1:8080/hooks", True) == "http://127.0.0.1:8080/hooks"
    assert endpoint_url("https://127.1:8443/hooks", True) == "https://127.1:8443/hooks"
    # Where a name leads is known once resolved: test_webhook_destinations.py.
    for url in ("ftp://127.0.0.1/hooks", "http://93.184.216.34/hooks", "https://10.0.0.7/hooks", "https://0/hooks"):
        with pytest.raises(ValueError):
            endpoint_url(url, True)


def test_the_parts_a_delivery_needs():
    target = parsed_url("https://Hooks.Partner.example.:8443/in?x=1", False)
    assert (target.host, target.port, target.netloc, target.path, target.query, target.address) == (
        "hooks.partner.example.", 8443, "Hooks.Partner.example.:8443", "/in", "x=1", None)
    assert parsed_url("https://0x7f000001", True).address.exploded == "127.0.0.1"
