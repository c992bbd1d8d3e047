"""A report on screen: a table model over the report's rows, fetched lazily when they stream."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.i18n import tr
from desktop.books.pdf.fasttable import cell_text
from desktop.books.reports.table import EMPTY_PERIOD, Row
from desktop.ui.pages.reports_jobs import CHUNK, ScreenTable, Shown, close_rows, take
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted

NUMERIC = ("money", "qty", "number")
ACCOUNT_CODE = "Akun"  # the account-code column of the statements: for a pendamping only
CODE_TITLES = ("Akun", "Kode", "Ref", "SKU", "Satuan", "Bulan", "No.", "Catatan")
STRONG = ("section", "subtotal", "total")
TOTAL_BACKGROUND = QColor("#e8f5e9")
INDENT = "    "
LONG_TEXT = 30
CELL_PADDING = 18
RawRole = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


def label_column(table: ScreenTable) -> int:
    """The column that carries the row names and their indentation (as in the PDF)."""
    return next((i for i, c in enumerate(table.columns)
                 if c.kind == "text" and c.title not in CODE_TITLES), 0)


def bottom_line(table: ScreenTable, rows: list[Row]) -> str:
    """The report's last total in words ("Laba (rugi) bersih: Rp13.666.398"), shown above the
    table so the answer is seen without scrolling; "" when there is none (yet)."""
    total = next((row for row in reversed(rows) if row.style == "total"), None)
    if total is None:
        return ""
    label = str(total.cells[label_column(table)] or "")
    figures = [(column.title, cell_text(value, column.kind))
               for column, value in zip(table.columns, total.cells, strict=False)
               if column.kind == "money" and value is not None]
    if not label or not figures:
        return ""
    if len(figures) == 1:
        return f"{label}: {figures[0][1]}"
    return f"{label} — " + " · ".join(f"{title} {text}" for title, text in figures)


def grouped(count: int) -> str:
    """A count with dots between thousands (12.500)."""
    return f"{count:,}".replace(",", ".")


def empty_text(message: str) -> str:
    """The empty-period message in the owner's language."""
    return tr("Tidak ada transaksi pada periode ini.") if message == EMPTY_PERIOD else message


class FillColumn(QObject):
    """Gives one column of a table the room the others leave, but never less than a minimum.

    (A stretched header section can shrink to nothing when the other columns are wide, as
    with a ledger in the large text size; then the table scrolls sideways instead.)
    """

    def __init__(self, view: QTableView, column: int, minimum_chars: int = 24) -> None:
        super().__init__(view)
        self.view, self.column = view, column
        self.minimum = view.fontMetrics().averageCharWidth() * minimum_chars
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Recompute the column's width from the viewport and the other columns."""
        model = self.view.model()
        if model is None or self.column >= model.columnCount():
            return
        others = sum(self.view.columnWidth(c) for c in range(model.columnCount())
                     if c != self.column and not self.view.isColumnHidden(c))
        self.view.setColumnWidth(self.column,
                                 max(self.view.viewport().width() - others, self.minimum))


