"""Laporan: pick a report and period, see it as a table, save it as PDF or Excel, print it.

The page only reads its widgets and hands one job to the worker (reports_jobs); the table
model (reports_view) streams a long buku besar, files are written behind a cancellable
progress bar (reports_export), and printing goes through the PDF preview (pdfpreview).
"""

from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.dates import today
from desktop.books.errors import UserFacingError
from desktop.books.i18n import N_, current_lang, tr
from desktop.books.reports.catalog import ReportArgs
from desktop.ui.errors import plain_message, show_error
from desktop.ui.pages.base import Page
from desktop.ui.pages.record_choices import account_name
from desktop.ui.pages.reports_choice import BY_KEY, NOTA, ChooserList, PeriodPicker, ReportChoice
from desktop.ui.pages.reports_export import (
    Exporter,
    SavedBanner,
    ask_save_path,
    documents_folder,
    file_stem,
)
from desktop.ui.pages.reports_jobs import (
    PickerData,
    ReportRequest,
    Shown,
    export_pdf,
    export_receipt,
    export_xlsx,
    picker_data,
    show_report,
)
from desktop.ui.pages.reports_nota import NotaPanel
from desktop.ui.pages.reports_view import ReportView
from desktop.ui.pdfpreview import PdfPreview
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, muted, primary_button
from desktop.ui.widgets.picker import Choice, SearchPicker

PERIOD_FIELDS = ("from", "to", "as-of", "as_of", "date")
PICKER_FIELDS = ("account", "item", "sku")


