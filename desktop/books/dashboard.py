"""Beranda figures: cash now, this month against last, twelve months, low stock, bills due."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import add_months, month_end
from desktop.books.reports.aging import umur
from desktop.books.stock import list_items
from desktop.books.totals import account_balance, net_between


@dataclass(frozen=True)
class MonthFigures:
    """Sales (41xx), every expense (5xxx) and the result of one month, in sen."""

    month: dt.date
    sales: int
    expenses: int

    @property
    def profit(self) -> int:
        return self.sales - self.expenses


@dataclass(frozen=True)
class DueBill:
    """A customer's open invoice that falls due soon or is overdue."""

    party: str
    ref: str
    due: dt.date
    open: int


@dataclass(frozen=True)
class Dashboard:
    """Everything Beranda shows."""

    today: dt.date
    cash: list[tuple[str, int]]
    this_month: MonthFigures
    last_month: MonthFigures  # the same days of last month (all of it on a month's last day)
    months: list[MonthFigures]
    low_stock: list[tuple[str, int, str]]
    due_soon: list[DueBill]


def month_figures(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> MonthFigures:
    """One month's (or part-month's) sales, expenses and result from the kept totals."""
    net = net_between(conn, first, last)
    sales = -sum(v for k, v in net.items() if k.startswith("4"))
    expenses = sum(v for k, v in net.items() if k.startswith("5"))
    return MonthFigures(first, sales, expenses)


def dashboard(conn: sqlite3.Connection, *, today: dt.date, due_days: int = 7) -> Dashboard:
    """Compute Beranda; every number comes from balances kept at posting time."""
    first = today.replace(day=1)
    cash = [(name, account_balance(conn, code, today)) for code, name in conn.execute(
        "SELECT code, name FROM account WHERE cashflow = 'kas' AND active = 1 ORDER BY code")]
    months = []
    for back in range(11, -1, -1):
        start = add_months(first, -back)
        end = min(month_end(start.year, start.month), today)
        months.append(month_figures(conn, start, end))
    # This month so far against the same days of last month, so the 1st does not read as a
    # 97% drop; on the last day of the month the whole of last month.
    prior = add_months(first, -1)
    prior_end = month_end(prior.year, prior.month)
    same_days = prior_end if today == month_end(today.year, today.month) else min(
        prior + dt.timedelta(days=today.day - 1), prior_end)
    last_month = month_figures(conn, prior, same_days)
    low = [(item.name, level.qty, item.unit) for item, level in list_items(conn)
           if item.active and level.qty <= item.min_qty]
    aging = umur(conn, kind="piutang", as_of=today)
    horizon = today + dt.timedelta(days=due_days)
    due = sorted((DueBill(p.party, i.ref, i.due, i.open) for p in aging.parties for i in p.items
                  if i.due <= horizon), key=lambda bill: bill.due)
    return Dashboard(today, cash, months[-1], last_month, months, low, due)
