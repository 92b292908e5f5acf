"""Partner webhooks go to partners' public backends only: never into the service's own network
(SSRF), however the host is spelled, whatever its name resolves to at registration or, later, at
delivery, and wherever a redirect points."""

from urllib.parse import urlsplit

import pytest

from .servers import tcp_listener
from .test_webhooks import TOP_UP, register, settled_log, top_up

PUBLIC = "93.184.216.34"  # any global address: nothing connects to it in these tests


async def create(community, url: str):
    return await community.api.post("/v1/webhooks", headers=community.staff().headers,
                                    json={"url": url, "event_types": [TOP_UP]})


def assert_refused_url(response) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/problems/validation-error" and problem["status"] == 422
    assert [e["field"] for e in problem["errors"]] == ["url"]


@pytest.mark.parametrize("url", [
    # 127.0.0.1 as libc's inet_aton reads it, and 0.0.0.0 (which reaches this machine)
    "https://127.1:9299/h", "https://0x7f000001/h", "https://2130706433/h", "https://0177.0.0.1/h",
    "https://0/h", "https://0x7f.1/h",
    # this machine by name, also fully qualified; and in IPv6 spellings
    "https://localhost/h", "https://localhost./h", "https://hooks.localhost/h",
    "https://[::1]/h", "https://[::ffff:127.0.0.1]/h", "https://[::ffff:7f00:1]/h", "https://[64:ff9b::a9fe:a9fe]/h",
    # private, link-local (the cloud's metadata service), shared, multicast, reserved
    "https://10.0.0.7/h", "https://192.168.1.20/h", "https://172.16.3.4/h", "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/h", "https://224.0.0.251/h", "https://240.0.0.1/h", "https://[fd00::1]/h",
    "https://[fe80::1]/h",
    # names whose DNS answers such an address (one of them is enough)
    "https://loopback.partner.test/h", "https://mixed.partner.test/h", "https://metadata.partner.test/h",
    # credentials, plain http, not a host at all
    "https://a@hooks.partner.test/h", "https://a:b@hooks.partner.test/h", "http://hooks.partner.test/h",
    "https://1.2.3.4.5/h", "https://127%2e0%2e0%2e1/h",
])
async def test_an_endpoint_into_our_own_network_is_refused_in_any_spelling(community, webhooks_allow_local, dns, url):
    webhooks_allow_local(False)
    dns.point("loopback.partner.test", "127.0.0.1")
    dns.point("mixed.partner.test", PUBLIC, "10.1.2.3")
    dns.point("metadata.partner.test", "::ffff:169.254.169.254")
    dns.point("hooks.partner.test", PUBLIC)

    assert_refused_url(await create(community, url))
    assert (await community.api.get("/v1/webhooks", headers=community.staff().headers)).json() == []


async def test_an_endpoint_cannot_be_moved_into_our_own_network_either(community, webhooks_allow_local, dns):
    webhooks_allow_local(False)
    dns.point("hooks.partner.test", PUBLIC)
    created = await create(community, "https://hooks.partner.test/h")
    assert created.status_code == 201, created.text

    moved = await community.api.patch(f"/v1/webhooks/{created.json()['id']}", headers=community.staff().headers,
                                      json={"url": "https://0x7f000001/h"})
    assert_refused_url(moved)
    dns.point("hooks.partner.test", "10.0.0.7")
    assert_refused_url(await community.api.patch(f"/v1/webhooks/{created.json()['id']}",
                                                 headers=community.staff().headers,
                                                 json={"url": "https://hooks.partner.test/other"}))


@pytest.mark.parametrize("answers", [
    ["127.0.0.1"], ["::ffff:127.0.0.1"], ["127.0.0.1", PUBLIC], [PUBLIC, "10.0.0.7"],
])
async def test_a_name_that_leads_into_our_network_at_delivery_is_blocked_without_connecting(
        community, webhooks_allow_local, dns, answers):
    webhooks_allow_local(False)
    async with tcp_listener() as (port, peers):  # where the name now leads: it notes any connection
        dns.point("hooks.partner.test", PUBLIC)
        endpoint, _ = await register_at(community, f"https://hooks.partner.test:{port}/hooks/{community.id}")
        dns.point("hooks.partner.test", *answers)  # the partner's DNS changed since (or was made to)
        looked_up = dns.lookups("hooks.partner.test")
        await community.publish(top_up())

        [entry] = await settled_log(community, endpoint)
    assert entry["status"] == "failed" and entry["attempts"] == 1 and entry["last_status_code"] is None
    assert entry["last_error"].startswith("blocked: 'hooks.partner.test' resolves to ")
    assert dns.lookups("hooks.partner.test") == looked_up + 1  # looked up again for the delivery
    assert peers == []
    [still] = (await community.api.get("/v1/webhooks", headers=community.staff().headers)).json()
    assert still["enabled"]  # the partner may fix its DNS; replaying checks again


async def test_an_endpoint_registered_while_local_ones_were_allowed_is_blocked_once_they_are_not(
        community, webhooks_allow_local):
    endpoint, path = await register(community)  # the partner stand-in on 127.0.0.1, allowed so far
    webhooks_allow_local(False)
    await community.publish(top_up())

    [entry] = await settled_log(community, endpoint)
    assert entry["status"] == "failed" and entry["attempts"] == 1 and entry["last_error"].startswith("blocked: ")
    assert community.partner.at(path, status=None) == []


async def test_a_delivery_connects_to_the_address_it_checked_not_to_a_second_answer(community, dns):
    partner_port = community.partner.base_url.rsplit(":", 1)[1]
    dns.point("hooks.partner.test", "127.0.0.1")  # the partner stand-in, allowed in this suite
    endpoint, path = await register_at(community, f"http://hooks.partner.test:{partner_port}/hooks/{community.id}")
    # DNS rebinding: the name answers the checked address once, then somewhere else.
    dns.point("hooks.partner.test", "127.0.0.1")
    dns.then("hooks.partner.test", "10.0.0.7")
    looked_up = dns.lookups("hooks.partner.test")
    await community.publish(top_up())

    [entry] = await settled_log(community, endpoint)
    assert entry["status"] == "sent", entry
    [hook] = community.partner.at(path)
    assert hook.headers["host"] == f"hooks.partner.test:{partner_port}"
    assert dns.lookups("hooks.partner.test") == looked_up + 1  # connected to that one answer


@pytest.mark.parametrize("status", [302, 307, 308])
async def test_a_redirect_is_not_followed_and_fails_the_delivery(community, status):
    endpoint, path = await register(community)
    community.partner.script(path, status)
    await community.publish(top_up())

    [entry] = await settled_log(community, endpoint)
    assert entry["status"] == "failed" and entry["attempts"] == 1 and entry["last_status_code"] == status
    assert "redirect" in entry["last_error"]
    assert len(community.partner.at(path, status=None)) == 1
    assert community.partner.at(f"{path}/redirected", status=None) == []


async def register_at(community, url: str) -> tuple[dict, str]:
    """The endpoint, and the path the partner stand-in files its hooks under."""
    response = await create(community, url)
    assert response.status_code == 201, response.text
    return response.json(), urlsplit(url).path
