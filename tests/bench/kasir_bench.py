"""(o) The kasir on the 5-year book: a 20-line nota, and "Bayar" to ready for the next customer.

Issue 13's targets: posting a 20-line nota ≤ 30 ms on the 5-year book, beside a one-line nota
in the same run; and from "Bayar" on the real Kasir page (its worker thread, offscreen, no
printer) to the cart empty and the cursor back in the code field ≤ 150 ms, beside the same
3-line sale posted without the screen. The screen runs in a child process
(`tests.bench.kasir_probe`) so Qt never loads into the benchmark runner.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.books.business import open_business
from desktop.books.forms import TxInput, post_tx, post_tx_in
from desktop.books.stock import add_item
from tests.bench import inproc
from tests.bench.desktop import qt_env
from tests.bench.generate import BookFiles
from tests.bench.measure import Result, run_process, time_calls
from tests.bench.procs import ROOT

RUNS, QUICK_RUNS = 40, 8
TARGETS = {"nota_s": 0.030, "bayar_s": 0.150}
SKUS = [f"KSR-{n:02d}" for n in range(20)]


def barcode(n: int) -> str:
    """The bench item's barcode (13 digits)."""
    return f"89910000000{n:02d}"


def seed_items(data_dir: Path, slug: str, day: dt.date) -> None:
    """Twenty items with barcodes, each bought 100,000 units on `day` (setup, not timed)."""
    book = open_business(data_dir, slug, inproc.PIN)
    try:
        with book.write() as conn:
            for n, sku in enumerate(SKUS):
                add_item(conn, sku=sku, name=f"Barang kasir {n + 1}", unit="pcs",
                         price=500_000 + 10_000 * n, barcode=barcode(n))
                post_tx_in(conn, TxInput(type="pembelian-persediaan", date=day, item=sku,
                                         qty="100000", amount="30000000"),
                           device_id=book.device_id, day=day)
    finally:
        book.close()


def nota_samples(data_dir: Path, slug: str, day: dt.date, count: int, runs: int) -> list[float]:
    """Seconds per cash nota of `count` lines (one unit of each item at its price)."""
    book = open_business(data_dir, slug, inproc.PIN)
    try:
        lines = [f"{sku}:1" for sku in SKUS[:count]]
        return time_calls(lambda: post_tx(book, TxInput(
            type="penjualan-tunai", date=day, lines=lines, channel="toko")), runs)
    finally:
        book.close()


def kasir_rows(book: BookFiles, work: Path, checks: dict[str, bool], *, quick: bool,
               say: Callable[[str], None]) -> list[Result]:
    """Section (o) on its own copy of the benchmark book."""
    runs = QUICK_RUNS if quick else RUNS
    end = dt.date.fromisoformat(str(book.meta["end"]))
    data_dir = work / "kasir"
    say("kasir: importing the benchmark book (setup)")
    slug = inproc.import_book(data_dir, "Toko Bench Kasir", book.csv)
    seed_items(data_dir, slug, end)
    nota_samples(data_dir, slug, end, 1, 1)  # warm-up: the first open makes the daily copy
    say(f"kasir: {runs} notas of 20 lines and {runs} of 1 line, alternating blocks")
    twenty, one = [], []
    for _ in range(2):
        twenty += nota_samples(data_dir, slug, end, 20, runs // 2)
        one += nota_samples(data_dir, slug, end, 1, runs // 2)
    say(f"kasir: {runs} payments on the Kasir page (child process, offscreen)")
    done = run_process([sys.executable, "-m", "tests.bench.kasir_probe", str(data_dir), slug,
                        str(runs)], env=qt_env(), cwd=ROOT)
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    checks["kasir: every payment left the cart empty and posted one nota"] = \
        probe["notas_posted"] == runs
    three = nota_samples(data_dir, slug, end, 3, runs)
    return [
        Result("o", "post_tx: a cash nota of 20 lines on the 5-year book", "s", twenty,
               TARGETS["nota_s"], "a cash nota of 1 line, same book, same run", one,
               note="one entry, 20 stock moves each costed at the date-ordered moving average"),
        Result("o", "Kasir page: Bayar (3 scanned lines, cash) to ready for the next customer",
               "s", probe["bayar_s"], TARGETS["bayar_s"],
               "the same 3-line sale posted without the screen (post_tx)", three,
               note="real page and worker thread, offscreen; from pay() to an empty cart, "
                    "Rp0 and the cursor in the code field; printing excluded (no printer)"),
    ]
