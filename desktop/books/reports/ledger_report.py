"""Buku besar: one account's postings with a running balance, streamed for long periods."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.books.accounts import get_account
from desktop.books.dates import year_start
from desktop.books.money import sen_str
from desktop.books.reports.balances import day_before
from desktop.books.reports.common import range_text
from desktop.books.reports.table import EMPTY_PERIOD, Column, Row, Table
from desktop.books.totals import account_balance


@dataclass(frozen=True)
class LedgerLine:
    """One posting with the balance after it, in the account's normal direction."""

    date: dt.date
    ref: str
    memo: str
    debit: int
    credit: int
    saldo: int

    def to_json(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "ref": self.ref, "memo": self.memo,
                "debit": sen_str(self.debit), "credit": sen_str(self.credit),
                "saldo": sen_str(self.saldo)}


@dataclass(frozen=True)
class BukuBesar:
    """An account's opening balance, its lines in date order and its closing balance."""

    conn: sqlite3.Connection
    account: str
    name: str
    normal: str
    start: dt.date
    end: dt.date
    saldo_awal: int

    def lines(self) -> Iterator[LedgerLine]:
        """Stream the lines; nothing beyond one row is held in memory."""
        sign = 1 if self.normal == "D" else -1
        saldo = self.saldo_awal
        rows = self.conn.execute(
            "SELECT l.date, e.ref, CASE WHEN l.memo = '' THEN e.memo ELSE l.memo END, "
            "l.debit, l.credit FROM line l JOIN entry e ON e.seq = l.entry_seq "
            "WHERE l.account = ? AND l.date BETWEEN ? AND ? "
            "ORDER BY l.date, l.entry_seq, l.line_no",
            (self.account, self.start.isoformat(), self.end.isoformat()),
        )
        for day, ref, memo, debit, credit in rows:
            saldo += sign * (debit - credit)
            yield LedgerLine(dt.date.fromisoformat(day), ref, memo, debit, credit, saldo)

    @property
    def saldo_akhir(self) -> int:
        """Closing balance from the kept balances (equals the last running saldo)."""
        return self.saldo_awal + _movement(self.conn, self.account, self.normal, self.start,
                                           self.end)

    def to_json(self) -> dict[str, object]:
        return {"report": "buku-besar", "account": self.account, "name": self.name,
                "from": self.start.isoformat(), "to": self.end.isoformat(),
                "saldo_awal": sen_str(self.saldo_awal),
                "lines": [line.to_json() for line in self.lines()],
                "saldo_akhir": sen_str(self.saldo_akhir)}

    def table(self) -> Table:
        """The ledger as a table whose rows stream from the books."""
        table = Table(f"Buku Besar {self.account} {self.name}",
                      range_text(self.start, self.end),
                      [Column("Tanggal", "date"), Column("Ref"), Column("Keterangan"),
                       Column("Debit", "money"), Column("Kredit", "money"),
                       Column("Saldo", "money")], rows=self._rows())
        if not (self.saldo_awal or self.has_lines):
            table.empty_message = EMPTY_PERIOD
        return table

    @property
    def line_count(self) -> int:
        """How many postings the period holds (for progress while printing)."""
        return int(self.conn.execute(
            "SELECT count(*) FROM line WHERE account = ? AND date BETWEEN ? AND ?",
            (self.account, self.start.isoformat(), self.end.isoformat())).fetchone()[0])

    @property
    def has_lines(self) -> bool:
        """Whether anything was posted to the account in the period."""
        return self.conn.execute(
            "SELECT 1 FROM line WHERE account = ? AND date BETWEEN ? AND ? LIMIT 1",
            (self.account, self.start.isoformat(), self.end.isoformat())).fetchone() is not None

    def _rows(self) -> Iterator[Row]:
        yield Row((None, "", "Saldo awal", None, None, self.saldo_awal), "subtotal")
        for line in self.lines():
            yield Row((line.date, line.ref, line.memo, line.debit or None, line.credit or None,
                       line.saldo))
        yield Row((None, "", "Saldo akhir", None, None, self.saldo_akhir), "total")


def _movement(conn: sqlite3.Connection, account: str, normal: str, start: dt.date | None,
              end: dt.date) -> int:
    net = account_balance(conn, account, end)
    if start is not None:
        net -= account_balance(conn, account, start - dt.timedelta(days=1))
    return net if normal == "D" else -net


def buku_besar(conn: sqlite3.Connection, *, account: str, start: dt.date,
               end: dt.date) -> BukuBesar:
    """An account's ledger; result accounts start each calendar year from zero."""
    info = get_account(conn, account)
    opening_from = year_start(start) if info.code[0] in "45" else None
    opening = _movement(conn, info.code, info.normal, opening_from, day_before(start))
    return BukuBesar(conn, info.code, info.name, info.normal, start, end, opening)
