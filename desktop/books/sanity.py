"""Questions to ask before unusual input changes the books: a huge amount, a far-off date.

The desktop forms and the command line ask the same questions; the owner answers yes (the
form posts again with `confirm=True`, the CLI with `--confirm`) or corrects the value.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.dates import format_long
from desktop.books.errors import ConfirmationRequired, InputError
from desktop.books.fmt import rupiah
from desktop.books.i18n import current_lang, tr
from desktop.books.money import SEN_PER_RUPIAH, parse_amount

MILIAR = 1_000_000_000 * SEN_PER_RUPIAH  # above Rp1 miliar, every village business asks
TIMES_LARGEST = 100  # ... and above 100x the largest entry so far
DAYS_BACK = 365  # a date more than a year back is asked about


def amount_bound(conn: sqlite3.Connection) -> int:
    """The largest amount (in sen) accepted without a question for this business."""
    row = conn.execute("SELECT max(debit) FROM line").fetchone()
    largest = int(row[0] or 0) if row else 0
    return min(MILIAR, largest * TIMES_LARGEST) if largest else MILIAR


def amount_question(amount: int, bound: int) -> str | None:
    """'Apakah benar Rp…?' when an amount is above the business's sane bound."""
    if amount <= bound:
        return None
    return tr("Apakah benar {amount}? Jumlah ini jauh lebih besar dari biasanya "
              "(di atas {bound}).", amount=rupiah(amount), bound=rupiah(bound))


def date_question(day: dt.date, *, today: dt.date) -> str | None:
    """A question when the date is in the future or more than a year back."""
    if day > today:
        return tr("Tanggal {day} belum tiba (hari ini {today}). Apakah tanggalnya benar?",
                  day=format_day(day), today=format_day(today))
    if (today - day).days > DAYS_BACK:
        return tr("Tanggal {day} sudah lebih dari setahun yang lalu. Apakah tanggalnya benar?",
                  day=format_day(day))
    return None


def format_day(day: dt.date) -> str:
    """A date as the owner reads it: 5 Desember 2026 (5 December 2026 in English)."""
    return format_long(day, current_lang())


def questions(conn: sqlite3.Connection, *, amounts: list[str | None], day: dt.date,
              today: dt.date | None) -> list[str]:
    """Every question the owner must answer yes to before this input is posted.

    With `today` None the date is not asked about (a script importing old records by date).
    """
    asked = []
    bound = amount_bound(conn)
    for text in amounts:
        if not text:
            continue
        try:
            sen = parse_amount(text, field="amount")
        except InputError:
            continue  # the form itself says what is wrong with it
        question = amount_question(sen, bound)
        if question:
            asked.append(question)
    date_asked = date_question(day, today=today) if today is not None else None
    if date_asked:
        asked.append(date_asked)
    return asked


def check_unusual(conn: sqlite3.Connection, *, amounts: list[str | None], day: dt.date,
                  today: dt.date | None, confirmed: bool) -> None:
    """Raise `ConfirmationRequired` with the questions, unless the owner already said yes."""
    if confirmed:
        return
    asked = questions(conn, amounts=amounts, day=day, today=today)
    if asked:
        raise ConfirmationRequired("{questions}", questions="\n".join(asked))
