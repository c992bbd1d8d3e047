"""Writing report files from the page: where to save, a cancellable progress bar, and a banner."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.i18n import N_, tr
from desktop.ui.errors import show_error
from desktop.ui.pages.reports_jobs import Report, ReportRequest
from desktop.ui.session import Session
from desktop.ui.worker import Progress

T = TypeVar("T")
KINDS = {"pdf": (N_("Simpan PDF"), N_("PDF (*.pdf)")),
         "xlsx": (N_("Simpan Excel"), N_("Excel (*.xlsx)"))}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def documents_folder() -> Path:
    """The owner's Documents folder (home when the system has none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def file_stem(name: str, request: ReportRequest, period: str, detail: str = "") -> str:
    """'Laba Rugi 2026-01-01 s.d. 2026-10-31', 'Neraca Saldo per 2026-11-23'; safe as a name."""
    args = request.args
    title = f"{name} {detail}".strip()
    if period == "as_of":
        text = tr("{name} per {date}", name=title, date=args.as_of.isoformat())
    else:
        text = tr("{name} {start} s.d. {end}", name=title, start=args.start.isoformat(),
                  end=args.end.isoformat())
    return _UNSAFE.sub("-", text).strip(" .") or "laporan"


def ask_save_path(parent: QWidget, kind: str, folder: Path, stem: str) -> Path | None:
    """The system's save dialog with a suggested name; the right extension is ensured."""
    title, pattern = KINDS[kind]
    chosen, _ = QFileDialog.getSaveFileName(parent, tr(title), str(folder / f"{stem}.{kind}"),
                                            tr(pattern))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}")


class Exporter(QObject):
    """Runs a file-writing job on the worker behind a progress dialog whose Batal cancels it.

    The job gets a `Progress`; a cancel makes its next report raise `Cancelled`, the writer
    then removes its partial file, and nothing is shown.
    """

    moved = Signal(int, int)  # rows done, rows in all (emitted from the worker's thread)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.progress: Progress | None = None
        self.busy = False
        self.moved.connect(self._moved)

    def start(self, label: str, work: Callable[[Book, Report], T],
              done: Callable[[T], None],
              failed: Callable[[BaseException], None] | None = None) -> None:
        """Run `work(book, progress)`; then `done(result)`, or `failed(error)`."""
        progress = Progress(self.moved.emit)
        dialog = QProgressDialog(label, tr("Batal"), 0, 0, self.parent_widget)
        dialog.setObjectName("export-progress")
        dialog.setWindowTitle("Lumbung")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(progress.cancel)
        self.dialog, self.progress, self.busy = dialog, progress, True

        def finished(result: Any) -> None:
            self._finish()
            done(result)

        def stopped(exc: BaseException) -> None:
            self._finish()
            (failed or (lambda error: show_error(self.parent_widget, error)))(exc)

        self.session.run(lambda book: work(book, progress), done=finished, failed=stopped)

    def cancel(self) -> None:
        """What the dialog's Batal does: ask the job to stop."""
        if self.progress is not None:
            self.progress.cancel()

    def _moved(self, done: int, total: int) -> None:
        if self.dialog is None:
            return
        if total and self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        if total:
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog, self.busy = None, False


class SavedBanner(QFrame):
    """'Tersimpan di …' after an export, with a button that opens the folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saved-banner")
        self.setStyleSheet("#saved-banner { background: #e8f5e9; border: 1px solid #a5d6a7; "
                           "border-radius: 6px; } #saved-banner QLabel { background: transparent; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("Buka folder"))
        self.open_button.clicked.connect(self.open_folder)
        close = QPushButton("×")
        close.setAccessibleName(tr("Tutup pemberitahuan"))
        close.setFlat(True)
        close.clicked.connect(self.hide)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(close)
        self.folder: Path | None = None
        self.hide()

    def show_saved(self, paths: list[Path]) -> None:
        """Say where the file (or files) went."""
        if not paths:
            return
        self.folder = paths[0].parent
        if len(paths) == 1:
            self.text.setText(tr("Tersimpan: {name} di folder {folder}", name=paths[0].name,
                                 folder=str(self.folder)))
        else:
            self.text.setText(tr("{count} berkas tersimpan di folder {folder}",
                                 count=len(paths), folder=str(self.folder)))
        self.show()

    def open_folder(self) -> None:
        """Open the folder in the system's file manager."""
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
