"""Child processes of the desktop benchmarks (Qt lives here, never in the benchmark runner).

`python -m tests.bench.desktop_probe idle DATA_DIR` runs the real `lumbung-desktop` main()
offscreen, opens the demo as the "Coba data contoh" button does, lets the window idle and
prints its RSS as JSON. `... cashbook DATA_DIR BUSINESS START END RUNS` opens a business
through the session and its real worker thread, times Kas & Bank's model up to its first
rows painted (beside the raw SQL of that page), then scrolls to the end sampling RSS.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from desktop.books.history import (
    CashbookRow,
    Cursor,
    EntryFilter,
    entry_page,
    page_query,
)
from desktop.ui.models.entries import EntryListModel
from desktop.ui.session import Session
from tests.bench.bookfile import the_book, writable

PIN = "1234"
IDLE_SECONDS = 2.0


def rss_mb() -> float:
    """This process's resident memory now."""
    return float(psutil.Process().memory_info().rss) / 2**20


def peak_mb() -> float:
    """This process's high-water mark (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wait_until(check: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run the event loop until `check()` holds."""
    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def idle(data_dir: Path) -> dict[str, float]:
    """The real app's main(), driven like an owner: open the demo, wait, idle, measure."""
    from desktop.ui import app as desktop_app
    from desktop.ui.windows.main import MainWindow

    qt = QApplication(sys.argv[:1])
    out: dict[str, float] = {}

    def drive() -> None:
        window = next(w for w in qt.topLevelWidgets() if isinstance(w, MainWindow))
        out["window_rss_mb"] = rss_mb()
        started = time.perf_counter()
        window.open_demo()
        wait_until(lambda: window.workspace is not None)
        window.session.worker.wait_idle()
        qt.processEvents()
        out["open_demo_s"] = time.perf_counter() - started
        settle(qt)
        out["demo_idle_rss_mb"] = rss_mb()
        assert window.workspace is not None
        for key in window.workspace.pages:
            window.workspace.show_page(key)
            window.session.worker.wait_idle()
            qt.processEvents()
        settle(qt)
        out["every_page_idle_rss_mb"] = rss_mb()
        out["peak_mb"] = peak_mb()
        window.close()
        qt.quit()

    QTimer.singleShot(0, drive)
    code = desktop_app.main(["--data-dir", str(data_dir)])
    if code != 0 or "demo_idle_rss_mb" not in out:
        raise SystemExit(f"lumbung-desktop main() ended with {code} before the demo was open")
    return out


def settle(qt: QApplication) -> None:
    """Let the window idle (timers, repaints, the worker) for a moment."""
    deadline = time.perf_counter() + IDLE_SECONDS
    while time.perf_counter() < deadline:
        qt.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.05)


def open_session(data_dir: Path, business: str) -> tuple[QApplication, Any, Session]:
    """A themed QApplication and the business opened through the app's session and its real
    worker thread (the cash book and kasir probes)."""
    from desktop.ui.catalog import install_catalogs
    from desktop.ui.theme import apply_theme
    from desktop.ui.worker import Worker

    qt = QApplication(sys.argv[:1])
    install_catalogs()
    apply_theme(qt, "normal")
    worker = Worker()
    session = Session(data_dir, worker, on_error=lambda exc: print(exc, file=sys.stderr))
    session.open(business, PIN)
    wait_until(lambda: session.is_open)
    return qt, worker, session


def cashbook(data_dir: Path, business: str, start: dt.date, end: dt.date,
             runs: int) -> dict[str, object]:
    """First rows of Kas & Bank on an open book (runs), the raw page SQL, then a scroll to the end."""
    _qt, worker, session = open_session(data_dir, business)
    filters = EntryFilter(start=start, end=end)
    query = page_query(filters)
    raw = writable(the_book(data_dir))
    first_rows: list[float] = []
    raw_page: list[float] = []
    holder = QWidget()
    holder.resize(1366, 768)
    holder.show()
    for _ in range(runs):
        started = time.perf_counter()
        model, view = _model_and_view(session, holder)
        model.set_filters(filters)
        wait_until(lambda m=model: m.rowCount() > 0)  # type: ignore[misc]
        view.viewport().repaint()  # painted: the rows show
        assert view.isVisible() and view.rowAt(0) == 0
        first_rows.append(time.perf_counter() - started)
        discard(view, model)
        started = time.perf_counter()
        raw.execute(query.sql, query.params).fetchall()
        raw_page.append(time.perf_counter() - started)
    scroll = _scroll_to_end(session, holder, filters)
    worker.stop()
    return {"first_rows_s": first_rows, "raw_page_s": raw_page, **scroll,
            "contrast_all_rows_mb": _hold_everything(raw, filters)}


def discard(*objects: QObject) -> None:
    """Delete widgets and models now (processEvents alone never runs deleteLater)."""
    for item in objects:
        if isinstance(item, QWidget):
            item.hide()
        item.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _model_and_view(session: Session, holder: QWidget) -> tuple[EntryListModel, QTableView]:
    model = EntryListModel(session)
    view = QTableView(holder)
    view.resize(1100, 520)
    view.setModel(model)
    view.show()
    return model, view


def _scroll_to_end(session: Session, holder: QWidget, filters: EntryFilter) -> dict[str, object]:
    """Scroll the view to the bottom again and again until the model has every row."""
    model, view = _model_and_view(session, holder)
    started = time.perf_counter()
    model.set_filters(filters)
    wait_until(lambda: model.rowCount() > 0)
    samples = [rss_mb()]
    pages, nudged = 1, 0

    def more() -> bool:
        return model.canFetchMore(QModelIndex()) or model.loading

    while more():
        before = model.rowCount()
        view.scrollToBottom()
        if not model.loading and model.canFetchMore(QModelIndex()):
            nudged += 1  # the view did not ask yet (its layout is pending): ask as it would
            model.fetchMore(QModelIndex())
        wait_until(lambda b=before: model.rowCount() > b or not more())  # type: ignore[misc]
        pages += 1
        if pages % 10 == 0:
            samples.append(rss_mb())
    view.viewport().repaint()
    samples.append(rss_mb())
    return {"scroll_s": time.perf_counter() - started, "pages": pages, "nudged": nudged,
            "rows": model.rowCount(), "held_rows": model.held_rows(),
            "rss_first_mb": samples[0], "rss_peak_mb": max(samples), "rss_last_mb": samples[-1],
            "rss_samples_mb": samples, "peak_mb": peak_mb()}


def _hold_everything(conn: sqlite3.Connection, filters: EntryFilter) -> float:
    """Contrast: RSS growth when every row of the same filter is kept as a Python object."""
    before = rss_mb()
    kept: list[CashbookRow] = []
    after: Cursor | None = None
    while True:
        page = entry_page(conn, filters=filters, after=after)
        kept += page.rows
        if page.next is None:
            break
        after = page.next
    return rss_mb() - before


def main(argv: list[str]) -> None:
    """Run one probe and print its JSON on stdout."""
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "idle":
        result: dict[str, object] = dict(idle(data_dir))
    elif mode == "cashbook":
        business, start, end, runs = argv[2], argv[3], argv[4], int(argv[5])
        result = cashbook(data_dir, business, dt.date.fromisoformat(start),
                          dt.date.fromisoformat(end), runs)
    else:
        raise SystemExit(f"unknown probe {mode}")
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: the numbers are out


if __name__ == "__main__":
    main(sys.argv[1:])
