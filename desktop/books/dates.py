"""Dates the way Indonesian owners write them, stored as ISO strings."""

from __future__ import annotations

import datetime as dt
import os
import re

from desktop.books.errors import InputError

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_date(text: str | dt.date, *, field: str = "date", row: int | None = None) -> dt.date:
    """Parse `YYYY-MM-DD` or Indonesian `DD/MM/YYYY`; refuse impossible dates by name."""
    if isinstance(text, dt.date):
        return text
    raw = text.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(raw)
        if not match:
            raise InputError(
                "Tanggal '{value}' tidak dikenali; tulis TTTT-BB-HH, misalnya 2026-12-31",
                field=field,
                row=row,
                value=text,
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(
            "Tanggal '{value}' tidak ada di kalender", field=field, row=row, value=text
        ) from None


def parse_month(text: str, *, field: str = "month") -> tuple[int, int]:
    """Parse `YYYY-MM` into (year, month)."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InputError("Bulan '{value}' harus ditulis TTTT-BB, misalnya 2026-10", field=field,
                         value=text)
    return int(match.group(1)), int(match.group(2))


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift a date by whole months, clamping to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = month_end(year, month0 + 1).day
    return dt.date(year, month0 + 1, min(day.day, last))


def year_start(day: dt.date) -> dt.date:
    """Return 1 January of the date's year (Lumbung's books use calendar years)."""
    return dt.date(day.year, 1, 1)


def working_years(day: dt.date) -> tuple[dt.date, dt.date]:
    """The span lists open on: this calendar year, and in January the year just ended too.

    In January the owner is still finishing last year's books, and on 1 January "this
    year" alone would be an empty page.
    """
    start = dt.date(day.year - 1 if day.month == 1 else day.year, 1, 1)
    return start, dt.date(day.year, 12, 31)


def default_report_year(day: dt.date) -> int:
    """The year a report opens on: this year, but last year in January (the annual pack)."""
    return day.year - 1 if day.month == 1 else day.year


def today() -> dt.date:
    """Return today's date on this PC, or `LUMBUNG_TODAY` (YYYY-MM-DD) when it is set.

    The one place the program asks what day it is. `LUMBUNG_TODAY` pins the date for the
    processes the test suite starts and for a pendamping's training session; an explicit
    date on a form or command always wins over it.
    """
    pinned = os.environ.get("LUMBUNG_TODAY", "").strip()
    if pinned:
        return parse_date(pinned, field="LUMBUNG_TODAY")
    return dt.date.today()


def format_long(day: dt.date, lang: str = "id") -> str:
    """Format as `31 Desember 2026` (Babel, id_ID)."""
    from babel.dates import format_date

    return str(format_date(day, "d MMMM y", locale="id_ID" if lang == "id" else "en_GB"))


def format_month(day: dt.date, lang: str = "id") -> str:
    """Format as `Oktober 2026`."""
    from babel.dates import format_date

    return str(format_date(day, "MMMM y", locale="id_ID" if lang == "id" else "en_GB"))


def format_short(day: dt.date, lang: str = "id") -> str:
    """Format as `22 Nov 2026` for tables."""
    from babel.dates import format_date

    return str(format_date(day, "d MMM y", locale="id_ID" if lang == "id" else "en_GB"))
