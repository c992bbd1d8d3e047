"""`python -m tests.bench.run [--quick | --entries N] [--only SECTION]`: run the benchmarks,
print the table (`--help` lists the sections)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from desktop.books.fmt import rupiah
from desktop.books.money import decimal_to_sen, sen_str
from tests.bench import (
    backdate,
    baseline,
    bookfile,
    crypt_bench,
    desktop,
    dinas_bench,
    inproc,
    kasir_bench,
    pdf,
    procs,
    rawpdf,
    shop_bench,
    sync_bench,
)
from tests.bench.generate import (
    DEFAULT_ENTRIES,
    DEFAULT_SEED,
    QUICK_ENTRIES,
    BookFiles,
    book_files,
)
from tests.bench.measure import ProcessRun, Result
from tests.bench.report import write

HERE = Path(__file__).resolve().parent
RUNS = {"import": 3, "report_process": 7, "report_inproc": 21, "posts": 200, "tools": 3,
        "pack_pdf": 5, "ledger_pdf": 3}
TARGETS = {"import_s": 10.0, "import_mb": 400.0, "report_process_s": 0.8,
           "report_inproc_s": 0.050, "growth_ratio": 1.5, "post_s": 0.020,
           "pack_pdf_s": 2.0, "ledger_pdf_s": 15.0, "ledger_pdf_mb": 300.0}
LEDGER_LINES = 100_000  # buku besar length on the full book; smaller books scale it down
RAW = "raw sqlite3 executemany (process)"


def say(text: str) -> None:
    """Progress on stderr, so stdout carries only the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _secs(runs: list[ProcessRun]) -> list[float]:
    return [r.seconds for r in runs]


def _mb(runs: list[ProcessRun]) -> list[float]:
    return [r.peak_rss_mb for r in runs]


def import_rows(book: BookFiles, work: Path, checks: dict[str, bool]) -> tuple[list[Result],
                                                                           procs.ImportRuns]:
    """(a) raw baseline and (b) `lumbung journal import`, alternating, each into a fresh file."""
    say(f"import: {RUNS['import']} × (raw baseline, lumbung journal import) of {book.csv.name}")
    runs = procs.bench_import(book, work, RUNS["import"])
    insert = statistics.median(float(c["insert_seconds"]) for c in runs.baseline_counts)
    checks["lumbung import counts match the generated book (every run)"] = all(
        c["entries"] == book.entries and c["lines"] == book.lines for c in runs.counts)
    checks["raw baseline counts match the generated book"] = all(
        c["entries"] == book.entries and c["lines"] == book.lines for c in runs.baseline_counts)
    checks["baseline CREATE statements still match schema.py"] = not baseline.schema_drift()
    checks["the whole-book import left well-formed HLC stamps in the outbox"] = valid_stamps(
        runs.data_dir)
    rows = [
        Result("a", "raw sqlite3: parse CSV + executemany into entry/line (whole process)", "s",
               _secs(runs.baseline), note=f"insert-only part {insert:.2f} s; same CREATE TABLE "
               "and indexes as schema.py, WAL, synchronous=FULL, foreign keys off, one "
               "transaction"),
        Result("a", "raw sqlite3 baseline peak RSS", "MB", _mb(runs.baseline), aggregate="max"),
        Result("b", "`lumbung journal import FILE` (whole process, fresh business)", "s",
               _secs(runs.imports), TARGETS["import_s"], RAW, _secs(runs.baseline)),
        Result("b", "`lumbung journal import` peak RSS (worst run)", "MB", _mb(runs.imports),
               TARGETS["import_mb"], RAW, _mb(runs.baseline), aggregate="max"),
    ]
    return rows, runs


def valid_stamps(data_dir: Path) -> bool:
    """Every outbox stamp is `15 digits:5 digits:device` (the server refuses any other)."""
    import re

    conn = bookfile.read_only(bookfile.the_book(data_dir))
    try:
        stamps = [row[0] for row in conn.execute("SELECT hlc FROM outbox")]
    finally:
        conn.close()
    return all(re.fullmatch(r"[0-9]{15}:[0-9]{5}:[0-9a-f-]{1,36}", s) for s in stamps)


