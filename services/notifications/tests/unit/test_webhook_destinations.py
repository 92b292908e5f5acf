"""Resolving an endpoint's host before each delivery: every answer checked, a lookup that fails
is "try later", one that leads inside is "blocked" (resolvers stand in for DNS here)."""

import asyncio
import ipaddress
import socket

import pytest

from notifications.webhooks.destinations import Blocked, Unresolvable, checked_addresses, install_resolver
from notifications.webhooks.urls import parsed_url


def answering(*addresses: str):
    async def resolve(host: str, port: int) -> list[str]:
        return list(addresses)
    return resolve


@pytest.fixture
def resolver():
    yield install_resolver
    install_resolver(None)


async def test_every_address_a_name_resolves_to_is_kept_in_order_once(resolver):
    resolver(answering("93.184.216.34", "2606:4700::1111", "93.184.216.34"))
    target = parsed_url("https://hooks.partner.example/h", False)
    assert await checked_addresses(target, False, 1) == [ipaddress.ip_address("93.184.216.34"),
                                                         ipaddress.ip_address("2606:4700::1111")]


@pytest.mark.parametrize(("url", "answers", "allow_local"), [
    ("https://hooks.partner.example/h", ["93.184.216.34", "10.0.0.7"], False),
    ("https://hooks.partner.example/h", ["::ffff:127.0.0.1"], False),
    ("https://hooks.partner.example/h", ["169.254.169.254"], True),
    ("http://hooks.partner.example/h", ["93.184.216.34"], True),  # plain http stays on this machine
])
async def test_one_address_inside_blocks_the_endpoint(resolver, url, answers, allow_local):
    resolver(answering(*answers))
    with pytest.raises(Blocked, match=r"^'hooks\.partner\.example' resolves to "):
        await checked_addresses(parsed_url(url, allow_local), allow_local, 1)


async def test_the_opt_in_lets_a_name_lead_to_this_machine(resolver):
    resolver(answering("127.0.0.1", "::1"))
    target = parsed_url("http://hooks.partner.example:8080/h", True)
    assert len(await checked_addresses(target, True, 1)) == 2


async def test_a_lookup_that_fails_or_hangs_is_unresolvable_not_blocked(resolver):
    async def failing(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async def hanging(host: str, port: int) -> list[str]:
        await asyncio.sleep(5)
        return []

    target = parsed_url("https://hooks.partner.example/h", False)
    for resolve in (failing, hanging, answering()):
        resolver(resolve)
        with pytest.raises(Unresolvable):
            await checked_addresses(target, False, 0.05)


async def test_a_literal_address_is_not_looked_up(resolver):
    resolver(answering("10.0.0.7"))
    assert await checked_addresses(parsed_url("https://93.184.216.34/h", False), False, 1) == [
        ipaddress.ip_address("93.184.216.34")]
