"""In-process benchmarks: report computation, report scaling and posting one form."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.books.business import create_business, open_business
from desktop.books.dates import year_start
from desktop.books.forms import TxInput, post_tx
from desktop.books.journal_csv import import_journal
from desktop.books.reports.statements import laba_rugi, posisi_keuangan
from tests.bench import baseline
from tests.bench.measure import time_calls

PIN = "1234"


@dataclass(frozen=True)
class ReportSamples:
    """Seconds per call of each statement and of the naive line-scanning equivalent."""

    posisi: list[float]
    laba: list[float]
    naive_posisi: list[float]
    naive_laba: list[float]
    totals: dict[str, int]


def time_reports(data_dir: Path, key: str, *, start: dt.date, end: dt.date,
                 runs: int) -> ReportSamples:
    """Time posisi_keuangan and laba_rugi on an open book, and the same sums from raw lines."""
    book = open_business(data_dir, key, PIN)
    try:
        conn = book.conn
        posisi = time_calls(lambda: posisi_keuangan(conn, as_of=end), runs)
        laba = time_calls(lambda: laba_rugi(conn, start=start, end=end), runs)
        naive_posisi = time_calls(lambda: (baseline.naive_net(conn, None, end),
                                           baseline.naive_net(conn, year_start(end), end)), runs)
        naive_laba = time_calls(lambda: baseline.naive_net(conn, start, end), runs)
        statement = posisi_keuangan(conn, as_of=end)
        result = laba_rugi(conn, start=start, end=end)
        totals = {"total_aset": statement.total_aset,
                  "total_liabilitas_ekuitas": statement.total_liabilitas
                  + statement.total_ekuitas, "laba_bersih": result.laba_bersih}
    finally:
        book.close()
    return ReportSamples(posisi, laba, naive_posisi, naive_laba, totals)


def expected_totals(net_by_account: dict[str, int]) -> dict[str, int]:
    """What the statements must show for a book whose per-account nets are known."""
    aset = sum(v for code, v in net_by_account.items() if code[0] == "1")
    profit = -sum(v for code, v in net_by_account.items() if code[0] in "45")
    return {"total_aset": aset, "total_liabilitas_ekuitas": aset, "laba_bersih": profit}


def import_book(data_dir: Path, name: str, csv_path: Path) -> str:
    """Create a business and import a journal into it in-process (setup, not timed)."""
    ref = create_business(data_dir, name=name, pin=PIN)
    book = open_business(data_dir, ref.slug, PIN)
    try:
        import_journal(book, csv_path)
    finally:
        book.close()
    return ref.slug


@dataclass(frozen=True)
class PostingSamples:
    """Seconds per posted form and per raw durable insert, plus the refs the forms got."""

    forms: list[float]
    raw: list[float]
    first_ref: str
    last_ref: str


def time_postings(data_dir: Path, key: str, raw_db: Path, *, day: str,
                  count: int) -> PostingSamples:
    """Post `count` penjualan-tunai forms one by one, then `count` raw two-line entries."""
    book = open_business(data_dir, key, PIN)
    refs: list[str] = []
    try:
        def post() -> None:
            refs.append(post_tx(book, TxInput(type="penjualan-tunai", date=day,
                                              amount="15000")).ref)

        forms = time_calls(post, count)
    finally:
        book.close()
    conn = sqlite3.connect(raw_db, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = FULL")
        raw = time_calls(lambda: baseline.post_raw(conn, day, 15_000_00), count)
    finally:
        conn.close()
    return PostingSamples(forms, raw, refs[0], refs[-1])
