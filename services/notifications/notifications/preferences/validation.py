"""Checks of what users give as their channels and time zone (PL-5): each failure says what is
wrong in words a person can act on."""

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_WEBHOOK_ID = re.compile(r"^[0-9]{15,22}$")
_WEBHOOK_TOKEN = re.compile(r"^[A-Za-z0-9_-]{30,100}$")
_SNOWFLAKE = re.compile(r"^[1-9][0-9]{16,19}$")


def email_address(value: str) -> str:
    """The address, its domain lower-cased; ValueError when it can't be one."""
    address = value.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("an email address needs a name, an @ and a domain, like ana@example.com")
    if len(address) > 254 or len(local) > 64:
        raise ValueError("the email address is too long")
    if not _LOCAL.match(local):
        raise ValueError(f"'{local}' is not a valid name before the @")
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise ValueError(f"'{domain}' is not a valid email domain")
    return f"{local}@{domain.lower()}"


def discord_webhook_url(value: str, bases: list[str]) -> str:
    """A webhook URL as Discord gives it: `<base>/<id>/<token>`, nothing after."""
    url = value.strip()
    base = next((b for b in bases if url.startswith(b.rstrip("/") + "/")), None)
    if base is None:
        raise ValueError(f"a Discord webhook URL starts with {bases[0].rstrip('/')}/")
    parts = url[len(base.rstrip("/")) + 1:].split("/")
    if len(parts) != 2 or not _WEBHOOK_ID.match(parts[0]) or not _WEBHOOK_TOKEN.match(parts[1]):
        raise ValueError("a Discord webhook URL ends in /<webhook id>/<token>; copy it whole from "
                         "the channel's Integrations > Webhooks")
    return url


def discord_user_id(value: str) -> str:
    """A Discord user id: a snowflake of 17 to 20 digits (Developer Mode > Copy User ID)."""
    user_id = value.strip()
    if not _SNOWFLAKE.match(user_id):
        raise ValueError("a Discord user id is a number of 17 to 20 digits; in Discord, turn on Developer Mode "
                         "and use Copy User ID on your profile")
    return user_id


def time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{value}' is not an IANA time zone, like Europe/Berlin or America/New_York") from None
    return value
