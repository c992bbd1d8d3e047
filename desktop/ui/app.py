"""`lumbung-desktop`: start the window on this PC's books (embedded SQLite)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

STARTED = time.perf_counter()


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options of the desktop app."""
    parser = argparse.ArgumentParser(prog="lumbung-desktop", description="Lumbung")
    parser.add_argument("--data-dir", help="folder data (atau LUMBUNG_DATA_DIR)")
    parser.add_argument("--smoke", action="store_true",
                        help="buka usaha contoh di jendela utama lalu keluar (uji cepat)")
    parser.add_argument("--lang", choices=("id", "en"))
    parser.add_argument("--text-size", choices=("normal", "besar"))
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    args = parse(argv)
    from desktop.books.i18n import set_language
    from desktop.books.store.paths import resolve_data_dir
    from desktop.ui.catalog import install_catalogs
    from desktop.ui.platform_check import problem
    from desktop.ui.settings import AppSettings

    data_dir = resolve_data_dir(args.data_dir)
    install_catalogs()
    settings = AppSettings.load(data_dir)
    settings.language = args.lang or settings.language
    settings.text_size = args.text_size or settings.text_size
    set_language(settings.language)
    sentence = problem()
    if sentence:
        # Qt would print its plugin dump and abort; say what to install instead.
        print(sentence, file=sys.stderr)
        return 1
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.errors import install_excepthook, set_log_dir
    from desktop.ui.theme import apply_theme
    from desktop.ui.windows.main import MainWindow
    from desktop.ui.worker import SyncWorker, Worker

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Lumbung")
    set_log_dir(data_dir)
    install_excepthook()
    apply_theme(app, settings.text_size)
    worker = SyncWorker() if args.smoke else Worker()
    window = MainWindow(data_dir, worker, settings)
    window.show_fitted()
    if args.smoke:
        return smoke(app, window)
    QTimer.singleShot(0, lambda: print_ready())
    code = app.exec()
    worker.stop()
    return int(code)


def print_ready() -> None:
    """Tell a benchmark when the window is usable (only with LUMBUNG_REPORT_READY set)."""
    if os.environ.get("LUMBUNG_REPORT_READY"):
        print(f"ready {time.perf_counter() - STARTED:.3f}", flush=True)


def smoke(app: object, window: object) -> int:
    """Open the demo business, visit every page, and exit 0 if all of them built and loaded."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import errors
    from desktop.ui.windows.main import MainWindow

    assert isinstance(window, MainWindow) and isinstance(app, QApplication)
    errors.quiet_dialogs()
    window.open_demo()
    app.processEvents()
    if window.workspace is None:
        print("smoke: the demo business did not open", file=sys.stderr)
        return 1
    for key in window.workspace.pages:
        window.workspace.show_page(key)
        app.processEvents()
    printed = _print_sample(window)
    if errors.shown or not printed:
        print("smoke: " + " | ".join(errors.shown), file=sys.stderr)
        return 1
    print(f"smoke ok: {len(window.workspace.pages)} pages and {printed} in "
          f"{time.perf_counter() - STARTED:.2f} s")
    window.close()
    return 0


def _print_sample(window: object) -> str:
    """Print a laba rugi and a nota, so a frozen build proves its fonts and locales came along."""
    from desktop.books import dates
    from desktop.books.pdf.receipt import write_receipt
    from desktop.books.pdf.single import write_tables
    from desktop.books.receipt import receipt_for
    from desktop.books.reports.statements import laba_rugi
    from desktop.ui.windows.main import MainWindow

    assert isinstance(window, MainWindow)
    folder = window.data_dir / "smoke"
    folder.mkdir(exist_ok=True)
    done: list[str] = []

    def work(book: object) -> str:
        conn = book.conn  # type: ignore[attr-defined]
        today = dates.today()
        table = laba_rugi(conn, start=today.replace(month=1, day=1), end=today).table()
        write_tables([table], folder / "laba-rugi.pdf", business=window.session.business.name
                     if window.session.business else "")
        ref = conn.execute("SELECT ref FROM entry WHERE kind = 'penjualan-tunai' "
                           "ORDER BY seq DESC LIMIT 1").fetchone()[0]
        write_receipt(receipt_for(conn, ref), folder / "nota.pdf", size="58mm")
        return "2 PDFs"

    window.session.run(work, done=done.append)
    return done[0] if done else ""


if __name__ == "__main__":
    raise SystemExit(main())