def report_process_rows(runs: procs.ImportRuns, book: BookFiles,
                        checks: dict[str, bool]) -> list[Result]:
    """(c) each report as a whole process, beside a naive whole-process report."""
    start, end = str(book.meta["start"]), str(book.meta["end"])
    say(f"reports: {RUNS['report_process']} runs of each report process")
    rep = procs.bench_reports(runs.data_dir, runs.slug, start, end, RUNS["report_process"])
    expected = inproc.expected_totals(book.net())
    for name, data in rep.outputs.items():
        key = "laba_bersih" if "laba-rugi" in name else "total_aset"
        if "--as-of" in name or key == "laba_bersih":
            checks[f"`{name}` {key} matches the book"] = data.get(key) == sen_str(expected[key])
    naive = "naive report process: python + SUM over all lines"
    posisi = _secs(rep.commands["report posisi-keuangan --json"])
    rows = [Result("c", "first report after import (includes the daily backup copy)", "s",
                   [rep.first_open.seconds], None, "same report, later runs", posisi,
                   note="open_business() copies the whole book once a day (backup.daily_copy)")]
    rows += [Result("c", f"`lumbung {name}` (whole process)", "s", _secs(samples),
                    TARGETS["report_process_s"], naive, _secs(rep.naive))
             for name, samples in rep.commands.items()]
    rows.append(Result("c", "`python -c pass` (interpreter start-up floor)", "s",
                       _secs(rep.startup)))
    return rows


def inproc_rows(runs: procs.ImportRuns, book: BookFiles, work: Path,
                checks: dict[str, bool]) -> list[Result]:
    """(c) statement computation in-process, and its growth from a 1-year to the whole book."""
    start = dt.date.fromisoformat(str(book.meta["start"]))
    end = dt.date.fromisoformat(str(book.meta["end"]))
    first_end = dt.date.fromisoformat(str(book.meta["first_year_end"]))
    n = RUNS["report_inproc"]
    say(f"in-process reports: {n} runs each, whole book and first-year subset")
    whole = inproc.time_reports(runs.data_dir, runs.slug, start=start, end=end, runs=n)
    checks["in-process statements match the whole book"] = (
        whole.totals == inproc.expected_totals(book.net()))
    sub_dir = work / "first-year"
    slug = inproc.import_book(sub_dir, "Toko Bench Setahun", book.first_year_csv)
    year = inproc.time_reports(sub_dir, slug, start=start, end=first_end, runs=n)
    checks["in-process statements match the first-year subset"] = (
        year.totals == inproc.expected_totals(book.net(first_year=True)))
    naive = "naive: SUM over all lines (in-process)"
    grow = f"same call on the 1-year subset ({book.meta['first_year_entries']:,} entries)"
    growth = "5-year ÷ 1-year: reports must not grow with the book"
    return [
        Result("c", f"posisi_keuangan(as_of={end}) in-process", "s", whole.posisi,
               TARGETS["report_inproc_s"], naive, whole.naive_posisi),
        Result("c", f"laba_rugi({start}..{end}) in-process", "s", whole.laba,
               TARGETS["report_inproc_s"], naive, whole.naive_laba),
        Result("c", "growth: posisi_keuangan on the whole book", "s", whole.posisi,
               TARGETS["growth_ratio"], grow, year.posisi, target_on="ratio", note=growth),
        Result("c", "growth: laba_rugi over the whole book", "s", whole.laba,
               TARGETS["growth_ratio"], grow, year.laba, target_on="ratio", note=growth),
        Result("c", "growth of the naive line scan, for contrast", "s", whole.naive_posisi,
               None, grow, year.naive_posisi),
    ]


def posting_rows(runs: procs.ImportRuns, book: BookFiles) -> list[Result]:
    """(d) posting one penjualan-tunai form at a time into the imported book."""
    day = str(book.meta["end"])
    say(f"posting: {RUNS['posts']} penjualan-tunai forms, then {RUNS['posts']} raw inserts")
    posts = inproc.time_postings(runs.data_dir, runs.slug, runs.raw_db, day=day,
                                 count=RUNS["posts"])
    ordered = sorted(posts.forms)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    note = (f"first posting {posts.forms[0] * 1000:.1f} ms (got {posts.first_ref}, the ref "
            f"after the highest one the import used), p95 {p95 * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms; last ref "
            f"{posts.last_ref}")
    return [Result("d", f"post_tx(penjualan-tunai, {day}, 15000) per posting", "s",
                   posts.forms, TARGETS["post_s"],
                   "raw durable 2-line insert (own transaction)", posts.raw, note=note)]