class ReportModel(QAbstractTableModel):
    """Rows of one report table; a streamed table asks the worker for more as the view scrolls.

    Each `fetchMore` takes the next chunk from the report's generator on the worker (the
    generator reads SQLite, so it never runs on the GUI thread).
    """

    def __init__(self, table: ScreenTable, session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.session = session
        self.rows: list[Row] = list(table.rows)
        self._rest: Iterator[Row] | None = table.rest
        self._fetching = False
        self._released = False
        self._label = label_column(table)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- shape --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole and self.table.columns[section].kind in NUMERIC:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.table.columns[index.column()]
        value = row.cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(value, column.kind)
            return INDENT * row.indent + text if index.column() == self._label else text
        if role == RawRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC
                          else Qt.AlignmentFlag.AlignLeft)
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.style in STRONG else self._italic if row.style == "note" \
                else None
        if role == Qt.ItemDataRole.BackgroundRole and row.style == "total":
            return QBrush(TOTAL_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" \
                and isinstance(value, str) and len(value) > LONG_TEXT:
            return value  # the full memo when the column elides it
        return None

    # -- streaming ----------------------------------------------------------------------------
    @property
    def has_more(self) -> bool:
        """Whether the report has rows not read yet."""
        return self._rest is not None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._rest is not None and not self._fetching \
            and not self._released

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        rest = self._rest
        assert rest is not None
        self._fetching = True
        self.session.run(lambda _book: take(rest, CHUNK), done=self._arrived,
                         failed=self._stopped)

    def _arrived(self, rows: list[Row]) -> None:
        self._fetching = False
        if self._released:
            return
        if len(rows) < CHUNK:
            self._rest = None
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _stopped(self, exc: BaseException) -> None:
        self._fetching = False
        self._rest = None
        if self.session.on_error:
            self.session.on_error(exc)

    def release(self) -> None:
        """Stop streaming and close the report's cursor on the worker."""
        self._released = True
        rest, self._rest = self._rest, None
        if rest is not None:
            self.session.run(lambda _book: close_rows(rest))


class TablePanel(QWidget):
    """One table: its title and period, the rows (or the empty message), and its notes."""

    def __init__(self, table: ScreenTable, session: Session,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = QLabel(table.title)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.period = muted(table.period)
        self.bottom = QLabel()  # the bottom line, above the table: never below the fold
        self.bottom.setObjectName("report-bottom-line")
        self.bottom.setTextFormat(Qt.TextFormat.PlainText)
        self.bottom.setWordWrap(True)
        self.bottom.setStyleSheet("font-weight: bold;")
        self.model = ReportModel(table, session, self)
        self.view = QTableView()
        self.view.setObjectName("report-table")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self._label = label_column(table)
        for column, spec in enumerate(table.columns):  # codes only with the pendamping switch
            self.view.setColumnHidden(column, spec.title == ACCOUNT_CODE and not session.pendamping
                                      and column != self._label)
        self.fill = FillColumn(self.view, self._label)
        self._fit_columns(0, self.model.rowCount() - 1)
        self.empty = QLabel(empty_text(table.empty_message or ""))
        self.empty.setObjectName("report-empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("muted", True)
        self.body = QStackedWidget()
        self.body.addWidget(self.view)
        self.body.addWidget(self.empty)
        self.body.setCurrentWidget(self.empty if table.empty_message else self.view)
        self.status = muted("")
        for widget in (self.title, self.period, self.bottom, self.body, self.status):
            layout.addWidget(widget)
        layout.setStretchFactor(self.body, 1)
        for note in table.notes:
            layout.addWidget(muted(note))
        self.model.rowsInserted.connect(self._inserted)
        self._update_status()

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._fit_columns(first, last)
        self._update_status()

    def _fit_columns(self, first: int, last: int) -> None:
        """Widen columns to their widest text so far; they never shrink while rows stream in."""
        plain = QFontMetrics(self.view.font())
        bold_font = QFont(self.view.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        header = self.view.horizontalHeader()
        rows = self.model.rows[first:last + 1]
        for column, spec in enumerate(self.model.table.columns):
            if column == self._label or self.view.isColumnHidden(column):
                continue
            widest = header.sectionSizeFromContents(column).width()
            for row in rows:
                metrics = bold if row.style in STRONG else plain
                text = cell_text(row.cells[column], spec.kind)
                widest = max(widest, metrics.horizontalAdvance(text) + CELL_PADDING)
            if widest > self.view.columnWidth(column):
                self.view.setColumnWidth(column, widest)
        self.fill.fit()

    def _update_status(self) -> None:
        more = self.model.has_more
        self.status.setText(tr("{count} baris ditampilkan; gulir ke bawah untuk memuat berikutnya.",
                               count=grouped(self.model.rowCount())) if more else "")
        self.status.setVisible(more)
        line = "" if more else bottom_line(self.model.table, self.model.rows)
        self.bottom.setText(line)
        self.bottom.setVisible(bool(line))


class ReportView(QWidget):
    """The shown report: one table, or tabs for several (the pack, every account's ledger)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setTabBarAutoHide(True)
        self.tabs.setDocumentMode(True)
        self.note = muted("")
        self.note.hide()
        self.nothing = QLabel(tr("Tidak ada transaksi pada periode ini."))
        self.nothing.setObjectName("report-nothing")
        self.nothing.setProperty("muted", True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.hide()
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.nothing, 1)
        self.shown: Shown | None = None

    def panels(self) -> list[TablePanel]:
        """The table panels, in order."""
        found = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [panel for panel in found if isinstance(panel, TablePanel)]

    def clear(self) -> None:
        """Drop the shown report (closing any cursor it still holds)."""
        for panel in self.panels():
            panel.model.release()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.shown = None

    def show_report(self, shown: Shown) -> None:
        """Show a computed report's tables."""
        self.clear()
        self.shown = shown
        for table in shown.tables:
            label = table.title if len(table.title) <= 34 else table.title[:32] + "…"
            index = self.tabs.addTab(TablePanel(table, self.session), label)
            self.tabs.setTabToolTip(index, table.title)
        self.note.setText(tr("Sampul dan catatan atas laporan keuangan ada di PDF: "
                             "klik Simpan PDF atau Cetak.") if shown.is_pack else "")
        self.note.setVisible(shown.is_pack)
        self.tabs.setVisible(bool(shown.tables))
        self.nothing.setVisible(not shown.tables)
