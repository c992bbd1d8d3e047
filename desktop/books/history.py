"""Reading posted entries back: the transaction list and the cash book an owner scrolls through.

The cash book is read a page at a time with keyset pagination (newest first: date, then seq),
so the thousandth page costs what the first one does: every page is a range read of an
index (`entry_date`, or `line_account_date` when filtering by account) that stops after one
page, never an OFFSET.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.books.errors import NotFoundError
from desktop.books.money import sen_str

PAGE_SIZE = 200
STATUSES = ("aktif", "dibatalkan", "pembatalan")
_STATUS = ("CASE WHEN e.reverses_seq IS NOT NULL THEN 'pembatalan' "
           "WHEN EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) THEN 'dibatalkan' "
           "ELSE 'aktif' END")
_FIRST_DAY, _LAST_DAY = "0001-01-01", "9999-12-31"


@dataclass(frozen=True)
class EntrySummary:
    """One entry as a line in a list: what, when, how much, and whether it was cancelled."""

    ref: str
    date: dt.date
    kind: str
    memo: str
    amount: int
    party: str | None
    status: str

    def to_json(self) -> dict[str, object]:
        return {"ref": self.ref, "date": self.date.isoformat(), "type": self.kind,
                "memo": self.memo, "amount": sen_str(self.amount), "party": self.party,
                "status": self.status}


def list_entries(conn: sqlite3.Connection, *, start: dt.date, end: dt.date,
                 limit: int = 500) -> list[EntrySummary]:
    """Entries dated in [start, end], newest first; status is aktif, dibatalkan or pembatalan."""
    rows = conn.execute(
        "SELECT e.ref, e.date, e.kind, e.memo, "
        f"(SELECT SUM(debit) FROM line WHERE entry_seq = e.seq), p.name, {_STATUS} "
        "FROM entry e LEFT JOIN party p ON p.id = e.party_id "
        "WHERE e.date BETWEEN ? AND ? ORDER BY e.date DESC, e.seq DESC LIMIT ?",
        (start.isoformat(), end.isoformat(), limit))
    return [EntrySummary(r[0], dt.date.fromisoformat(r[1]), r[2], r[3], int(r[4] or 0), r[5],
                         r[6]) for r in rows]


# -- the cash book ----------------------------------------------------------------------------
@dataclass(frozen=True)
class EntryFilter:
    """What the cash book shows: a date range, and optionally one form, account, party or words.

    `account` keeps the entries with a line on that account; `text` keeps the entries whose
    ref, memo or party name contains every word typed (case-insensitive).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None
    account: str | None = None
    party_id: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: just after the entry with this date and seq."""

    date: dt.date
    seq: int


@dataclass(frozen=True, slots=True)
class CashbookRow:
    """One entry in the cash book; `cash` is money into (+) or out of (−) kas, bank and QRIS.

    With an account filter on one cash account (11xx), `cash` is that account's movement.
    """

    seq: int
    date: dt.date
    ref: str
    kind: str
    memo: str
    party: str | None
    amount: int
    cash: int
    status: str

    @property
    def cash_in(self) -> int:
        """Money received (0 when the entry paid out or did not touch cash)."""
        return max(self.cash, 0)

    @property
    def cash_out(self) -> int:
        """Money paid out, as a positive amount."""
        return max(-self.cash, 0)


@dataclass(frozen=True)
class EntryPage:
    """One page of rows and the cursor of the page after it (None after the last page)."""

    rows: list[CashbookRow]
    next: Cursor | None


def is_cash_account(code: str | None) -> bool:
    """Kas, bank and QRIS accounts: the 11xx group."""
    return code is not None and code.startswith("11")


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class PageQuery:
    """The SQL of one page (or of the count) for a filter; also used raw by the benchmark."""

    sql: str
    params: tuple[object, ...]


def _select(filters: EntryFilter) -> tuple[str, list[object]]:
    """The row columns: cash is the one filtered cash account's movement, or all of 11xx."""
    if is_cash_account(filters.account):
        # `+account` keeps the planner on the line's primary key (entry_seq), not the account index
        cash = "(SELECT SUM(debit - credit) FROM line WHERE entry_seq = e.seq AND +account = ?)"
        params: list[object] = [filters.account]
    else:
        cash = ("(SELECT SUM(debit - credit) FROM line WHERE entry_seq = e.seq "
                "AND substr(account, 1, 2) = '11')")
        params = []
    return (f"SELECT e.seq, e.date, e.ref, e.kind, e.memo, p.name, "
            f"(SELECT SUM(debit) FROM line WHERE entry_seq = e.seq), {cash}, {_STATUS}"), params


def _conditions(filters: EntryFilter, after: Cursor | None) -> tuple[str, str, list[object]]:
    """FROM and WHERE for a filter; the driving index's date range is cut at the cursor."""
    by_account = bool(filters.account)
    if by_account:
        source = ("FROM line la JOIN entry e ON e.seq = la.entry_seq "
                  "LEFT JOIN party p ON p.id = e.party_id")
        day, seq, where = "la.date", "la.entry_seq", ["la.account = ?"]
        params: list[object] = [filters.account]
    else:
        source = "FROM entry e LEFT JOIN party p ON p.id = e.party_id"
        day, seq, where, params = "e.date", "e.seq", [], []
    upper = filters.end.isoformat() if filters.end else _LAST_DAY
    if after is not None:
        upper = min(upper, after.date.isoformat())
    where.append(f"{day} BETWEEN ? AND ?")
    params += [filters.start.isoformat() if filters.start else _FIRST_DAY, upper]
    if after is not None:
        where.append(f"({day} < ? OR {seq} < ?)")
        params += [after.date.isoformat(), after.seq]
    if filters.kind:
        where.append("e.kind = ?")
        params.append(filters.kind)
    if filters.party_id:
        where.append("e.party_id = ?")
        params.append(filters.party_id)
    for word in filters.text.split():
        where.append("(e.ref LIKE ? ESCAPE '\\' OR e.memo LIKE ? ESCAPE '\\' "
                     "OR p.name LIKE ? ESCAPE '\\')")
        params += [_like(word)] * 3
    return source, " WHERE " + " AND ".join(where), params


