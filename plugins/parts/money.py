"""Prices as readers expect them for a currency: ``$1,234.56``, ``€328.99``, ``¥12,000``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Symbol placed before the amount; codes not listed are written after it ("1,234.56 SEK").
SYMBOLS = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "CNY": "CN¥",
    "KRW": "₩",
    "BRL": "R$",
    "CHF": "CHF ",
}
NO_CENTS = {"JPY", "KRW"}


def format_price(amount: Decimal, currency: str) -> str:
    places = Decimal(1) if currency in NO_CENTS else Decimal("0.01")
    number = f"{amount.quantize(places, rounding=ROUND_HALF_UP):,}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


def plain_amount(amount: Decimal, currency: str) -> str:
    """``1234.50``: for CSV and JSON-LD, where machines read it."""
    places = Decimal(1) if currency in NO_CENTS else Decimal("0.01")
    return f"{amount.quantize(places, rounding=ROUND_HALF_UP)}"