def tool_rows(book: BookFiles, report_rows: list[Result], meta: dict[str, object],
              checks: dict[str, bool]) -> list[Result]:
    """(e) ledger-cli and hledger `balance` on the same book, when installed."""
    posisi = next(r for r in report_rows if "--as-of" in r.name)
    expected = inproc.expected_totals(book.net())["total_aset"] / 100
    rows, tools = [], {}
    for tool in ("ledger", "hledger"):
        say(f"{tool}: {RUNS['tools']} runs of `{tool} -f book.ledger balance`")
        found = procs.bench_tool(tool, book.ledger, RUNS["tools"])
        if found is None:
            say(f"{tool} is not installed: comparison skipped")
            tools[tool] = "not available"
            continue
        tools[tool] = found.version
        checks[f"{tool} total Aset matches the book"] = (
            found.total_aset is not None and abs(found.total_aset - expected) < 0.01)
        rows.append(Result("e", f"`{tool} -f book.ledger balance` (whole process)", "s",
                           _secs(found.runs), None, f"`{posisi.name.split('`')[1]}`",
                           posisi.samples,
                           note=f"{found.version}; peak RSS {max(_mb(found.runs)):.0f} MB; "
                           "re-parses the whole text journal on every run"))
    meta["tools"] = tools
    return rows


def ledger_target(book: BookFiles) -> int:
    """LEDGER_LINES on the full book; scaled by entries on a smaller (e.g. `--quick`) book."""
    if book.entries == DEFAULT_ENTRIES:
        return LEDGER_LINES
    return max(1, round(LEDGER_LINES * book.entries / DEFAULT_ENTRIES))


