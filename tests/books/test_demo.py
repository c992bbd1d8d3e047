"""The demo business is right on any day of the year: it runs up to today, sells today, and
its statements balance, on 1 January and 29 February as on any other day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.books.business import open_business
from desktop.books.dashboard import dashboard, month_figures
from desktop.books.dates import add_months, month_end, year_start
from desktop.books.demo import DEMO_PIN, create_demo, demo_months
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan

D = dt.date
# New Year's Day, the last day of a year, a leap day, a Sunday the 1st, and a plain Saturday.
DAYS = [D(2027, 1, 1), D(2026, 12, 31), D(2028, 2, 29), D(2026, 11, 1), D(2026, 12, 5)]


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
def test_the_demo_runs_up_to_today_and_balances(tmp_path: Path, day: dt.date) -> None:
    ref, created = create_demo(tmp_path, today=day)
    assert created
    book = open_business(tmp_path, ref.slug, DEMO_PIN)
    conn = book.conn
    first, last = conn.execute("SELECT MIN(date), MAX(date) FROM entry").fetchone()
    assert first == add_months(day.replace(day=1), -3).isoformat()
    assert first == demo_months(day)[0].isoformat()
    assert last == day.isoformat()
    sold_day = conn.execute("SELECT count(*) FROM entry WHERE date = ? AND kind = "
                              "'penjualan-tunai'", (day.isoformat(),)).fetchone()[0]
    assert sold_day >= 2  # both flavours, even on a Sunday or a holiday

    pos = posisi_keuangan(conn, as_of=day)
    assert pos.total_aset == pos.total_liabilitas + pos.total_ekuitas > 0
    trial = neraca_saldo(conn, as_of=day).to_json()
    assert trial["total_debit"] == trial["total_credit"]
    this_year = laba_rugi(conn, start=year_start(day), end=day)
    assert this_year.to_json()["total_pendapatan"] != "0.00"

    home = dashboard(conn, today=day)
    assert home.this_month.sales > 0
    # compared with the same days of last month, or all of it on a month's last day
    prior = add_months(day.replace(day=1), -1)
    upto = month_end(prior.year, prior.month) if day == month_end(day.year, day.month) else \
        min(prior + dt.timedelta(days=day.day - 1), month_end(prior.year, prior.month))
    assert home.last_month == month_figures(conn, prior, upto)
    cancelled = conn.execute("SELECT count(*) FROM entry WHERE reverses_seq IS NOT NULL"
                             ).fetchone()[0]
    assert cancelled == 1  # one mistake and its cancellation, whatever the month
    book.close()
    assert create_demo(tmp_path, today=day)[1] is False