class ReportsPage(Page):
    """Chooses a report, shows it, and writes or prints it; also prints a sale's nota."""

    key = "laporan"
    depends = frozenset({"entries", "stock", "parties", "accounts", "profile", "assets",
                         "period"})

    @classmethod
    def title(cls) -> str:
        return tr("Laporan")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.exporter = Exporter(session, self)
        self.preview: PdfPreview | None = None
        self.folder = documents_folder()
        self.data: PickerData | None = None
        self._shown_request: ReportRequest | None = None
        self._temp = tempfile.TemporaryDirectory(prefix="lumbung-cetak-")
        self.chooser = ChooserList()
        self.chooser.setMinimumWidth(180)
        right_side = QWidget()
        right = QVBoxLayout(right_side)
        right.setContentsMargins(8, 0, 0, 0)
        right.setSpacing(8)
        self.about = QLabel()
        self.about.setObjectName("report-about")
        self.about.setWordWrap(True)
        right.addWidget(self.about)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._report_side())
        self.nota = NotaPanel()
        self.nota.wanted.connect(self.show_nota)
        self.stack.addWidget(self.nota)
        self.banner = SavedBanner()
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        # The owner may drag the list narrower to give a wide ledger more room.
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chooser)
        self.splitter.addWidget(right_side)
        self.splitter.setStretchFactor(1, 1)
        width = max(260, QFontMetrics(QApplication.font()).averageCharWidth() * 34)
        self.splitter.setSizes([width, 10_000])
        self.layout_.addWidget(self.splitter, 1)
        self.chooser.chosen.connect(self._chosen)
        self.chooser.choose("laba-rugi")
        self.setTabOrder(self.chooser, self.period.quick)

    def _report_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        self.period = PeriodPicker(today())
        self.period.changed.connect(self._period_changed)
        layout.addWidget(self.period)
        layout.addLayout(self._pickers_row())
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addLayout(self._actions_row())
        self.view = ReportView(self.session)
        layout.addWidget(self.view, 1)
        for keys in ("Return", "Enter"):  # Enter in the period or pickers shows the report
            shortcut = QShortcut(QKeySequence(keys), side, self.show_report)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        printing = QShortcut(QKeySequence.StandardKey.Print, self, self.print_report)
        printing.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return side

    def _pickers_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.account_label = QLabel(tr("Akun"))
        self.account = SearchPicker(placeholder=tr("Ketik kode atau nama akun…"))
        self.item_label = QLabel(tr("Barang"))
        self.item = SearchPicker(placeholder=tr("Ketik SKU atau nama barang…"))
        for label, picker in ((self.account_label, self.account), (self.item_label, self.item)):
            label.setBuddy(picker)
            picker.setMinimumContentsLength(24)
            picker.currentTextChanged.connect(lambda _t: self._options_changed())
            row.addWidget(label)
            row.addWidget(picker, 1)
            label.hide()  # shown for buku besar / kartu stok only
            picker.hide()
        row.addStretch()
        return row

    def _actions_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.show_button = primary_button(tr("Tampilkan"))
        self.show_button.setObjectName("report-show")
        self.show_button.clicked.connect(self.show_report)
        self.pdf_button = QPushButton(tr("Simpan PDF"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.xlsx_button = QPushButton(tr("Simpan Excel"))
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.print_button = QPushButton(tr("Cetak…"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_report)
        self.hint = muted(tr("Pilihan berubah; klik Tampilkan untuk memperbarui."))
        self.hint.hide()
        for button in (self.show_button, self.pdf_button, self.xlsx_button, self.print_button):
            row.addWidget(button)
        row.addWidget(self.hint)
        row.addStretch()
        return row

    # -- choosing -----------------------------------------------------------------------------
    def choice(self) -> ReportChoice:
        """The chosen entry of the list."""
        return BY_KEY[self.chooser.current_key()]

    def _chosen(self, key: str) -> None:
        choice = BY_KEY[key]
        about = tr(choice.about)
        if current_lang() != "id" and key != NOTA:
            about += " " + tr("Isi laporan dalam Bahasa Indonesia, seperti yang dicetak.")
        self.about.setTextFormat(Qt.TextFormat.RichText)  # escaped above: only our bold
        self.about.setText(f"<b>{escape(tr(choice.name))}</b> — {escape(about)}")
        self.stack.setCurrentIndex(1 if key == NOTA else 0)
        self.period.set_mode(choice.period)
        for widget, wanted in ((self.account_label, "account"), (self.account, "account"),
                               (self.item_label, "item"), (self.item, "item")):
            widget.setVisible(choice.picker == wanted)
        self.error.show_message("")
        if key != NOTA and self.data is not None:
            self.show_report()

    def _period_changed(self) -> None:
        """A new period shows its report at once: the screen never disagrees with the PDF."""
        if self._shown_request is not None and self.choice().key != NOTA:
            self.show_report()
        else:
            self._options_changed()

    def _options_changed(self) -> None:
        if self._shown_request is None:
            return
        try:
            same = self.current_request() == self._shown_request
        except UserFacingError:
            same = False
        self.hint.setVisible(not same)

    def current_request(self) -> ReportRequest:
        """The report, period and filter the widgets hold."""
        choice = self.choice()
        start, end = self.period.dates()
        account = item = None
        if choice.picker == "account":
            account = self._picked(self.account, N_("Pilih akun dari daftar."), "account")
        if choice.picker == "item":
            item = self._picked(self.item, N_("Pilih barang dari daftar."), "item")
        if choice.period == "as_of":
            start = end
        return ReportRequest(choice.key, ReportArgs(as_of=end, start=start, end=end,
                                                    account=account, sku=item))

    @staticmethod
    def _picked(picker: SearchPicker, template: str, field: str) -> str | None:
        if not picker.currentText().strip():
            return None
        choice = picker.current_choice()
        if choice is None:
            raise UserFacingError(template, field=field)
        return choice.key or None

    # -- loading and showing ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the pickers and the latest sales, then the report on screen."""
        super().refresh()
        self.session.run(lambda book: picker_data(book, today=today()), done=self._loaded)

    def _loaded(self, data: PickerData) -> None:
        first = self.data is None
        self.data = data
        account = self.account.current_choice()
        self.account.set_choices([Choice("", tr("Semua akun")),
                                  *(Choice(a.code, account_name(a.code, a.name,
                                                                   pendamping=self.session.pendamping))
                                    for a in data.accounts)])
        self.account.pick(account.key if account else "1101")
        item = self.item.current_choice()
        self.item.set_choices([Choice("", tr("Semua barang (daftar persediaan)")),
                               *(Choice(i.sku, f"{i.sku} {i.name}") for i in data.items)])
        self.item.pick(item.key if item else "")
        self.nota.set_sales(data.sales)
        if self.choice().key != NOTA and (first or self._shown_request is not None):
            self.show_report()

    def show_report(self) -> None:
        """Compute the chosen report on the worker and show it."""
        if self.choice().key == NOTA:
            return
        try:
            request = self.current_request()
        except UserFacingError as exc:
            self._refused(exc)
            return
        self.error.show_message("")
        self.session.run(lambda book: show_report(book, request), done=self._shown,
                         failed=self._refused)

    def _shown(self, shown: Shown) -> None:
        self.view.show_report(shown)
        self._shown_request = shown.request
        self.hint.hide()

    def _refused(self, exc: BaseException) -> None:
        field = getattr(exc, "field", None)
        if isinstance(exc, UserFacingError) and field in PERIOD_FIELDS + PICKER_FIELDS:
            self.error.show_message(plain_message(exc))
        else:
            show_error(self, exc)

    # -- files and printing -------------------------------------------------------------------
    def _stem(self, request: ReportRequest) -> str:
        choice = BY_KEY[request.name]
        detail = request.args.account or request.args.sku or ""
        return file_stem(tr(choice.name), request, choice.period, detail)

    def save(self, kind: str, path: Path | None = None) -> None:
        """Ask where to save (unless given), then write the PDF or Excel file on the worker."""
        try:
            request = self.current_request()
        except UserFacingError as exc:
            self._refused(exc)
            return
        path = path or ask_save_path(self, kind, self.folder, self._stem(request))
        if path is None:
            return
        self.folder = path.parent
        self.banner.hide()
        if kind == "pdf":
            self.exporter.start(tr("Menyimpan PDF…"),
                                lambda book, progress: [export_pdf(book, request, path,
                                                                   progress=progress)],
                                done=self.banner.show_saved, failed=self._refused)
        else:
            self.exporter.start(tr("Menyimpan Excel…"),
                                lambda book, progress: export_xlsx(book, request, path,
                                                                   progress=progress),
                                done=self.banner.show_saved, failed=self._refused)

    def _temp_pdf(self, stem: str) -> Path:
        handle, name = tempfile.mkstemp(prefix=f"{stem[:40]} ", suffix=".pdf", dir=self._temp.name)
        os.close(handle)
        return Path(name)

    def print_report(self) -> None:
        """Write the PDF to a temporary file and open the print preview."""
        if self.choice().key == NOTA:
            self.nota.submit()
            return
        try:
            request = self.current_request()
        except UserFacingError as exc:
            self._refused(exc)
            return
        stem = self._stem(request)
        target = self._temp_pdf(stem)

        def refused(exc: BaseException) -> None:
            target.unlink(missing_ok=True)
            self._refused(exc)

        self.exporter.start(tr("Menyiapkan cetakan…"),
                            lambda book, progress: export_pdf(book, request, target,
                                                              progress=progress),
                            done=lambda path: self._preview(path, stem), failed=refused)

    def show_nota(self, ref: str, size: str) -> None:
        """Print a sale's nota (or a kuitansi) in the chosen size and open the preview."""
        stem = tr("Nota {ref}", ref=ref)
        target = self._temp_pdf(stem)

        def refused(exc: BaseException) -> None:
            target.unlink(missing_ok=True)
            if isinstance(exc, UserFacingError) and exc.field == "ref":
                self.nota.error.show_message(plain_message(exc))
            else:
                show_error(self, exc)

        self.exporter.start(tr("Menyiapkan nota…"),
                            lambda book, _progress: export_receipt(book, ref, size, target),
                            done=lambda path: self._preview(path, f"{stem} {size}"),
                            failed=refused)

    def _preview(self, path: Path, title: str) -> None:
        if self.preview is not None and shiboken6.isValid(self.preview):
            self.preview.close()
        self.preview = PdfPreview(path, title=title, temporary=True,
                                  suggested_name=f"{title}.pdf", parent=self)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.open()
