"""Indonesian display formats: Rp1.250.000, negatives in parentheses, 2,5 kg (Babel, id_ID)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.books.dates import format_short
from desktop.books.money import MILLI, SEN_PER_RUPIAH

LOCALE = "id_ID"


def number(sen: int) -> str:
    """Amount without the currency sign: 1.250.000 or (1.250.000); sen shown only if present.

    Written out rather than through Babel because a printed 5-year ledger formats a third of
    a million amounts; a test checks it against Babel's id_ID output.
    """
    rupiah_part, cents = divmod(abs(sen), SEN_PER_RUPIAH)
    text = f"{rupiah_part:,}".replace(",", ".")
    if cents:
        text = f"{text},{cents:02d}"
    return f"({text})" if sen < 0 else text


def rupiah(sen: int) -> str:
    """Amount with the currency sign: Rp1.250.000, or (Rp1.250.000) when negative."""
    text = number(abs(sen))
    return f"(Rp{text})" if sen < 0 else f"Rp{text}"


def quantity(milli: int) -> str:
    """Quantity with a decimal comma: 2,5 or 1.000."""
    from babel.numbers import format_decimal

    value = Decimal(milli) / MILLI
    text = str(format_decimal(abs(value), format="#,##0.###", locale=LOCALE))
    return f"-{text}" if milli < 0 else text


def cell(value: object, kind: str) -> str:
    """Format one raw table cell for display."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return number(value)
    if kind == "qty" and isinstance(value, int):
        return quantity(value)
    if isinstance(value, dt.date):
        return format_short(value)
    return str(value)
