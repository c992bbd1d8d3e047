"""Print preview of a PDF (QtPdf) and printing it through the system's printer dialog.

Printing renders each page to an image at the printer's resolution and draws it onto the
printer, so what comes out is exactly the PDF the books wrote. `render_pages` takes any
QPrinter, so a test prints to a PDF-format printer instead of paper.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import InputError
from desktop.books.i18n import tr
from desktop.ui.errors import show_error
from desktop.ui.widgets.common import primary_button

MAX_DPI = 300  # sharper than any office printer needs; keeps one page image small
ZOOM_STEP = 1.25
SMALL_PAGE = 450  # points; an A5 nota or a 58 mm strip is shown whole, A4 fills the width


def configure_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation of the PDF's first page, no extra margins (A5, 58 mm…)."""
    if document.pageCount() < 1:
        return
    size = document.pagePointSize(0)
    width, height = size.width(), size.height()
    page = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point,
                     "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(page)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                               else QPageLayout.Orientation.Portrait)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def render_pages(document: QPdfDocument, printer: QPrinter, *, first: int = 0,
                 last: int | None = None,
                 on_page: Callable[[int, int], bool] | None = None) -> int:
    """Draw pages `first`..`last` (0-based) onto the printer; returns how many were printed.

    `on_page(done, total)` is called after each page; returning False stops printing.
    """
    last = document.pageCount() - 1 if last is None else min(last, document.pageCount() - 1)
    if last < first:
        return 0
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for page in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(max(1, round(points.width() * dpi / 72)),
                           max(1, round(points.height() * dpi / 72)))
            image = document.render(page, pixels)
            target = QRectF(painter.viewport())
            scale = min(target.width() / pixels.width(), target.height() / pixels.height())
            drawn = QSizeF(pixels.width() * scale, pixels.height() * scale)
            spot = QRectF(QPointF(target.left() + (target.width() - drawn.width()) / 2,
                                  target.top()), drawn)
            painter.fillRect(spot, Qt.GlobalColor.white)
            painter.drawImage(spot, image)
            printed += 1
            if on_page and not on_page(printed, last - first + 1):
                break
    finally:
        painter.end()
    return printed


class PdfPreview(QDialog):
    """A PDF on screen with page and zoom controls, 'Cetak…' and 'Simpan PDF…'.

    A temporary file (Cetak, Nota) is deleted when the preview closes.
    """

    def __init__(self, path: Path, *, title: str, temporary: bool = False,
                 suggested_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf-preview")
        self.setWindowTitle(title)
        self.path = path
        self.temporary = temporary
        self.suggested_name = suggested_name or path.name
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        small = self.page_count() > 0 and self.document.pagePointSize(0).width() < SMALL_PAGE
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView if small
                              else QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.zoom_out)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.go_to(self.page() + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.go_to(self.page() - 1))
        if parent is not None:
            self.resize(int(parent.window().width() * 0.9), int(parent.window().height() * 0.92))
        self._page_changed(0)

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.previous = QPushButton("◀")
        self.previous.setAccessibleName(tr("Halaman sebelumnya"))
        self.previous.setToolTip(tr("Halaman sebelumnya (Page Up)"))
        self.previous.clicked.connect(lambda: self.go_to(self.page() - 1))
        self.number = QSpinBox()
        self.number.setRange(1, max(1, self.page_count()))
        self.number.setAccessibleName(tr("Halaman"))
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("0000") + 40)
        self.number.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.of = QLabel(tr("dari {count}", count=self.page_count()))
        self.next = QPushButton("▶")
        self.next.setAccessibleName(tr("Halaman berikutnya"))
        self.next.setToolTip(tr("Halaman berikutnya (Page Down)"))
        self.next.clicked.connect(lambda: self.go_to(self.page() + 1))
        self.smaller = QPushButton("−")
        self.smaller.setAccessibleName(tr("Perkecil"))
        self.smaller.setToolTip(tr("Perkecil (Ctrl+-)"))
        self.smaller.clicked.connect(self.zoom_out)
        self.larger = QPushButton("+")
        self.larger.setAccessibleName(tr("Perbesar"))
        self.larger.setToolTip(tr("Perbesar (Ctrl++)"))
        self.larger.clicked.connect(self.zoom_in)
        self.fit = QPushButton(tr("Pas lebar"))
        self.fit.clicked.connect(self.fit_width)
        self.whole = QPushButton(tr("Satu halaman"))
        self.whole.clicked.connect(self.fit_page)
        self.save = QPushButton(tr("Simpan PDF…"))
        self.save.clicked.connect(lambda: self.save_copy())
        self.print_button = primary_button(tr("Cetak…"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_dialog)
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.reject)
        bar.addWidget(self.previous)
        bar.addWidget(QLabel(tr("Halaman")))
        for widget in (self.number, self.of, self.next, self.smaller, self.larger, self.fit,
                       self.whole):
            bar.addWidget(widget)
        bar.addStretch()
        for widget in (self.save, self.print_button, close):
            bar.addWidget(widget)
        # No default button: Enter in the page number must not open the printer dialog.
        return bar

    # -- pages and zoom -----------------------------------------------------------------------
    def page_count(self) -> int:
        """Pages in the loaded PDF (0 if it could not be read)."""
        return int(self.document.pageCount())

    def page(self) -> int:
        """The page on screen (0-based)."""
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        """Show a page (clamped to the document)."""
        page = max(0, min(page, self.page_count() - 1))
        if page != self.page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _page_changed(self, page: int) -> None:
        self.number.blockSignals(True)
        self.number.setValue(page + 1)
        self.number.blockSignals(False)
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page < self.page_count() - 1)

    def zoom_in(self) -> None:
        """Show the pages larger."""
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Show the pages smaller."""
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(factor, 5.0)))

    def fit_width(self) -> None:
        """Pages as wide as the window."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        """One whole page in the window."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # -- printing and saving ------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        """A printer set to the PDF's paper size."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        configure_printer(printer, self.document)
        return printer

    def print_dialog(self) -> None:
        """Ask which printer and pages (the system's dialog), then print."""
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.page_count()))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages the printer was asked for (all by default), with a progress bar."""
        first, last = 0, self.page_count() - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage() - 1, printer.toPage() - 1
        total = last - first + 1
        progress = QProgressDialog(tr("Mencetak…"), tr("Batal"), 0, total, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)

        def step(done: int, _total: int) -> bool:
            progress.setValue(done)
            return not progress.wasCanceled()

        try:
            return render_pages(self.document, printer, first=first, last=last, on_page=step)
        finally:
            progress.close()

    def save_copy(self, target: Path | None = None) -> Path | None:
        """Keep a copy of the PDF where the owner chooses (e.g. to send a nota by WhatsApp)."""
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation)
            chosen, _ = QFileDialog.getSaveFileName(self, tr("Simpan PDF"),
                                                    str(Path(folder) / self.suggested_name),
                                                    tr("PDF (*.pdf)"))
            if not chosen:
                return None
            target = Path(chosen)
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            show_error(self, InputError("Tidak bisa menulis '{value}': {reason}", field="pdf",
                                        value=str(target), reason=exc.strerror or str(exc)))
            return None
        return target

    def done(self, result: int) -> None:
        """Close the document and delete a temporary file."""
        self.document.close()
        if self.temporary:
            with contextlib.suppress(OSError):
                self.path.unlink()
        super().done(result)
