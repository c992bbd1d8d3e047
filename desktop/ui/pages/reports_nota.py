"""The Nota part of Laporan: pick a recent sale (or type its number) and the paper size."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.books.dates import format_short
from desktop.books.fmt import rupiah
from desktop.books.history import EntrySummary
from desktop.books.i18n import N_, tr
from desktop.ui.pages.reports_view import FillColumn
from desktop.ui.widgets.common import ErrorLabel, muted, primary_button

KINDS = {"penjualan-tunai": N_("Penjualan tunai"), "penjualan-kredit": N_("Penjualan kredit"),
         "terima-piutang": N_("Terima pembayaran")}
COLUMNS = (N_("Tanggal"), N_("No. transaksi"), N_("Jenis"), N_("Pembeli"), N_("Jumlah"))
PARTY_COLUMN = 3
Index = QModelIndex | QPersistentModelIndex


class SalesModel(QAbstractTableModel):
    """The latest sales and payments received, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sales: list[EntrySummary] = []

    def set_sales(self, sales: list[EntrySummary]) -> None:
        """Replace the list."""
        self.beginResetModel()
        self.sales = list(sales)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.sales)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sale = self.sales[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return sale.ref
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        kind = tr(KINDS.get(sale.kind, sale.kind))
        if sale.status == "dibatalkan":
            kind = tr("{kind} (dibatalkan)", kind=kind)
        return (format_short(sale.date), sale.ref, kind, sale.party or "",
                rupiah(sale.amount))[index.column()]


class NotaPanel(QWidget):
    """Emits `wanted(ref, size)` when the owner asks to see a nota ('a5' or '58mm')."""

    wanted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(muted(tr("Pilih penjualan dari daftar, atau ketik nomor transaksinya; "
                                  "daftar menyaring sambil Anda mengetik.")))
        self.model = SalesModel(self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.model)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setObjectName("nota-sales")
        self.table.setModel(self.filtered)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.fill = FillColumn(self.table, PARTY_COLUMN, minimum_chars=16)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.table.activated.connect(lambda _index: self.submit())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        label = QLabel(tr("No. transaksi"))
        self.ref = QLineEdit()
        self.ref.setObjectName("nota-ref")
        self.ref.setPlaceholderText(tr("misalnya PT-2026-000012"))
        self.ref.setMaxLength(40)
        self.ref.returnPressed.connect(self.submit)
        self.ref.textEdited.connect(lambda text: self.filtered.setFilterFixedString(text.strip()))
        label.setBuddy(self.ref)
        self.a5 = QRadioButton(tr("A5 (printer biasa)"))
        self.strip = QRadioButton(tr("58 mm (printer struk)"))
        self.a5.setChecked(True)
        sizes = QButtonGroup(self)
        sizes.addButton(self.a5)
        sizes.addButton(self.strip)
        self.show_button = primary_button(tr("Lihat nota"))
        self.show_button.setObjectName("nota-show")
        self.show_button.clicked.connect(self.submit)
        row.addWidget(label)
        row.addWidget(self.ref, 1)
        row.addWidget(self.show_button)
        layout.addLayout(row)
        paper = QHBoxLayout()
        paper.addWidget(QLabel(tr("Ukuran")))
        paper.addWidget(self.a5)
        paper.addWidget(self.strip)
        paper.addStretch()
        layout.addLayout(paper)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

    def set_sales(self, sales: list[EntrySummary]) -> None:
        """Show the latest sales."""
        self.model.set_sales(sales)
        self.table.resizeColumnsToContents()
        self.fill.fit()

    def paper(self) -> str:
        """'a5' or '58mm'."""
        return "58mm" if self.strip.isChecked() else "a5"

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.ref.setText(str(current.data(Qt.ItemDataRole.UserRole)))
            self.error.show_message("")

    def submit(self) -> None:
        """Ask for the nota of the typed or chosen number."""
        ref = self.ref.text().strip()
        if not ref:
            self.error.show_message(tr("Pilih penjualan atau ketik nomor transaksinya."))
            self.ref.setFocus()
            return
        self.error.show_message("")
        self.wanted.emit(ref, self.paper())
