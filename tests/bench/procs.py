"""Whole-process benchmarks: the raw baseline, `lumbung journal import`, reports, ledger-cli."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench import bookfile
from tests.bench.generate import BookFiles
from tests.bench.measure import ProcessRun, run_process

ROOT = Path(__file__).resolve().parents[2]
PIN = "1234"
NAIVE_REPORT = (
    "import json, sys\n"
    "from sqlcipher3 import dbapi2 as sqlite3\n"  # the books are SQLCipher; the key is given raw
    "conn = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
    "conn.execute(f\"PRAGMA key = \\\"x'{sys.argv[2]}'\\\"\")\n"
    "rows = conn.execute('SELECT account, SUM(debit) - SUM(credit) FROM line GROUP BY account')\n"
    "print(json.dumps(dict(rows.fetchall())))\n"
)


def lumbung_bin() -> str:
    """The `lumbung` console script next to this interpreter (the project's venv)."""
    beside = Path(sys.executable).with_name("lumbung")
    found = str(beside) if beside.exists() else shutil.which("lumbung")
    if not found:
        raise SystemExit("lumbung is not installed; run `make bench` (it installs the venv)")
    return found


def clean_env() -> dict[str, str]:
    """This environment without any LUMBUNG_* setting that could point at real books, and with
    this checkout first on PYTHONPATH.

    The console scripts (`lumbung`, `lumbung-server`) start with their own folder as sys.path[0],
    not the working directory, so without it they import the packages of whichever checkout the
    venv was installed from (an editable install): a benchmark run from a git worktree would
    time another branch's code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUMBUNG_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _run(argv: list[str | Path]) -> ProcessRun:
    return run_process([str(a) for a in argv], env=clean_env(), cwd=ROOT)


@dataclass
class ImportRuns:
    """The alternating baseline/import runs and what the last run left behind."""

    baseline: list[ProcessRun] = field(default_factory=list)
    imports: list[ProcessRun] = field(default_factory=list)
    counts: list[dict[str, int]] = field(default_factory=list)
    baseline_counts: list[dict[str, float]] = field(default_factory=list)
    data_dir: Path = Path()
    slug: str = ""
    raw_db: Path = Path()


def bench_import(book: BookFiles, work: Path, runs: int) -> ImportRuns:
    """Alternate the raw-sqlite3 baseline and `lumbung journal import`, each into a fresh file."""
    out = ImportRuns()
    lumbung = lumbung_bin()
    for n in range(runs):
        raw_db = work / f"baseline-{n}.sqlite3"
        run = _run([sys.executable, "-m", "tests.bench.baseline", book.csv, raw_db])
        out.baseline.append(run)
        out.baseline_counts.append(json.loads(run.stdout))
        data_dir = work / f"import-{n}"
        created = _run([lumbung, "--data-dir", data_dir, "business", "create", "--name",
                        "Toko Bench", "--pin", PIN, "--json"])
        slug = json.loads(created.stdout)["slug"]
        run = _run([lumbung, "--data-dir", data_dir, "journal", "import", book.csv,
                    "--business", slug, "--pin", PIN, "--json"])
        out.imports.append(run)
        out.counts.append(json.loads(run.stdout))
        if n:  # keep only the newest copies: each holds the whole book
            shutil.rmtree(out.data_dir, ignore_errors=True)
            for old in out.raw_db.parent.glob(out.raw_db.name + "*"):
                old.unlink()
        out.data_dir, out.slug, out.raw_db = data_dir, slug, raw_db
    return out


@dataclass
class ReportRuns:
    """Per-command process runs, the naive baseline, interpreter start-up and the first open."""

    commands: dict[str, list[ProcessRun]]
    naive: list[ProcessRun]
    startup: list[ProcessRun]
    first_open: ProcessRun
    outputs: dict[str, dict[str, object]]


def report_commands(start: str, end: str) -> dict[str, list[str]]:
    """The report invocations measured, by the name shown in the table."""
    return {
        "report posisi-keuangan --json": ["posisi-keuangan", "--json"],
        f"report posisi-keuangan --json --as-of {end}": ["posisi-keuangan", "--json",
                                                          "--as-of", end],
        f"report laba-rugi --json --from {start} --to {end}": ["laba-rugi", "--json", "--from",
                                                                start, "--to", end],
    }


def bench_reports(data_dir: Path, slug: str, start: str, end: str, runs: int) -> ReportRuns:
    """Run each report as a whole process `runs` times, interleaved with the baselines."""
    lumbung = lumbung_bin()
    base = [lumbung, "--data-dir", str(data_dir), "report"]
    who = ["--business", slug, "--pin", PIN]
    commands = report_commands(start, end)
    # The first open of the day copies the whole book (daily backup): timed on its own.
    first_open = _run([*base, *commands["report posisi-keuangan --json"], *who])
    book_file = next((data_dir / "books").glob("*.sqlite3"))
    key_hex = bookfile.book_key(book_file).hex()
    timed: dict[str, list[ProcessRun]] = {name: [] for name in commands}
    naive: list[ProcessRun] = []
    startup: list[ProcessRun] = []
    for _ in range(runs):
        for name, args in commands.items():
            timed[name].append(_run([*base, *args, *who]))
        naive.append(_run([sys.executable, "-c", NAIVE_REPORT, book_file, key_hex]))
        startup.append(_run([sys.executable, "-c", "pass"]))
    outputs = {name: json.loads(runs[-1].stdout) for name, runs in timed.items()}
    return ReportRuns(timed, naive, startup, first_open, outputs)


@dataclass(frozen=True)
class ToolRuns:
    """A plain-text-accounting tool's `balance` runs, its version, and its total assets."""

    tool: str
    version: str
    runs: list[ProcessRun]
    total_aset: float | None


def _total(output: str, account: str) -> float | None:
    match = re.search(rf"^\s*(-?[\d.,]+)\s+{account}\s*$", output, re.MULTILINE)
    return float(match.group(1).replace(",", "")) if match else None


def bench_tool(tool: str, ledger_file: Path, runs: int) -> ToolRuns | None:
    """Time `TOOL -f FILE balance` (None when the tool is not installed)."""
    path = shutil.which(tool)
    if path is None:
        return None
    version = _run([path, "--version"]).stdout.splitlines()[0].strip()
    timed = [_run([path, "-f", ledger_file, "balance"]) for _ in range(runs)]
    check = _run([path, "-f", ledger_file, "balance", "--depth", "1", "^Aset"])
    return ToolRuns(tool, version, timed, _total(check.stdout, "Aset"))
