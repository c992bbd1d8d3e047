"""(l) A purchase typed today but dated in the past of the benchmark book.

Date-ordered costing re-costs the item from the purchase's date and books the changed HPP as
Penyesuaian HPP entries; this measures that beside a purchase dated on the book's last day,
in the same run, on the imported benchmark book given five years of one item's stock history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from desktop.books.business import open_business
from desktop.books.forms import TxInput, post_tx, post_tx_in
from desktop.books.stock import add_item
from tests.bench import inproc
from tests.bench.generate import BookFiles
from tests.bench.measure import Result, time_calls

RUNS, QUICK_RUNS = 15, 5
TARGET_S = 0.200
SKU = "BRS-BENCH"
BACK_DAYS = (30, 365)  # typed a month late, and a year late


def seed_history(data_dir: Path, slug: str, start: dt.date, end: dt.date) -> int:
    """One item bought weekly and sold daily from `start` to `end` (setup, not timed)."""
    book = open_business(data_dir, slug, inproc.PIN)
    posted = 0
    try:
        with book.write() as conn:
            add_item(conn, sku=SKU, name="Beras bench", unit="kg", price=1_500_000)
            day = start
            while day <= end:
                if day.weekday() == 0 or day == start:
                    price = 10_000 + (day.toordinal() % 7) * 250  # the price moves week to week
                    post_tx_in(conn, TxInput(type="pembelian-persediaan", date=day, item=SKU,
                                             qty="100", amount=str(price * 100)),
                               device_id=book.device_id, day=day)
                    posted += 1
                post_tx_in(conn, TxInput(type="penjualan-tunai", date=day, item=SKU, qty="14",
                                         amount="210000"), device_id=book.device_id, day=day)
                posted += 1
                day += dt.timedelta(days=1)
    finally:
        book.close()
    return posted


def _timed(data_dir: Path, slug: str, day: dt.date, runs: int) -> tuple[list[float], list[str]]:
    book = open_business(data_dir, slug, inproc.PIN)
    booked: list[str] = []
    try:
        def post() -> None:
            before = _count_hp(book)
            post_tx(book, TxInput(type="pembelian-persediaan", date=day, item=SKU, qty="10",
                                  amount="120000"))
            booked.append(str(_count_hp(book) - before))
        return time_calls(post, runs), booked
    finally:
        book.close()


def _count_hp(book: object) -> int:
    conn = book.conn  # type: ignore[attr-defined]
    return int(conn.execute("SELECT COUNT(*) FROM entry WHERE kind = 'penyesuaian-hpp'")
               .fetchone()[0])


def backdate_rows(book: BookFiles, work: Path, checks: dict[str, bool], *, quick: bool,
                  say: Callable[[str], None]) -> list[Result]:
    """Back-dated purchases against today-dated ones, alternating blocks, on its own copy."""
    runs = QUICK_RUNS if quick else RUNS
    start = dt.date.fromisoformat(str(book.meta["start"]))
    end = dt.date.fromisoformat(str(book.meta["end"]))
    data_dir = work / "backdate"
    say("backdate: importing the benchmark book (setup)")
    slug = inproc.import_book(data_dir, "Toko Bench Stok", book.csv)
    say(f"backdate: five years of stock history for {SKU} (setup)")
    history = seed_history(data_dir, slug, start, end)
    _timed(data_dir, slug, end, 1)  # warm-up: the first open copies the book (daily backup)
    rows = []
    for days in BACK_DAYS:
        day = end - dt.timedelta(days=days)
        say(f"backdate: {runs} purchases dated {day} and {runs} dated {end}")
        back, hp = _timed(data_dir, slug, day, runs)
        same, _ = _timed(data_dir, slug, end, runs)
        checks[f"a purchase dated {day} booked Penyesuaian HPP entries"] = all(
            int(n) > 0 for n in hp)
        rows.append(Result(
            "l", f"post_tx(pembelian-persediaan dated {day}, {days} days back) per posting",
            "s", back, TARGET_S, f"same purchase dated {end} (the book's last day)", same,
            note=f"{SKU}: {history:,} stock entries over {start}..{end} (weekly purchases at "
                 f"moving prices, daily sales); each back-dated purchase re-costs every later "
                 f"sale and books Penyesuaian HPP entries ({hp[0]} per posting on the first run)"))
    return rows
