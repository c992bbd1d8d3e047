"""Printed reports as whole processes: the yearly pack and a long buku besar, PDF beside JSON.

The buku besar span is chosen from the imported book's line table so that one account holds
about `target` lines; the raw ReportLab floor (`tests.bench.rawpdf`) draws as many rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.bookfile import read_only
from tests.bench.measure import ProcessRun, run_process
from tests.bench.procs import PIN, ROOT, clean_env, lumbung_bin

LEDGER_ACCOUNT = "1101"  # Kas: the account with the most lines in the generated book
# What `report buku-besar --json` would cost without the text table it renders and discards:
# the same computation and the same json.dump as desktop/cli (contrast, not a target).
JSON_ONLY = (
    "import datetime as dt, json, sys\n"
    "from pathlib import Path\n"
    "from desktop.books.business import open_business\n"
    "from desktop.books.reports.ledger_report import buku_besar\n"
    "data_dir, slug, pin, account, start, end = sys.argv[1:]\n"
    "book = open_business(Path(data_dir), slug, pin)\n"
    "with book.read() as conn:\n"
    "    data = buku_besar(conn, account=account, start=dt.date.fromisoformat(start),\n"
    "                      end=dt.date.fromisoformat(end)).to_json()\n"
    "book.close()\n"
    "json.dump(data, sys.stdout, ensure_ascii=False, indent=2)\n"
    "sys.stdout.write('\\n')\n"
)


def _run(argv: list[str | Path]) -> ProcessRun:
    return run_process([str(a) for a in argv], env=clean_env(), cwd=ROOT)


@dataclass(frozen=True)
class LedgerSpan:
    """One account over a period of the book, with how many lines it holds."""

    account: str
    name: str
    start: dt.date
    end: dt.date
    lines: int
    target: int
    available: int  # lines of the account in the whole book up to `end`


def book_file(data_dir: Path) -> Path:
    """The business's SQLite file inside a data directory."""
    return next((data_dir / "books").glob("*.sqlite3"))


def choose_span(data_dir: Path, *, account: str, end: dt.date, target: int) -> LedgerSpan:
    """The start day (ending at `end`) whose span holds the line count closest to `target`.

    Counts per day come from the imported file's `line` table; with fewer lines than
    `target` in the whole book, the span is the whole book.
    """
    conn = read_only(book_file(data_dir))
    try:
        name = conn.execute("SELECT name FROM account WHERE code = ?", (account,)).fetchone()[0]
        days = conn.execute("SELECT date, count(*) FROM line WHERE account = ? AND date <= ? "
                            "GROUP BY date ORDER BY date DESC",
                            (account, end.isoformat())).fetchall()
    finally:
        conn.close()
    best: tuple[int, str] | None = None
    count = 0
    for day, n in days:
        count += n
        if best is None or abs(count - target) < abs(best[0] - target):
            best = (count, day)
        if count >= target:
            break
    if best is None:
        raise SystemExit(f"account {account} has no lines in the benchmark book")
    total = sum(n for _day, n in days)
    return LedgerSpan(account, str(name), dt.date.fromisoformat(best[1]), end, best[0], target,
                      total)


def pdf_pages(path: Path) -> int:
    """Page count: `pdfinfo` when installed, else the `/Type /Page` objects in the file."""
    tool = shutil.which("pdfinfo")
    if tool:
        done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
        match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", path.read_bytes()))


