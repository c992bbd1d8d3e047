"""Kas & Bank: the journal as a cash book, filtered, read page by page, and cancelled from here."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.dates import today, working_years
from desktop.books.errors import UserFacingError
from desktop.books.history import (
    EntryDetail,
    EntryFilter,
    FilterChoices,
    count_entries,
    entry_detail,
    filter_choices,
)
from desktop.books.i18n import current_lang, tr
from desktop.books.ledger import Posted, check_reversible, reverse_entry
from desktop.ui.errors import show_error
from desktop.ui.models.entries import (
    CASH_IN,
    CASH_OUT,
    DATE,
    KIND,
    MEMO,
    PARTY,
    REF,
    STATUS,
    EntryListModel,
)
from desktop.ui.models.labels import KIND_LABELS
from desktop.ui.pages.base import Page
from desktop.ui.pages.cashbook_detail import EntryDetailPanel, ReverseDialog
from desktop.ui.pages.record_choices import account_name
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted
from desktop.ui.widgets.dates import date_edit, py_date
from desktop.ui.widgets.picker import Choice, SearchPicker

DEBOUNCE_MS = 300
REVERSAL_CHANGES = frozenset({"entries", "stock", "parties", "assets"})
SEEK_ROWS = 5_000  # how far the list reads on to show the entry just cancelled again
FIXED_SAMPLES = {DATE: "30 Sep 2026", REF: "PT-2026-000000", CASH_IN: "99.999.999",
                 CASH_OUT: "99.999.999", STATUS: "Pembatalan"}
FLEXIBLE_SAMPLES = {KIND: "Pembelian persediaan", PARTY: "Toko Oleh-oleh Sidemen"}
PARTY_SHARE = 0.17  # of the rest, on two lines
PAD = 14  # px a cell needs beside its text (the style's margins and the grid line)
MEMO_SAMPLE = "Penjualan 13 bks Keripik Pisang Original 250 g"  # a usual memo: the kasir's
DATE_WRAP_SHARE = 0.28  # the date wraps when this much of the rest cannot show "Penjualan kredit"


def two_line_width(metrics: QFontMetrics, text: str) -> int:
    """The narrowest width that shows `text` whole on two lines, broken between words."""
    words = text.split()
    widths = [metrics.horizontalAdvance(" ".join(words[:cut])) for cut in range(1, len(words) + 1)]
    total = widths[-1]
    return min(max(first, total - first - metrics.horizontalAdvance(" ")) for first in widths)


def grouped(count: int) -> str:
    """12.345 in Indonesian, 12,345 in English."""
    text = f"{count:,}"
    return text.replace(",", ".") if current_lang() == "id" else text


class FilterBar(QWidget):
    """Dates, form, account, party and words; `changed` fires when the owner settles on them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        start, end = working_years(today())
        self.date_from = date_edit(start)
        self.date_to = date_edit(end)
        self.kind = QComboBox()
        self.kind.addItem(tr("Semua jenis"), None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(tr(label), kind)
        self.account = QComboBox()
        self.account.addItem(tr("Semua akun"), None)
        self.party = SearchPicker(placeholder=tr("Semua pihak"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Cari ref, keterangan atau nama…"))
        self.search.setClearButtonEnabled(True)
        self.clear = QPushButton(tr("Hapus saringan"))
        names = ("date-from", "date-to", "kind", "account", "party", "search", "clear-filters")
        widgets = (self.date_from, self.date_to, self.kind, self.account, self.party, self.search,
                   self.clear)
        for name, widget in zip(names, widgets, strict=True):
            widget.setObjectName(name)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._party_id: str | None = None
        self._layout(widgets)
        self._connect()

    def _layout(self, widgets: tuple[QWidget, ...]) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        labels = (tr("Dari"), tr("Sampai"), tr("Jenis"), tr("Akun"), tr("Pihak"), tr("Cari"))
        places = ((0, 0), (0, 2), (0, 4), (0, 6), (1, 0), (1, 2))
        for text, widget, (row, column) in zip(labels, widgets, places, strict=False):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.search, 1, 3, 1, 5)
        for column, stretch in ((1, 2), (3, 2), (5, 3), (7, 3)):
            grid.setColumnStretch(column, stretch)
        for first, second in pairwise(widgets[:-1]):  # the clear button sits on the page
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._timer.start())
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_now)
        self.kind.currentIndexChanged.connect(lambda _i: self.apply_now())
        self.account.currentIndexChanged.connect(lambda _i: self.apply_now())
        self.party.picked.connect(self._picked)
        self.party.editor.textChanged.connect(self._party_typed)
        self.clear.clicked.connect(self.reset)

    def _picked(self, choice: Choice | None) -> None:
        key = choice.key if choice else None
        if key and key != self._party_id:
            self._party_id = key
            self.apply_now()

    def _party_typed(self, text: str) -> None:
        if not text.strip() and self._party_id is not None:
            self._party_id = None
            self.apply_now()

    def apply_now(self) -> None:
        """Apply at once (a combo was chosen, Enter was pressed)."""
        self._timer.stop()
        self.changed.emit()

    def filters(self) -> EntryFilter:
        """The filter the widgets describe."""
        return EntryFilter(start=py_date(self.date_from), end=py_date(self.date_to),
                           kind=self.kind.currentData(), account=self.account.currentData(),
                           party_id=self._party_id, text=self.search.text().strip())

    def set_choices(self, choices: FilterChoices, *, pendamping: bool = False) -> None:
        """Fill the account and party lists, keeping what is chosen."""
        account = self.account.currentData()
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(tr("Semua akun"), None)
        for code, name in choices.accounts:
            self.account.addItem(account_name(code, name, pendamping=pendamping), code)
        self.account.setCurrentIndex(max(0, self.account.findData(account)))
        self.account.blockSignals(False)
        self.party.blockSignals(True)
        self.party.set_choices([Choice(key, name) for key, name in choices.parties])
        if self._party_id:
            self.party.pick(self._party_id)
        self.party.blockSignals(False)

    def reset(self) -> None:
        """Back to this year (and last, in January), every form, account and party, no words."""
        start, end = working_years(today())
        for widget in (self.date_from, self.date_to, self.kind, self.account, self.search):
            widget.blockSignals(True)
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.kind.setCurrentIndex(0)
        self.account.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.date_from, self.date_to, self.kind, self.account, self.search):
            widget.blockSignals(False)
        self.party.editor.clear()
        self._party_id = None
        self.apply_now()


