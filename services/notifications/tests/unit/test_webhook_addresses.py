"""The address check of partner webhooks: hosts read as the system reads them, addresses judged
by where packets would go."""

import ipaddress
import socket

import pytest

from notifications.webhooks.addresses import NotAHost, literal_address, local_name, refusal


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.1", "127.0.1", "0x7f000001", "0X7F.1", "2130706433", "0177.0.0.1", "0", "00", "0x0",
    "1.2.3", "0xffffffff", "4294967295", "10.0x1.0377", "255.255.255.255", "08", "09.1", "0x", "0x.1",
    "1.2.3.4.5", "4294967296", "256.1", "1.256.1", "1.2.65536", "0xg", "1.0x", "0x1g.1",
])
def test_an_ipv4_host_is_read_as_libcs_inet_aton_reads_it(host):
    try:
        expected = ipaddress.IPv4Address(socket.inet_aton(host))  # the C library itself
    except OSError:
        expected = None
    try:
        read = literal_address(host)
    except NotAHost:
        read = None  # refused outright: no resolver is asked about it either
    assert read == expected


@pytest.mark.parametrize("host", ["08", "09.1", "0x.1", "1.2.3.4.5", "4294967296", "256.1", "1..2", ".1", "1.2.3.4..",
                                  "::ffff::1"])
def test_numbers_that_are_no_address_are_no_host_either(host):
    with pytest.raises(NotAHost):
        literal_address(host)


@pytest.mark.parametrize("host", ["api.partner.example", "1e100.net", "0x.example.com", "123.example.com",
                                  "localhost"])
def test_a_name_is_no_literal_address(host):
    assert literal_address(host) is None


def test_ipv6_literals_are_read_whole():
    assert literal_address("::ffff:127.0.0.1") == ipaddress.IPv6Address("::ffff:7f00:1")


@pytest.mark.parametrize("host", ["localhost", "localhost.", "hooks.localhost",
                                  "ip6-localhost", "localhost.localdomain"])
def test_names_of_this_machine(host):
    assert local_name(host)


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address"), ("127.255.0.9", "a loopback address"), ("::1", "a loopback address"),
    ("0.0.0.0", "an unspecified address"), ("::", "an unspecified address"),
    ("10.0.0.7", "a private address"), ("172.16.3.4", "a private address"), ("192.168.1.20", "a private address"),
    ("fd00::1", "a private address"), ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("224.0.0.251", "a multicast address"), ("ff0e::1", "a multicast address"),
    ("240.0.0.1", "a private address"), ("100.64.0.1", "not a public address"), ("192.0.2.1", "a private address"),
    ("::ffff:127.0.0.1", "a loopback address (127.0.0.1) in IPv6 form"),
    ("::ffff:169.254.169.254", "a link-local address (169.254.169.254) in IPv6 form"),
    ("2002:a00:7::1", "a private address (10.0.0.7) in IPv6 form"),  # 6to4
    ("64:ff9b::7f00:1", "a loopback address (127.0.0.1) in IPv6 form"),  # NAT64
    ("64:ff9b:1::a00:7", "a local-use NAT64 address"), ("::7f00:1", "a reserved address"),
])
def test_addresses_outside_the_public_internet_are_refused(address, kind):
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "::ffff:93.184.216.34",
                                     "64:ff9b::5db8:d822"])
def test_public_addresses_are_fine(address):
    assert refusal(ipaddress.ip_address(address), allow_loopback=False) is None


def test_the_opt_in_allows_loopback_and_nothing_else_private():
    for allowed in ("127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"):
        assert refusal(ipaddress.ip_address(allowed), allow_loopback=True) is None
    for refused in ("0.0.0.0", "10.0.0.7", "169.254.169.254", "fd00::1"):
        assert refusal(ipaddress.ip_address(refused), allow_loopback=True) is not None