def page_text(path: Path, page: int) -> str | None:
    """Text of one page via `pdftotext` (None when poppler-utils is not installed)."""
    tool = shutil.which("pdftotext")
    if not tool:
        return None
    done = subprocess.run([tool, "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=False)
    return done.stdout


@dataclass(frozen=True)
class PdfFile:
    """A written PDF: its path, page count and size in bytes."""

    path: Path
    pages: int
    size: int

    @classmethod
    def of(cls, path: Path) -> PdfFile:
        return cls(path, pdf_pages(path), path.stat().st_size)

    def describe(self) -> str:
        """`2,104 pages, 6.8 MB`."""
        size = (f"{self.size / 2**20:.1f} MB" if self.size >= 2**20
                else f"{self.size / 1024:.0f} KB")
        return f"{self.pages:,} page{'s' if self.pages != 1 else ''}, {size}"


@dataclass
class PackRuns:
    """`report paket` runs as PDF and as JSON, the PDF written and the JSON printed."""

    pdf: list[ProcessRun] = field(default_factory=list)
    json: list[ProcessRun] = field(default_factory=list)
    file: PdfFile | None = None
    data: dict[str, object] = field(default_factory=dict)


def _drop_output(run: ProcessRun) -> ProcessRun:
    """The run without its (large) stdout, once it has been read."""
    return dataclasses.replace(run, stdout="")


def bench_pack(data_dir: Path, slug: str, start: str, end: str, runs: int,
               out_dir: Path) -> PackRuns:
    """Alternate `report paket --pdf FILE` and `report paket --json`, `runs` times each."""
    base = [lumbung_bin(), "--data-dir", str(data_dir), "report", "paket", "--from", start,
            "--to", end]
    who = ["--business", slug, "--pin", PIN]
    target = out_dir / f"paket-{start[:4]}.pdf"
    out = PackRuns()
    for _ in range(runs):
        out.pdf.append(_run([*base, "--pdf", target, *who]))
        out.json.append(_run([*base, "--json", *who]))
    out.file = PdfFile.of(target)
    out.data = json.loads(out.json[-1].stdout)
    return out


@dataclass
class LedgerRuns:
    """`report buku-besar` as PDF and as JSON, the raw canvas floor and the JSON-only contrast."""

    span: LedgerSpan
    pdf: list[ProcessRun] = field(default_factory=list)
    json: list[ProcessRun] = field(default_factory=list)
    raw: list[ProcessRun] = field(default_factory=list)
    json_only: list[ProcessRun] = field(default_factory=list)
    file: PdfFile | None = None
    raw_file: PdfFile | None = None
    data: dict[str, object] = field(default_factory=dict)
    same_json: bool = False  # the JSON-only script printed what `--json` printed
    last_page: str | None = None


def bench_ledger(data_dir: Path, slug: str, span: LedgerSpan, runs: int,
                 out_dir: Path) -> LedgerRuns:
    """Alternate the PDF, the `--json` report, the raw canvas and the JSON-only script."""
    start, end = span.start.isoformat(), span.end.isoformat()
    base = [lumbung_bin(), "--data-dir", str(data_dir), "report", "buku-besar", "--account",
            span.account, "--from", start, "--to", end]
    who = ["--business", slug, "--pin", PIN]
    target, raw_target = out_dir / "buku-besar.pdf", out_dir / "raw-canvas.pdf"
    out = LedgerRuns(span)
    json_text = only_text = ""
    for _ in range(runs):
        out.pdf.append(_run([*base, "--pdf", target, *who]))
        run = _run([*base, "--json", *who])
        json_text = run.stdout
        out.json.append(_drop_output(run))
        out.raw.append(_run([sys.executable, "-m", "tests.bench.rawpdf", str(span.lines),
                             raw_target]))
        run = _run([sys.executable, "-c", JSON_ONLY, data_dir, slug, PIN, span.account, start,
                    end])
        only_text = run.stdout
        out.json_only.append(_drop_output(run))
    out.data = json.loads(json_text)
    out.same_json = json.loads(only_text) == out.data
    out.file, out.raw_file = PdfFile.of(target), PdfFile.of(raw_target)
    out.last_page = page_text(target, out.file.pages)
    return out


def year_profit(data_dir: Path, start: str, end: str) -> int:
    """Laba bersih (sen) of a period straight from the imported lines: −(income + expense)."""
    conn = read_only(book_file(data_dir))
    try:
        net = conn.execute("SELECT COALESCE(SUM(debit - credit), 0) FROM line "
                           "WHERE substr(account, 1, 1) IN ('4', '5') AND date BETWEEN ? AND ?",
                           (start, end)).fetchone()[0]
    finally:
        conn.close()
    return -int(net)
