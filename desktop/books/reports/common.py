"""Pieces shared by the statements: amount lines, period wording and JSON helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.books.dates import format_long
from desktop.books.money import sen_str


@dataclass(frozen=True)
class AmountLine:
    """One statement line: account code (None for computed lines), name and amount in sen."""

    account: str | None
    name: str
    amount: int

    def to_json(self) -> dict[str, object]:
        """`{"account","name","amount"}` with the amount as a two-decimal string."""
        return {"account": self.account, "name": self.name, "amount": sen_str(self.amount)}


@dataclass(frozen=True)
class NamedAmount:
    """A line without an account, e.g. an arus kas line."""

    name: str
    amount: int

    def to_json(self) -> dict[str, object]:
        """`{"name","amount"}`."""
        return {"name": self.name, "amount": sen_str(self.amount)}


def total(lines: list[AmountLine] | list[NamedAmount]) -> int:
    """Sum of the lines' amounts."""
    return sum(line.amount for line in lines)


def as_of_text(day: dt.date) -> str:
    """'Per 31 Desember 2026'."""
    return f"Per {format_long(day)}"


def period_text(end: dt.date) -> str:
    """'Untuk periode yang berakhir 31 Desember 2026'."""
    return f"Untuk periode yang berakhir {format_long(end)}"


def range_text(start: dt.date, end: dt.date) -> str:
    """'1 Januari 2026 s.d. 31 Desember 2026'."""
    return f"{format_long(start)} s.d. {format_long(end)}"
