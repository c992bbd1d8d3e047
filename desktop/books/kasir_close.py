"""Tutup kasir: at the end of the day the owner counts the cash drawer; a difference from what
the books expect is posted as selisih kas, with the owner's reason.

A shortage is a cost (5299 Beban Usaha Lain-lain), a surplus other income (4201), both
against Kas (1101), as one ordinary journal entry the pendamping can read and cancel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.ledger import EntryDraft, LineDraft, Posted, post_entry
from desktop.books.money import sen_str
from desktop.books.totals import account_balance

CASH, SHORTAGE, SURPLUS = "1101", "5299", "4201"


@dataclass(frozen=True)
class TillClosed:
    """What the drawer should hold, what was counted, and the entry for the difference."""

    day: dt.date
    expected: int
    counted: int
    posted: Posted | None

    @property
    def difference(self) -> int:
        return self.counted - self.expected

    def to_json(self) -> dict[str, object]:
        return {"date": self.day.isoformat(), "expected": sen_str(self.expected),
                "counted": sen_str(self.counted), "difference": sen_str(self.difference),
                "ref": self.posted.ref if self.posted else None}


def close_till(book: Book, *, day: dt.date, counted: int, reason: str = "") -> TillClosed:
    """Compare the counted cash with Kas at the end of `day`; post the difference, if any."""
    if counted < 0:
        raise InputError("Jumlah tidak boleh negatif: '{value}'", field="counted",
                         value=sen_str(counted))
    with book.write() as conn:
        expected = account_balance(conn, CASH, day)
        diff = counted - expected
        if diff == 0:
            return TillClosed(day, expected, counted, None)
        if not reason.strip():
            raise InputError("Uang di laci berbeda {value} dari catatan; tulis alasannya",
                             field="reason", value=sen_str(diff))
        memo = f"Selisih kas tutup kasir {day.isoformat()}: {reason.strip()}"
        lines = ([LineDraft(CASH, debit=diff), LineDraft(SURPLUS, credit=diff)] if diff > 0
                 else [LineDraft(SHORTAGE, debit=-diff), LineDraft(CASH, credit=-diff)])
        posted = post_entry(conn, EntryDraft("jurnal-umum", day, memo, lines),
                            device_id=book.device_id)
    return TillClosed(day, expected, counted, posted)