class CashbookPage(Page):
    """Kas & Bank: every entry as a line of the cash book, its detail, and cancelling it."""

    key = "kas-bank"
    depends = frozenset({"entries", "parties", "accounts"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.filters = FilterBar()
        self.filters.changed.connect(self._filters_changed)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.count.setStyleSheet("font-weight: bold;")
        self.empty = muted(tr("Tidak ada transaksi yang cocok. Ubah tanggal atau hapus saringan."))
        self.empty.setWordWrap(False)
        self.empty.hide()
        self.notice = muted("")
        self.notice.setObjectName("notice")
        self.model = EntryListModel(session, parent=self)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table = self._table()
        self.table.viewport().installEventFilter(self)
        self.detail = EntryDetailPanel(pendamping=session.pendamping)
        self.detail.reverse_requested.connect(self.ask_reversal)
        self.dialog: ReverseDialog | None = None
        self._select_seq: int | None = None
        status = QHBoxLayout()
        for widget in (self.count, self.empty, self.notice):
            status.addWidget(widget)
        status.addStretch()
        status.addWidget(self.filters.clear)
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(status)
        self.layout_.addWidget(self.table, 5)
        self.layout_.addWidget(self.detail, 2)
        for first, second in pairwise((self.filters.search, self.filters.clear, self.table,
                                       self.detail.reverse)):
            QWidget.setTabOrder(first, second)

    @classmethod
    def title(cls) -> str:
        return tr("Kas & Bank")

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("cashbook")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        metrics = QFontMetrics(table.font())
        self._line = metrics.lineSpacing()
        table.verticalHeader().setDefaultSectionSize(self._line + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        self._fixed = {column: metrics.horizontalAdvance(sample) + PAD
                       for column, sample in FIXED_SAMPLES.items()}
        samples = {**FLEXIBLE_SAMPLES,  # the longest form name, in the language on screen
                   KIND: max((tr(label) for label in KIND_LABELS.values()),
                             key=metrics.horizontalAdvance)}
        self._flexible = {column: metrics.horizontalAdvance(sample) + PAD
                          for column, sample in samples.items()}
        self._wrapped = {column: two_line_width(metrics, sample) + PAD  # the least, on two lines
                         for column, sample in ((DATE, FIXED_SAMPLES[DATE]),
                                                (KIND, tr("Penjualan tunai")),
                                                (PARTY, "Oleh-oleh"))}
        self._two_line_max = max(two_line_width(metrics, tr(label))
                                 for label in KIND_LABELS.values()) + PAD
        self._memo = two_line_width(metrics, MEMO_SAMPLE) + PAD
        self._common_kind = metrics.horizontalAdvance(tr("Penjualan kredit")) + PAD
        bold = QFont(header.font())
        bold.setBold(True)
        self._wrapped[DATE] = max(self._wrapped[DATE],  # its heading stays whole
                                  QFontMetrics(bold).horizontalAdvance(tr("Tanggal")) + 24)
        for column, width in self._fixed.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(MEMO, QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setMinimumHeight(metrics.height() * 8)
        selection = table.selectionModel()
        selection.currentRowChanged.connect(self._row_changed)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Refs, amounts and status keep their width; kind, memo and party share the rest.

        With room, each takes one line. Without (most screens), rows take two lines and the
        kind, memo and party wrap onto the second instead of being cut to "…": a usual memo
        gets its two lines first, then the party, then the kind up to what its longest name
        needs; the memo takes what is left. On a narrow screen with large text, a long kind
        name may still be cut (its tooltip shows it whole), and the date wraps too. Nothing
        scrolls sideways.
        """
        header = self.table.horizontalHeader()
        spare = self.table.viewport().width() - sum(self._fixed.values())
        roomy = spare >= sum(self._flexible.values()) * 1.6
        self._two_lines(not roomy)
        date = self._wrapped[DATE] if spare * DATE_WRAP_SHARE < self._common_kind \
            else self._fixed[DATE]
        header.resizeSection(DATE, date)
        spare += self._fixed[DATE] - date
        if roomy:
            party, kind = self._flexible[PARTY], self._flexible[KIND]
        else:
            party = min(self._flexible[PARTY], max(self._wrapped[PARTY], int(spare * PARTY_SHARE)))
            kind = min(self._two_line_max, max(self._wrapped[KIND], spare - self._memo - party))
        header.resizeSection(PARTY, party)
        header.resizeSection(KIND, kind)

    def _two_lines(self, on: bool) -> None:
        if self.table.wordWrap() == on:
            return
        self.table.setWordWrap(on)
        self.table.verticalHeader().setDefaultSectionSize(self._line * (2 if on else 1) + 10)

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the filter choices and the rows (the books changed or the page is new)."""
        super().refresh()
        self.session.run(lambda book: filter_choices(book.conn), done=lambda found: self.filters.set_choices(
            found, pendamping=self.session.pendamping))
        self.apply_filters()

    def _filters_changed(self) -> None:
        self.notice.setText("")
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show the first page for the filter bar's current values, and count them."""
        filters = self.filters.filters()
        self.detail.show_entry(None)
        self.count.setText("…")
        self.model.set_filters(filters)
        self.session.run(lambda book: count_entries(book.conn, filters=filters),
                         done=lambda n: self._show_count(filters, n))

    def _show_count(self, filters: EntryFilter, count: int) -> None:
        if filters != self.model.filters:
            return
        self.count.setText(tr("{count} transaksi", count=grouped(count)))
        self.empty.setVisible(count == 0)

    def _page_loaded(self, rows: int) -> None:
        if self._select_seq is None:
            return
        number = self.model.row_of_seq(self._select_seq)
        if number is not None:
            self._select_seq = None
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))
        elif self.model.canFetchMore(QModelIndex()) and rows < SEEK_ROWS:
            self.model.fetchMore(QModelIndex())  # the entry is further down: read on for it
        else:
            self._select_seq = None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.show_entry(None)
            return
        seq = self.model.seq_at(current.row())
        self.session.run(lambda book: entry_detail(book.conn, seq=seq),
                         done=lambda detail: self._show_detail(seq, detail))

    def _show_detail(self, seq: int, detail: EntryDetail) -> None:
        current = self.table.currentIndex()
        if current.isValid() and self.model.seq_at(current.row()) == seq:
            self.detail.show_entry(detail)

    # -- cancelling an entry ---------------------------------------------------------------------
    def ask_reversal(self) -> None:
        """Ask for the reason, unless the books already refuse to cancel this entry."""
        detail = self.detail.current
        if detail is None:
            return
        self.session.run(lambda book: check_reversible(book.conn, ref=detail.ref),
                         done=lambda _none: self._open_dialog(detail))

    def _open_dialog(self, detail: EntryDetail) -> None:
        dialog = self.dialog = ReverseDialog(detail, self)
        dialog.submitted.connect(self.reverse)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ReverseDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def reverse(self, reason: str, day: dt.date) -> None:
        """Post the mirror entry of the dialog's entry; the original shows as dibatalkan."""
        dialog = self.dialog
        if dialog is None:
            return
        ref, seq = dialog.detail.ref, dialog.detail.seq
        correction = "periode-lalu" if dialog.prior.isChecked() else None

        def work(book: Book) -> Posted:
            with book.write() as conn:
                return reverse_entry(conn, ref=ref, reason=reason, device_id=book.device_id,
                                     date=day, correction=correction)

        self._select_seq = seq
        self.session.run(work, done=lambda posted: self._reversed(ref, posted),
                         failed=self._reverse_failed, changes=REVERSAL_CHANGES)

    def _reversed(self, ref: str, posted: Posted) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.notice.setText(tr("{ref} dibatalkan; pembatalannya tercatat sebagai {by}.",
                               ref=ref, by=posted.ref))

    def _reverse_failed(self, exc: BaseException) -> None:
        self._select_seq = None
        dialog = self.dialog
        if dialog is not None and isinstance(exc, UserFacingError) and dialog.show_error(exc):
            return
        show_error(dialog or self, exc)
        if dialog is not None and isinstance(exc, UserFacingError) and exc.field == "ref":
            dialog.reject()  # cancelled meanwhile (another PC, another window): nothing to do
