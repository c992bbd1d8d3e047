"""A read-only table model of display rows (shared by Persediaan and Utang Piutang), and its view."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LOW = QColor("#fde2e0")      # a row that needs the owner's attention (low stock, overdue)
TOTAL = QColor("#eef2ea")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column's heading and whether it holds numbers (right-aligned)."""

    title: str
    numeric: bool = False


@dataclass
class Row:
    """One shown row: the texts, the raw values to sort by, its key and how it stands out."""

    cells: list[str]
    raw: list[object] = field(default_factory=list)
    key: object = None
    mark: str = ""   # "", "low" (highlighted) or "total" (bold, kept last)
    tip: str = ""


class RowsModel(QAbstractTableModel):
    """Shows prepared rows; the page formats the books' figures, the model only displays them."""

    def __init__(self, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = self.columns[section].numeric
            return int((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            flag = Qt.AlignmentFlag.AlignRight if self.columns[column].numeric \
                else Qt.AlignmentFlag.AlignLeft
            return int(flag | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return row.key
        if role == SORT_ROLE:
            return _sort_value(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row.mark:
            return QBrush(LOW if row.mark == "low" else TOTAL)
        if role == Qt.ItemDataRole.FontRole and row.mark == "total":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.tip:
            return row.tip
        return None


def _sort_value(row: Row, column: int) -> object:
    """The raw value to sort by (text compared without case)."""
    value = row.raw[column] if column < len(row.raw) else row.cells[column]
    return value.casefold() if isinstance(value, str) else value


class RowsProxy(QSortFilterProxyModel):
    """Filters by any word typed (in any column) and sorts by the raw values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.words: list[str] = []

    def set_search(self, text: str) -> None:
        """Keep rows that contain every typed word somewhere."""
        self.beginFilterChange()
        self.words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        row = model.rows[source_row]
        if row.mark == "total":
            return not self.words
        haystack = " ".join(row.cells).casefold()
        return all(word in haystack for word in self.words)


def rows_view(model: RowsModel, *, sortable: bool = False, stretch: int | None = 1) -> QTableView:
    """A table view for owners: whole-row selection, no editing; `stretch` column takes the rest.

    With `stretch=None` every column shares the width (short tables of few columns).
    """
    view = QTableView()
    if sortable:
        proxy = RowsProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


def selected_key(view: QTableView) -> object:
    """The key of the selected row (None when nothing, or a total row, is selected)."""
    selection = view.selectionModel()
    if selection is None:
        return None
    rows = selection.selectedRows()
    return rows[0].data(KEY_ROLE) if rows else None


def select_key(view: QTableView, key: object) -> bool:
    """Select the row with this key; whether it was found."""
    model = view.model()
    for number in range(model.rowCount()):
        index = model.index(number, 0)
        if key is not None and index.data(KEY_ROLE) == key:
            view.selectRow(number)
            view.scrollTo(index)
            return True
    return False


def replace_rows(view: QTableView, model: RowsModel, rows: list[Row]) -> None:
    """Show new rows, keeping the row that was selected selected (else the first row)."""
    keep = selected_key(view)
    model.set_rows(rows)
    if not (keep and select_key(view, keep)) and rows:
        view.selectRow(0)
