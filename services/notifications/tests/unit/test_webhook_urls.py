import pytest

from notifications.webhooks.urls import endpoint_url


def test_https_to_a_public_host_is_accepted():
    assert endpoint_url("https://api.partner.example/hooks?src=lessons", False) == "https://api.partner.example/hooks?src=lessons"


@pytest.mark.parametrize("url", [
    "http://api.partner.example/hooks", "ftp://api.partner.example/", "https://user:pw@api.partner.example/",
    "https://127.0.0.1/hooks", "https://192.168.1.20/hooks", "https://[::1]/hooks", "https://localhost/hooks",
    "api.partner.example/hooks",
])
def test_plain_http_credentials_and_internal_hosts_are_refused(url):
    with pytest.raises(ValueError):
        endpoint_url(url, False)


def test_development_may_post_to_this_machine_over_http():
    assert endpoint_url("http://127.0.0.1:8080/hooks", True) == "http://127.0.0.1:8080/hooks"
    with pytest.raises(ValueError):
        endpoint_url("http://partner.example/hooks", True)
