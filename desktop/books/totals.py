"""Totals kept at posting time, so no report ever scans journal lines.

`account_day` holds each account's debits and credits per day *and* the running totals up to
that day, so the balance on any date is one index seek per account however old the books
are. `cashflow_day` holds the direct-method cash flow per category per day, and
`stock_balance` the quantity and value per item.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from desktop.books.cashflow import cash_flows

_ACCOUNT_DAY_UPSERT = (
    "INSERT INTO account_day (account, date, debit, credit, cum_debit, cum_credit) "
    "SELECT account, date, SUM(debit), SUM(credit), 0, 0 FROM line "
    "WHERE entry_seq BETWEEN ? AND ? GROUP BY account, date "
    "ON CONFLICT(account, date) DO UPDATE SET "
    "debit = debit + excluded.debit, credit = credit + excluded.credit"
)
# Running totals are rebuilt only from the earliest date each posting touched, so a posting
# dated today updates one row per account, and a back-dated one the days after it.
_RUNNING_TOTALS = """
UPDATE account_day AS t SET cum_debit = x.cd, cum_credit = x.cc
FROM (
    SELECT d.account, d.date,
        COALESCE((SELECT p.cum_debit FROM account_day p WHERE p.account = d.account
                  AND p.date < s.since ORDER BY p.date DESC LIMIT 1), 0)
            + SUM(d.debit) OVER w AS cd,
        COALESCE((SELECT p.cum_credit FROM account_day p WHERE p.account = d.account
                  AND p.date < s.since ORDER BY p.date DESC LIMIT 1), 0)
            + SUM(d.credit) OVER w AS cc
    FROM ({since}) AS s
    JOIN account_day d ON d.account = s.account AND d.date >= s.since
    WINDOW w AS (PARTITION BY d.account ORDER BY d.date ROWS UNBOUNDED PRECEDING)
) AS x
WHERE t.account = x.account AND t.date = x.date
"""
_SINCE_FROM_LINES = (
    "SELECT account, MIN(date) AS since FROM line WHERE entry_seq BETWEEN ?1 AND ?2 GROUP BY account"
)
_SINCE_GIVEN = "SELECT key AS account, value AS since FROM json_each(?1)"
_DAY_ROWS_UPSERT = (
    "INSERT INTO account_day (account, date, debit, credit, cum_debit, cum_credit) "
    "VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT(account, date) DO UPDATE SET "
    "debit = debit + excluded.debit, credit = credit + excluded.credit"
)
DayTotals = dict[tuple[str, str], list[int]]  # (account, ISO date) -> [debit, credit]
_STOCK_UPSERT = (
    "INSERT INTO stock_balance (item_id, qty, value) "
    "SELECT item_id, SUM(qty), SUM(value) FROM stock_move "
    "WHERE entry_seq BETWEEN ? AND ? GROUP BY item_id "
    "ON CONFLICT(item_id) DO UPDATE SET qty = qty + excluded.qty, value = value + excluded.value"
)


def apply_aggregates(conn: sqlite3.Connection, first_seq: int, last_seq: int, *,
                     day_totals: DayTotals | None = None) -> None:
    """Fold newly written entries (local sequence range) into every kept total.

    A bulk writer that already summed its lines per account and day passes `day_totals`, so
    the lines are not read back twice (a whole-book import: about a second saved).
    """
    span = (first_seq, last_seq)
    if day_totals is None:
        conn.execute(_ACCOUNT_DAY_UPSERT, span)
        conn.execute(_RUNNING_TOTALS.format(since=_SINCE_FROM_LINES), span)
    else:
        conn.executemany(_DAY_ROWS_UPSERT, ((account, day, debit, credit)
                                            for (account, day), (debit, credit)
                                            in day_totals.items()))
        since: dict[str, str] = {}
        for account, day in day_totals:
            if day < since.get(account, "9999"):
                since[account] = day
        conn.execute(_RUNNING_TOTALS.format(since=_SINCE_GIVEN), (json.dumps(since),))
    cash_flows(conn, first_seq, last_seq)
    conn.execute(_STOCK_UPSERT, span)


def cumulative(conn: sqlite3.Connection, day: dt.date, *, before: bool = False) -> dict[str, int]:
    """Debit minus credit per account for everything dated up to `day` (or before it)."""
    op = "<" if before else "<="
    rows = conn.execute(
        "SELECT a.code, (SELECT d.cum_debit - d.cum_credit FROM account_day d "
        f"WHERE d.account = a.code AND d.date {op} ? ORDER BY d.date DESC LIMIT 1) FROM account a",
        (day.isoformat(),),
    )
    return {code: int(net) for code, net in rows if net}


def net_between(conn: sqlite3.Connection, start: dt.date | None, end: dt.date) -> dict[str, int]:
    """Debit minus credit per account for postings dated in [start, end] (start None = ever)."""
    upto = cumulative(conn, end)
    if start is None:
        return upto
    before = cumulative(conn, start, before=True)
    net = {code: upto.get(code, 0) - before.get(code, 0) for code in upto.keys() | before.keys()}
    return {code: amount for code, amount in net.items() if amount}


def account_balance(conn: sqlite3.Connection, account: str,
                    day: dt.date | None = None) -> int:
    """Debit minus credit of one account up to a date (all time when no date is given)."""
    row = conn.execute(
        "SELECT cum_debit - cum_credit FROM account_day WHERE account = ? AND date <= ? "
        "ORDER BY date DESC LIMIT 1", (account, (day or dt.date.max).isoformat())).fetchone()
    return int(row[0]) if row else 0
