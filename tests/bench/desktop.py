"""Desktop benchmarks (g): start to a usable window, idle memory with the demo, Kas & Bank.

Start-up is the real `lumbung-desktop` process, offscreen, timed from spawn to its `ready`
line (LUMBUNG_REPORT_READY), alternating with a bare PySide6 window. Idle memory and the
cash book run in child processes (`tests.bench.desktop_probe`), so Qt never loads into the
benchmark runner and the RSS read is the app's alone.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from desktop.books.demo import create_demo
from tests.bench.generate import BookFiles
from tests.bench.measure import BenchError, ProcessRun, Result, run_process
from tests.bench.procs import ROOT, clean_env

RUNS = {"start": 7, "idle": 3, "first_rows": 7}
QUICK_RUNS = {"start": 3, "idle": 1, "first_rows": 3}
TARGETS = {"start_s": 2.5, "idle_mb": 250.0, "first_rows_s": 0.300, "scroll_growth_mb": 25.0}
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv[:1])\n"
    "window = QWidget()\n"
    "window.resize(1366, 768)\n"
    "window.show()\n"
    "QTimer.singleShot(0, lambda: print('ready', flush=True))\n"
    "app.exec()\n"
)
# PySide6 6.12.0 returns None from void methods (and True from Signal.emit) without a new
# reference; on Python < 3.12 (no immortal objects) every such call takes one away for good.
SINGLETON_LEAKS = (
    "import os, sys\n"
    "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
    "from PySide6.QtCore import QObject, Signal\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "class Emitter(QObject):\n"
    "    fired = Signal()\n"
    "app = QApplication(sys.argv[:1]); widget = QWidget(); emitter = Emitter()\n"
    "none, true = sys.getrefcount(None), sys.getrefcount(True)\n"
    "for _ in range(100): widget.update()\n"
    "for _ in range(100): emitter.fired.emit()\n"
    "import PySide6\n"
    "print(sys.getrefcount(None) - none, sys.getrefcount(True) - true, PySide6.__version__)\n"
    "os._exit(0)\n"
)


def qt_env(**extra: str) -> dict[str, str]:
    """A clean environment with Qt offscreen."""
    return {**clean_env(), "QT_QPA_PLATFORM": "offscreen", **extra}


def desktop_bin() -> str:
    """The `lumbung-desktop` console script next to this interpreter."""
    beside = Path(sys.executable).with_name("lumbung-desktop")
    if not beside.exists():
        raise SystemExit("lumbung-desktop is not installed; run `make bench` (it installs it)")
    return str(beside)


@dataclass(frozen=True)
class Ready:
    """Spawn to the `ready` line, the app's own figure, and its RSS at that moment."""

    seconds: float
    inner: float | None
    rss_mb: float