def printed_rows(runs: procs.ImportRuns, book: BookFiles, work: Path, meta: dict[str, object],
                 checks: dict[str, bool]) -> list[Result]:
    """(f) printed reports: the last year's pack and a long buku besar, PDF beside JSON."""
    end = dt.date.fromisoformat(str(book.meta["end"]))
    year_from, year_to = end.replace(month=1, day=1).isoformat(), end.isoformat()
    out_dir = work / "pdf"
    out_dir.mkdir()
    say(f"pack: {RUNS['pack_pdf']} × (`report paket --pdf`, `--json`) for {year_from}..{year_to}")
    pack = pdf.bench_pack(runs.data_dir, runs.slug, year_from, year_to, RUNS["pack_pdf"],
                          out_dir)
    assert pack.file is not None
    result = pack.data.get("laba_rugi")
    profit = sen_str(pdf.year_profit(runs.data_dir, year_from, year_to))
    checks[f"`report paket` laba bersih {end.year} matches the imported lines"] = (
        isinstance(result, dict) and result.get("laba_bersih") == profit)
    checks["`report paket --pdf` has cover, four statements and CALK (≥ 6 pages)"] = (
        pack.file.pages >= 6)
    target = ledger_target(book)
    span = pdf.choose_span(runs.data_dir, account=pdf.LEDGER_ACCOUNT, end=end, target=target)
    say(f"buku besar {span.account} {span.start}..{span.end}: {span.lines:,} lines (aim "
        f"{target:,}); {RUNS['ledger_pdf']} × (PDF, --json, raw canvas, JSON without text)")
    led = pdf.bench_ledger(runs.data_dir, runs.slug, span, RUNS["ledger_pdf"], out_dir)
    assert led.file is not None and led.raw_file is not None
    lines = led.data.get("lines")
    closing = str(led.data.get("saldo_akhir"))
    checks[f"buku besar --json has the {span.lines:,} lines counted in the line table"] = (
        isinstance(lines, list) and len(lines) == span.lines)
    checks["buku besar --json saldo_akhir equals its last running saldo"] = (
        isinstance(lines, list) and bool(lines) and lines[-1].get("saldo") == closing)
    checks["JSON-only contrast script printed the same JSON as `--json`"] = led.same_json
    if led.last_page is not None:
        shown = rupiah(decimal_to_sen(Decimal(closing)))
        checks[f"buku besar PDF's last page shows Saldo akhir {shown}"] = (
            "Saldo akhir" in led.last_page and shown in led.last_page)
    scaled = "" if target == LEDGER_LINES else (
        f" Scaled: {target:,} = {LEDGER_LINES:,} × {book.entries:,}/{DEFAULT_ENTRIES:,} entries "
        f"(this is not the full book); the targets are set for {LEDGER_LINES:,} lines.")
    command = (f"`lumbung report buku-besar --account {span.account} --from {span.start} "
               f"--to {span.end} --pdf FILE`")
    json_name = "same report with `--json` (same lines, no PDF)"
    raw_name = (f"raw ReportLab canvas: drawString of {span.lines:,} 6-cell rows, no layout "
                "(process)")
    per_page = rawpdf.rows_per_page()
    meta["printed"] = {
        "pack": {"from": year_from, "to": year_to, "pages": pack.file.pages,
                 "bytes": pack.file.size},
        "buku_besar": {"account": span.account, "name": span.name,
                       "from": span.start.isoformat(), "to": span.end.isoformat(),
                       "lines": span.lines, "aimed_at": target,
                       "account_lines_in_book": span.available, "pages": led.file.pages,
                       "bytes": led.file.size, "raw_canvas_pages": led.raw_file.pages,
                       "raw_canvas_bytes": led.raw_file.size},
    }
    return [
        Result("f", f"`lumbung report paket --from {year_from} --to {year_to} --pdf FILE` "
               "(whole process)", "s", _secs(pack.pdf), TARGETS["pack_pdf_s"],
               "same command with `--json` (same figures, no PDF)", _secs(pack.json),
               note=f"{pack.file.describe()}: cover, four statements (posisi keuangan and laba "
               "rugi beside the prior year), CALK, signatures; peak RSS "
               f"{max(_mb(pack.pdf)):.0f} MB (`--json` {max(_mb(pack.json)):.0f} MB)"),
        Result("f", f"{command}: {span.lines:,} lines (whole process)", "s", _secs(led.pdf),
               TARGETS["ledger_pdf_s"], json_name, _secs(led.json),
               note=f"{span.account} {span.name} from the start day whose span holds the count "
               f"closest to {target:,}, counted in the imported file's line table "
               f"({span.available:,} lines of {span.account} in the whole book); PDF "
               f"{led.file.describe()}.{scaled}"),
        Result("f", "same buku besar PDF runs, beside the raw ReportLab floor", "s",
               _secs(led.pdf), None, raw_name, _secs(led.raw),
               note=f"tests/bench/rawpdf.py: same embedded Vera TTF at 8 pt, same row pitch and "
               f"frame ({per_page} rows a page, memos never wrapped), page compression, no "
               f"header rows or footer: {led.raw_file.describe()}"),
        Result("f", "buku besar `--pdf` peak RSS (worst run)", "MB", _mb(led.pdf),
               TARGETS["ledger_pdf_mb"], json_name, _mb(led.json), aggregate="max"),
        Result("f", "buku besar `--pdf` peak RSS, beside the raw ReportLab floor", "MB",
               _mb(led.pdf), None, raw_name, _mb(led.raw), aggregate="max"),
        Result("f", "contrast: the same JSON without the text table (python + product API, "
               "process)", "s", _secs(led.json_only), None,
               "`report buku-besar --json` (whole process)", _secs(led.json),
               note="tests/bench/pdf.py JSON_ONLY: buku_besar().to_json() and the same "
               "json.dump as the CLI; `report` in desktop/cli/cmd_reports.py also renders "
               "every row as a rich text table and discards it when --json is given; peak RSS "
               f"{max(_mb(led.json_only)):.0f} MB against {max(_mb(led.json)):.0f} MB"),
    ]


