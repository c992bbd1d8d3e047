"""Exact money, quantities, dates, ids and Indonesian display formats."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from desktop.books.dates import add_months, format_long, month_end, parse_date
from desktop.books.errors import InputError
from desktop.books.fmt import number, quantity, rupiah
from desktop.books.ids import new_id
from desktop.books.money import mul_div, parse_amount, parse_qty, rupiah_share, sen_str


@pytest.mark.parametrize(("text", "sen"), [
    ("1250000", 125_000_000), ("1250000.5", 125_000_050), ("1.250.000", 125_000_000),
    ("1.250.000,50", 125_000_050), ("1,250,000.00", 125_000_000), ("1250,50", 125_050),
    ("Rp 15.000.000", 1_500_000_000), ("0", 0),
])
def test_amounts_in_the_forms_people_write(text: str, sen: int) -> None:
    assert parse_amount(text) == sen


@pytest.mark.parametrize(("text", "words"), [
    ("-5", "negatif"), ("(5000)", "negatif"), ("12.345", "2 angka desimal"),
    ("1.250", "2 angka desimal"), ("lima", "bukan angka"), ("1.2.3", "bukan angka"),
])
def test_bad_amounts_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        parse_amount(text, field="debit", row=7)
    assert caught.value.row == 7 and caught.value.value == text


def test_decimal_comma_mode_reads_indonesian_excel() -> None:
    assert parse_amount("1.250", decimal_comma=True) == 125_000
    assert parse_amount("1.250.000,05", decimal_comma=True) == 125_000_005
    with pytest.raises(InputError):
        parse_amount("1250.50", decimal_comma=True)


def test_quantities_and_rounding() -> None:
    assert parse_qty("2,5") == 2_500 and parse_qty("0.125") == 125
    with pytest.raises(InputError):
        parse_qty("1.2345")
    assert mul_div(10, 1, 4) == 3 and mul_div(-10, 1, 4) == -3
    assert rupiah_share(1_000_000, 1, 3) == 333_300
    assert sen_str(-5) == "-0.05" and sen_str(125_000_000) == "1250000.00"


def test_dates() -> None:
    assert parse_date("31/12/2026") == dt.date(2026, 12, 31)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert month_end(2028, 2) == dt.date(2028, 2, 29)
    assert format_long(dt.date(2026, 12, 31)) == "31 Desember 2026"
    for bad in ("2026-02-29", "2026-13-01", "kemarin"):
        with pytest.raises(InputError):
            parse_date(bad)


def test_indonesian_display() -> None:
    assert rupiah(125_000_000) == "Rp1.250.000"
    assert rupiah(-125_000_000) == "(Rp1.250.000)"
    assert number(125_000_050) == "1.250.000,50"
    assert quantity(2_500) == "2,5"


def test_ids_are_time_ordered_uuid7() -> None:
    ids = [new_id() for _ in range(2_000)]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 for i in ids[:50])
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)


def test_fast_number_format_agrees_with_babel_id_id() -> None:
    from decimal import Decimal

    from babel.numbers import format_decimal

    for sen in (0, 5, 100, 99_999, 123_456_789, 100_000_000_000, 7, 1_000_001, 250):
        pattern = "#,##0" if sen % 100 == 0 else "#,##0.00"
        expected = format_decimal(Decimal(sen) / 100, format=pattern, locale="id_ID")
        assert number(sen) == expected
        assert number(-sen) == (f"({expected})" if sen else expected)