def time_to_ready(argv: list[str], env: dict[str, str], timeout: float = 60) -> Ready:
    """Start a GUI process, wait for its `ready` line on stdout, then stop it."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env, cwd=ROOT,
                                text=True)
        try:
            assert proc.stdout is not None
            timer = _Deadline(proc, timeout)
            for line in proc.stdout:
                if line.startswith("ready"):
                    seconds = time.perf_counter() - started
                    rss = psutil.Process(proc.pid).memory_info().rss / 2**20
                    words = line.split()
                    return Ready(seconds, float(words[1]) if len(words) > 1 else None, rss)
            err.seek(0)
            raise BenchError(f"{argv[0]} ended without `ready`: {err.read().decode()[-2000:]}")
        finally:
            timer.cancel()
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class _Deadline:
    """Kill a process that never says `ready`."""

    def __init__(self, proc: subprocess.Popen[str], timeout: float) -> None:
        self._timer = threading.Timer(timeout, proc.kill)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()


def singleton_leaks() -> tuple[int, int, str]:
    """How None's and True's reference counts move over 100 void calls and 100 emits."""
    done = subprocess.run([sys.executable, "-c", SINGLETON_LEAKS], capture_output=True,
                          text=True, env=qt_env(), cwd=ROOT, check=True)
    none, true, version = done.stdout.split()
    return int(none), int(true), version


def _probe(*args: str) -> tuple[dict[str, object], ProcessRun]:
    run = run_process([sys.executable, "-m", "tests.bench.desktop_probe", *args], env=qt_env(),
                      cwd=ROOT)
    return json.loads(run.stdout.strip().splitlines()[-1]), run


def start_rows(demo_dir: Path, runs: int) -> tuple[list[Result], list[Ready]]:
    """`lumbung-desktop` to a usable window (chooser with the demo's card) beside a bare window."""
    app, bare = [], []
    for _ in range(runs):
        app.append(time_to_ready([desktop_bin(), "--data-dir", str(demo_dir)],
                                 qt_env(LUMBUNG_REPORT_READY="1")))
        bare.append(time_to_ready([sys.executable, "-c", BARE_WINDOW], qt_env()))
    inner = statistics.median(r.inner for r in app if r.inner is not None)
    rows = [Result("g", "`lumbung-desktop` start to usable main window (process, offscreen)", "s",
                   [r.seconds for r in app], TARGETS["start_s"],
                   "bare PySide6: QApplication + QWidget.show() (process)",
                   [r.seconds for r in bare],
                   note=f"spawn to the `ready` line (LUMBUNG_REPORT_READY) on a PC with one "
                   f"business (the business chooser); the app's own figure from its module "
                   f"import is {inner:.3f} s (median), the rest is the interpreter start")]
    return rows, bare


def smoke_rows(demo_dir: Path, runs: int) -> list[Result]:
    """`lumbung-desktop --smoke`: open the demo, build and load every page, exit (process)."""
    done = [run_process([desktop_bin(), "--smoke", "--data-dir", str(demo_dir)], env=qt_env(),
                        cwd=ROOT) for _ in range(runs)]
    said = done[-1].stdout.strip().splitlines()[-1] if done[-1].stdout.strip() else ""
    return [Result("g", "`lumbung-desktop --smoke`: open the demo, visit every page, exit "
                   "(process)", "s", [r.seconds for r in done], None,
                   note=f"synchronous worker; peak RSS {max(r.peak_rss_mb for r in done):.0f} "
                   f"MB; it printed `{said}`")]


def idle_rows(demo_dir: Path, runs: int, bare: list[Ready]) -> list[Result]:
    """RSS of the real main() once the demo is open and idle, and after every page."""
    outs = [_probe("idle", str(demo_dir))[0] for _ in range(runs)]

    def values(key: str) -> list[float]:
        return [float(str(out[key])) for out in outs]

    bare_rss = [r.rss_mb for r in bare]
    opened = statistics.median(values("open_demo_s"))
    return [
        Result("g", "idle RSS with the demo open (Beranda shown, 2 s idle)", "MB",
               values("demo_idle_rss_mb"), TARGETS["idle_mb"],
               "bare PySide6 window at `ready` (process RSS)", bare_rss, aggregate="max",
               note="the real `lumbung-desktop` main() driven offscreen: the demo opened as "
               f"the 'Coba data contoh' button does (open + first page {opened:.2f} s), RSS "
               f"after 2 s idle; window before opening {max(values('window_rss_mb')):.0f} MB"),
        Result("g", "idle RSS after visiting every page", "MB", values("every_page_idle_rss_mb"),
               None, "bare PySide6 window at `ready` (process RSS)", bare_rss, aggregate="max"),
    ]


def cashbook_rows(data_dir: Path, slug: str, book: BookFiles,
                  runs: int) -> tuple[list[Result], int]:
    """Kas & Bank on the imported book: first rows painted, then memory while scrolling to the end."""
    out, run = _probe("cashbook", str(data_dir), slug, str(book.meta["start"]),
                      str(book.meta["end"]), str(runs))
    first = [float(x) for x in out["first_rows_s"]]  # type: ignore[attr-defined]
    raw = [float(x) for x in out["raw_page_s"]]  # type: ignore[attr-defined]
    growth = float(str(out["rss_peak_mb"])) - float(str(out["rss_first_mb"]))
    rows = int(str(out["rows"]))
    return [
        Result("g", f"Kas & Bank first rows painted, {book.entries:,}-entry book (model, worker, "
               "view)", "s", first, TARGETS["first_rows_s"],
               "raw SQL of the same page (sqlite3, same process)", raw,
               note=f"from creating the model and its table view to the first {min(rows, 200)} "
               f"rows painted, whole-book filter, keyset page of 200 on the real worker thread; "
               f"first (cold) run {first[0] * 1000:.1f} ms"),
        Result("g", "Kas & Bank scrolled to the end: RSS growth (peak − at first page)", "MB",
               [growth], TARGETS["scroll_growth_mb"],
               "the same rows kept as Python objects (RSS growth)",
               [float(str(out["contrast_all_rows_mb"]))],
               note=f"{rows:,} rows in {int(str(out['pages'])):,} pages, "
               f"{float(str(out['scroll_s'])):.1f} s by scrolling a QTableView to the bottom; "
               f"RSS first {float(str(out['rss_first_mb'])):.0f} MB, peak "
               f"{float(str(out['rss_peak_mb'])):.0f} MB, last "
               f"{float(str(out['rss_last_mb'])):.0f} MB; rows held at the end "
               f"{int(str(out['held_rows'])):,} (the rest are 8-byte seqs); process peak "
               f"{run.peak_rss_mb:.0f} MB"),
    ], rows


def desktop_rows(data_dir: Path, slug: str, book: BookFiles, work: Path,
                 checks: dict[str, bool], *, quick: bool,
                 say: Callable[[str], None] = print) -> list[Result]:
    """Every desktop row (g); `data_dir`/`slug` hold the imported benchmark book."""
    runs = QUICK_RUNS if quick else RUNS
    none, true, version = singleton_leaks()
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    checks[f"PySide6 {version} on Python {python} keeps the reference counts of None (void "
           f"calls: {none:+d} per 100) and True (Signal.emit: {true:+d} per 100)"] = (
        none >= 0 and true >= 0)
    demo_dir = work / "desktop-demo"
    create_demo(demo_dir)
    say(f"desktop: {runs['start']} × (lumbung-desktop, bare window) to `ready`")
    rows, bare = start_rows(demo_dir, runs["start"])
    say(f"desktop: {runs['idle']} × idle RSS with the demo open")
    rows += idle_rows(demo_dir, runs["idle"], bare)
    rows += smoke_rows(demo_dir, runs["idle"])
    say(f"desktop: Kas & Bank, {runs['first_rows']} first pages, then a scroll to the end")
    cash_rows, listed = cashbook_rows(data_dir, slug, book, runs["first_rows"])
    checks[f"Kas & Bank scrolled to the end listed every entry ({listed:,})"] = (
        listed == book.entries)
    return rows + cash_rows
