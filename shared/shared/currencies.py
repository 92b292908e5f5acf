"""ISO 4217 currencies in circulation, their minor units, and the largest single amount we take.

Fund codes (BOV, CHE, USN, ...), precious metals, XDR and the test and "no currency" codes (XTS, XXX)
are left out: nobody pays for a lesson in them.
"""

from shared.errors import Unprocessable

# Exponent of the minor unit where it is not 2 (cents).
_EXPONENT_NOT_2 = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
                     "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}
_EXPONENT_2 = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF "
    "CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG "
    "HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU "
    "MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR "
    "SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VED "
    "VES WST XCD XCG YER ZAR ZMW ZWG"
).split()

MINOR_UNIT_EXPONENT: dict[str, int] = {**dict.fromkeys(_EXPONENT_2, 2), **_EXPONENT_NOT_2}
CURRENCIES = frozenset(MINOR_UNIT_EXPONENT)

# No lesson, top-up or refund comes near 100 million of a currency's major unit; anything above is a
# mistake or an attack, and refusing it keeps every sum of amounts far inside a 64-bit integer.
MAX_MAJOR_UNITS = 100_000_000


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def max_amount_minor(currency: str) -> int:
    """The largest single amount, in minor units, that the API takes in this currency."""
    return MAX_MAJOR_UNITS * 10 ** MINOR_UNIT_EXPONENT.get(currency, 2)


def format_amount(amount_minor: int, currency: str) -> str:
    """`EUR 12.50`, `JPY 1,500`: how an amount reads to a person."""
    exponent = MINOR_UNIT_EXPONENT.get(currency, 2)
    if exponent == 0:
        return f"{currency} {amount_minor:,}"
    sign = "-" if amount_minor < 0 else ""
    major, minor = divmod(abs(amount_minor), 10 ** exponent)
    return f"{currency} {sign}{major:,}.{minor:0{exponent}d}"


# The bound of an amount whose currency is not known where it is read (a refund of a lesson whose
# price is known only later); the currency's own bound applies as soon as it is.
LARGEST_AMOUNT_MINOR = max(map(max_amount_minor, CURRENCIES))


class CurrencyNotAccepted(Unprocessable):
    slug = "currency-not-accepted"

    def __init__(self, field: str, currency: str, accepted: list[str]):
        message = f"this marketplace does not accept {currency}; it accepts {', '.join(accepted) or 'none'}"
        super().__init__(f"{field}: {message}", accepted_currencies=accepted,
                         errors=[{"field": field, "message": message, "code": "currency_not_accepted"}])


def require_accepted(accepted: list[str] | None, currency: str, field: str) -> None:
    """A marketplace's own choice among the currencies in circulation; None (registered before
    marketplaces named their currencies) takes any of them."""
    if accepted is not None and currency not in accepted:
        raise CurrencyNotAccepted(field, currency, accepted)