def environment(book: BookFiles | None, quick: bool) -> dict[str, object]:
    """What the numbers depend on: machine, versions, commit and the book (if one is used)."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [d for d in ("desktop", "server") if _git("status", "--porcelain", "--", d)]
    if changed:
        commit += f" (with uncommitted changes in {', '.join(f'{d}/' for d in changed)})"
    return {"started": dt.datetime.now().isoformat(timespec="seconds"), "quick": quick,
            "commit": commit, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform(),
            "cpus": os.cpu_count(), "load_before": _load(), "runs": RUNS,
            "targets": TARGETS, "book": book.summary() if book else None}


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=procs.ROOT, capture_output=True, text=True,
                          check=False)
    return done.stdout.strip()


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    """Run everything, print the markdown table, write results.json and results.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help=f"a {QUICK_ENTRIES:,}-entry book for a smoke run")
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES,
                        help=f"entries in the generated book (default {DEFAULT_ENTRIES:,})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--only", choices=("all", "books", "sync", "shop", "backdate", "crypt",
                                           "dinas", "kasir"),
                        default="all",
                        help="`books`: only the desktop book's sections (a)-(g) and (m); "
                             "`sync`: only sections (h)-(j3), sync with the mall; `shop`: only "
                             "section (k), the storefront; `backdate`: only section (l), a "
                             "back-dated purchase; `crypt`: only section (m), encrypted against "
                             "plain books; `dinas`: only section (n), the Dinas pages (no book "
                             "needed for shop or dinas); `kasir`: only section (o), a 20-line "
                             "nota and the Kasir page's Bayar")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    book = None if args.only in ("shop", "dinas") else prepared_book(args)
    meta = environment(book, args.quick)
    meta["desktop"] = {"runs": desktop.QUICK_RUNS if args.quick else desktop.RUNS,
                       "targets": desktop.TARGETS}
    checks: dict[str, bool] = {}
    with tempfile.TemporaryDirectory(prefix="lumbung-bench-") as tmp:
        work = Path(tmp)
        if args.only == "shop":
            results = shop_bench.shop_rows(work, meta, checks, quick=args.quick, say=say)
        elif args.only == "backdate":
            assert book is not None
            results = backdate.backdate_rows(book, work, checks, quick=args.quick, say=say)
        elif args.only == "kasir":
            assert book is not None
            results = kasir_bench.kasir_rows(book, work, checks, quick=args.quick, say=say)
        elif args.only == "crypt":
            assert book is not None
            runs = procs.bench_import(book, work, 1)
            results = crypt_bench.crypt_rows(book, runs.data_dir, runs.slug, work, checks,
                                             say=say)
        elif args.only == "books":
            assert book is not None
            results = books_rows(book, work, meta, checks, quick=args.quick)
        elif args.only == "dinas":
            results = dinas_bench.dinas_rows(work, meta, checks, quick=args.quick, say=say)
        elif args.only == "sync":
            assert book is not None
            results = sync_bench.sync_rows(book, work, meta, checks, quick=args.quick, say=say)
        else:
            assert book is not None
            results = everything(book, work, meta, checks, quick=args.quick)
    meta.update(checks=checks, load_after=_load(), wall_seconds=time.perf_counter() - began)
    for name, ok in checks.items():
        if not ok:
            say(f"CHECK FAILED: {name}")
    folder, stem = (HERE / "data", "results-quick") if args.quick else (HERE, "results")
    if args.only != "all":  # beside the full results, never over them
        stem += f"-{args.only}"
    print(write(results, meta, folder, stem))
    say(f"wrote {folder / stem}.md and .json")
    return 0


def everything(book: BookFiles, work: Path, meta: dict[str, object], checks: dict[str, bool],
               *, quick: bool) -> list[Result]:
    """Sections (a)-(m) in order, on one work directory."""
    return books_rows(book, work, meta, checks, quick=quick, rest=True)


def books_rows(book: BookFiles, work: Path, meta: dict[str, object], checks: dict[str, bool],
               *, quick: bool, rest: bool = False) -> list[Result]:
    """The desktop book's sections (a)-(g) and (m); with `rest`, the mall's and (l) too."""
    results, runs = import_rows(book, work, checks)
    reports = report_process_rows(runs, book, checks)
    results += reports + inproc_rows(runs, book, work, checks)
    # on the imported book as it is (after the daily copy the first report made)
    window = desktop.desktop_rows(runs.data_dir, runs.slug, book, work, checks,
                                  quick=quick, say=say)
    # before posting_rows, which posts into 1101 Kas on the book's last day
    printed = printed_rows(runs, book, work, meta, checks)
    results += posting_rows(runs, book)
    results += tool_rows(book, reports, meta, checks)
    results += printed + window
    if rest:
        results += sync_bench.sync_rows(book, work, meta, checks, quick=quick, say=say)
        results += shop_bench.shop_rows(work, meta, checks, quick=quick, say=say)
        results += backdate.backdate_rows(book, work, checks, quick=quick, say=say)
        results += kasir_bench.kasir_rows(book, work, checks, quick=quick, say=say)
        results += dinas_bench.dinas_rows(work, meta, checks, quick=quick, say=say)
    # last: it posts into the imported book and its plain twin
    results += crypt_bench.crypt_rows(book, runs.data_dir, runs.slug, work, checks, say=say)
    return results


def prepared_book(args: argparse.Namespace) -> BookFiles:
    """The generated book (cached under tests/bench/data/), read once into the page cache."""
    count = QUICK_ENTRIES if args.quick else args.entries
    say(f"book: {count:,} entries (cached under tests/bench/data/)")
    book = book_files(count, args.seed)
    for path in (book.csv, book.ledger, book.first_year_csv):
        path.read_bytes()  # warm the page cache so every run reads the same way
    return book


if __name__ == "__main__":
    raise SystemExit(main())
