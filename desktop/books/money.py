"""Exact money and quantities: integer sen and integer thousandths, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.books.errors import InputError

SEN_PER_RUPIAH = 100
MILLI = 1000

_PLAIN = re.compile(r"^(\d+)(?:\.(\d{1,2}))?$")
_PLAIN_COMMA = re.compile(r"^(\d+)(?:,(\d{1,2}))?$")
_GROUPED_ID = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$")
# With dot decimals, "1.250" is ambiguous, so grouping needs two dots or a decimal comma.
_GROUPED_ID_STRICT = re.compile(r"^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d{1,2}))?$|^(\d{1,3}\.\d{3}),(\d{1,2})$")
_GROUPED_EN = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$")
_QTY = re.compile(r"^(\d+)(?:[.,](\d{1,3}))?$")


def parse_amount(
    text: str | int | Decimal,
    *,
    field: str = "amount",
    row: int | None = None,
    decimal_comma: bool = False,
    allow_zero: bool = True,
) -> int:
    """Parse a non-negative rupiah amount with at most 2 decimals into integer sen."""
    if isinstance(text, int):
        return _check_zero(text * SEN_PER_RUPIAH, text, field, row, allow_zero)
    if isinstance(text, Decimal):
        text = format(text, "f")
    raw = text.strip().replace("Rp", "").replace("rp", "").replace(" ", "")
    if raw == "":
        if allow_zero:
            return 0
        raise InputError("Jumlah wajib diisi", field=field, row=row, value=text)
    if raw.startswith("-") or raw.startswith("("):
        raise InputError("Jumlah tidak boleh negatif: '{value}'", field=field, row=row, value=text)
    patterns = (
        (_PLAIN_COMMA, _GROUPED_ID)
        if decimal_comma
        else (_PLAIN, _PLAIN_COMMA, _GROUPED_ID_STRICT, _GROUPED_EN)
    )
    for pattern in patterns:
        match = pattern.match(raw)
        if match:
            groups = [g for g in match.groups() if g is not None]
            whole = int(re.sub(r"[.,]", "", groups[0]))
            frac = (groups[1] if len(groups) > 1 else "").ljust(2, "0")
            sen = whole * SEN_PER_RUPIAH + int(frac or "0")
            return _check_zero(sen, text, field, row, allow_zero)
    if re.match(r"^\d+[.,]\d{3,}$", raw):
        raise InputError(
            "Jumlah '{value}' punya lebih dari 2 angka desimal", field=field, row=row, value=text
        )
    raise InputError("Jumlah '{value}' bukan angka yang sah", field=field, row=row, value=text)


def _check_zero(sen: int, text: object, field: str, row: int | None, allow_zero: bool) -> int:
    if sen < 0:
        raise InputError("Jumlah tidak boleh negatif: '{value}'", field=field, row=row, value=text)
    if sen == 0 and not allow_zero:
        raise InputError("Jumlah harus lebih dari nol", field=field, row=row, value=text)
    return sen


def parse_qty(text: str | int, *, field: str = "qty", row: int | None = None) -> int:
    """Parse a non-negative quantity with at most 3 decimals (kg, liter) into thousandths."""
    raw = str(text).strip()
    match = _QTY.match(raw)
    if not match:
        raise InputError(
            "Jumlah barang '{value}' harus angka tidak negatif dengan paling banyak 3 desimal",
            field=field,
            row=row,
            value=text,
        )
    return int(match.group(1)) * MILLI + int((match.group(2) or "").ljust(3, "0") or "0")


def sen_to_decimal(sen: int) -> Decimal:
    """Return rupiah as an exact Decimal with two places."""
    return (Decimal(sen) / SEN_PER_RUPIAH).quantize(Decimal("0.01"))


def sen_str(sen: int) -> str:
    """Render sen as the report JSON string, e.g. 125000000 -> '1250000.00'."""
    sign = "-" if sen < 0 else ""
    whole, frac = divmod(abs(sen), SEN_PER_RUPIAH)
    return f"{sign}{whole}.{frac:02d}"


def milli_str(milli: int) -> str:
    """Render a quantity in thousandths without needless zeros, e.g. 2500 -> '2.5'."""
    sign = "-" if milli < 0 else ""
    whole, frac = divmod(abs(milli), MILLI)
    return f"{sign}{whole}" if frac == 0 else f"{sign}{whole}.{frac:03d}".rstrip("0")


def decimal_to_sen(value: Decimal) -> int:
    """Round a Decimal rupiah amount half-up to whole sen."""
    try:
        return int((value * SEN_PER_RUPIAH).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation as exc:  # pragma: no cover - guarded by callers
        raise InputError("Jumlah '{value}' bukan angka yang sah", value=value) from exc


def rupiah_share(a: int, b: int, c: int) -> int:
    """a*b/c in sen, rounded to whole rupiah: computed amounts (HPP, penyusutan) carry no sen."""
    return mul_div(a, b, c * SEN_PER_RUPIAH) * SEN_PER_RUPIAH


def mul_div(a: int, b: int, c: int) -> int:
    """Return a*b/c rounded half away from zero, exactly, in integers."""
    if c == 0:
        raise ZeroDivisionError("mul_div by zero")
    num = a * b
    sign = -1 if (num < 0) != (c < 0) else 1
    q, r = divmod(abs(num), abs(c))
    if 2 * r >= abs(c):
        q += 1
    return sign * q