def page_query(filters: EntryFilter, *, after: Cursor | None = None,
               limit: int = PAGE_SIZE) -> PageQuery:
    """The SQL for one page of the cash book, newest first."""
    select, params = _select(filters)
    source, where, more = _conditions(filters, after)
    day, seq = ("la.date", "la.entry_seq") if filters.account else ("e.date", "e.seq")
    sql = f"{select} {source}{where} ORDER BY {day} DESC, {seq} DESC LIMIT ?"
    return PageQuery(sql, (*params, *more, limit))


@lru_cache(maxsize=4096)
def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _row(r: tuple[Any, ...]) -> CashbookRow:
    return CashbookRow(r[0], _day(r[1]), r[2], r[3], r[4], r[5], r[6] or 0, r[7] or 0, r[8])


def entry_page(conn: sqlite3.Connection, *, filters: EntryFilter, after: Cursor | None = None,
               limit: int = PAGE_SIZE) -> EntryPage:
    """One page of the cash book after `after` (from the newest when None)."""
    query = page_query(filters, after=after, limit=limit)
    raw = conn.execute(query.sql, query.params).fetchall()
    rows: list[CashbookRow] = []
    for values in raw:
        # An entry with two lines on the filtered account comes twice, side by side.
        if rows and rows[-1].seq == values[0]:
            continue
        rows.append(_row(values))
    last = raw[-1] if len(raw) == limit else None
    return EntryPage(rows, Cursor(_day(last[1]), int(last[0])) if last else None)


def rows_by_seq(conn: sqlite3.Connection, *, filters: EntryFilter,
                seqs: Sequence[int]) -> list[CashbookRow]:
    """Rows of already listed entries again, in the order given (a page scrolled back to)."""
    if not seqs:
        return []
    select, params = _select(filters)
    marks = ", ".join("?" * len(seqs))
    found = {int(r[0]): _row(r) for r in conn.execute(
        f"{select} FROM entry e LEFT JOIN party p ON p.id = e.party_id "
        f"WHERE e.seq IN ({marks})", (*params, *seqs))}
    return [found[s] for s in seqs if s in found]


def count_entries(conn: sqlite3.Connection, *, filters: EntryFilter) -> int:
    """How many entries the filter keeps (for the header), from the same indexes."""
    source, where, params = _conditions(filters, None)
    counted = "DISTINCT la.entry_seq" if filters.account else "*"
    if not (filters.text or filters.party_id or filters.kind):
        source = "FROM line la" if filters.account else "FROM entry e"
    return int(conn.execute(f"SELECT COUNT({counted}) {source}{where}", params).fetchone()[0])


# -- one entry --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DetailLine:
    """A posting line as the detail shows it: account code and name, debit, credit."""

    account: str
    name: str
    debit: int
    credit: int
    memo: str


@dataclass(frozen=True)
class EntryDetail:
    """One entry with its lines, and what cancelled it or what it cancels."""

    seq: int
    ref: str
    date: dt.date
    kind: str
    memo: str
    party: str | None
    status: str
    reason: str | None
    reversed_by: str | None
    reverses: str | None
    lines: list[DetailLine]

    @property
    def amount(self) -> int:
        """The entry's size: the sum of its debits."""
        return sum(line.debit for line in self.lines)


def entry_detail(conn: sqlite3.Connection, *, seq: int) -> EntryDetail:
    """The entry with this seq, its lines (in order) and its cancellation links."""
    head = conn.execute(
        f"SELECT e.seq, e.ref, e.date, e.kind, e.memo, p.name, {_STATUS}, "
        "COALESCE(e.reason, r.reason), r.ref, o.ref "
        "FROM entry e LEFT JOIN party p ON p.id = e.party_id "
        "LEFT JOIN entry r ON r.reverses_seq = e.seq LEFT JOIN entry o ON o.seq = e.reverses_seq "
        "WHERE e.seq = ?", (seq,)).fetchone()
    if head is None:
        raise NotFoundError("Transaksi dengan nomor '{value}' tidak ada", field="ref", value=seq)
    lines = [DetailLine(*row) for row in conn.execute(
        "SELECT l.account, a.name, l.debit, l.credit, l.memo FROM line l "
        "JOIN account a ON a.code = l.account WHERE l.entry_seq = ? ORDER BY l.line_no", (seq,))]
    return EntryDetail(head[0], head[1], _day(head[2]), head[3], head[4], head[5], head[6],
                       head[7], head[8], head[9], lines)


@dataclass(frozen=True)
class FilterChoices:
    """What the cash book's filters offer: every account and every party, by name."""

    accounts: list[tuple[str, str]]
    parties: list[tuple[str, str]]


def filter_choices(conn: sqlite3.Connection) -> FilterChoices:
    """Accounts by code (inactive ones too: they have history) and parties by name."""
    accounts = [(str(c), str(n)) for c, n in conn.execute("SELECT code, name FROM account "
                                                          "ORDER BY code")]
    parties = [(str(i), str(n)) for i, n in conn.execute("SELECT id, name FROM party "
                                                         "ORDER BY name_key")]
    return FilterChoices(accounts, parties)
