"""The Persediaan page: items with stock and value, the kartu stok, and the stock count."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.fmt import quantity, rupiah
from desktop.books.i18n import tr
from desktop.books.stock import Item, StockLevel, list_items, unit_cost
from desktop.ui.pages.base import Page
from desktop.ui.pages.reports_export import ask_save_path, documents_folder
from desktop.ui.pages.stock_count import CountPanel
from desktop.ui.pages.stock_item_form import ItemForm
from desktop.ui.pages.stock_kartu import KartuPanel
from desktop.ui.pages.stock_table import (
    Column,
    Row,
    RowsModel,
    RowsProxy,
    rows_view,
    select_key,
    selected_key,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import banner, muted, primary_button

Stocked = tuple[Item, StockLevel]


def is_low(item: Item, level: StockLevel) -> bool:
    """Whether an item should be restocked: at or below its minimum (as on Beranda)."""
    return item.active and level.qty <= item.min_qty


def item_rows(items: list[Stocked]) -> list[Row]:
    """The item list as shown: stock (with its unit), average cost per unit, value and sell price."""
    rows = []
    for item, level in items:
        low = is_low(item, level)
        cost = unit_cost(level)
        rows.append(Row(
            [item.sku, item.name, f"{quantity(level.qty)} {item.unit}", quantity(item.min_qty),
             rupiah(cost), rupiah(level.value), rupiah(item.price) if item.price else "–"],
            [item.sku, item.name, level.qty, item.min_qty, cost, level.value, item.price],
            key=item.sku, mark="low" if low else "",
            tip=tr("Stok menipis: {qty} {unit}, minimum {min}", qty=quantity(level.qty),
                   unit=item.unit, min=quantity(item.min_qty)) if low else item.category))
    return rows


class StockPage(Page):
    """Persediaan: the item list with a search, and panels to add, change, trace and count."""

    key = "persediaan"
    depends = frozenset({"stock", "entries"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.items: dict[str, Stocked] = {}
        self._select: str | None = None
        self.body = QStackedWidget()
        self.layout_.addWidget(self.body, 1)
        self.list_view = QWidget()
        self.body.addWidget(self.list_view)
        self._build_list()
        self.item_form = ItemForm(session)
        self.kartu = KartuPanel(session)
        self.count = CountPanel(session)
        for panel in (self.item_form, self.kartu, self.count):
            self.body.addWidget(panel)
            panel.closed.connect(self.show_list)
        self.item_form.saved.connect(self._saved)
        self.count.saved.connect(self._saved)

    @classmethod
    def title(cls) -> str:
        return tr("Persediaan")

    def _build_list(self) -> None:
        layout = QVBoxLayout(self.list_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("Cari nama atau kode barang…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.add_button = primary_button(tr("Tambah barang"))
        self.edit_button = QPushButton(tr("Ubah"))
        self.card_button = QPushButton(tr("Kartu stok"))
        self.count_button = QPushButton(tr("Hitung stok"))
        self.labels_button = QPushButton(tr("Cetak label barcode"))
        self.labels_button.setToolTip(tr("Lembar label Code128 (PDF, A4) untuk barang yang "
                                         "belum punya barcode"))
        bar.addWidget(self.search, 1)
        for button, name in ((self.add_button, "add"), (self.edit_button, "edit"),
                             (self.card_button, "card"), (self.count_button, "count"),
                             (self.labels_button, "labels")):
            button.setObjectName(name)
            bar.addWidget(button)
        layout.addLayout(bar)
        self.banner = self.title_row.add_notice(banner())
        self.summary = muted("")
        self.summary.setObjectName("summary")
        layout.addWidget(self.summary)
        self.model = RowsModel([
            Column(tr("Kode")), Column(tr("Nama barang")),
            Column(tr("Stok"), True), Column(tr("Stok min."), True),
            Column(tr("Harga pokok/unit"), True), Column(tr("Nilai stok"), True),
            Column(tr("Harga jual"), True)])
        self.table = rows_view(self.model, sortable=True)
        self.table.setObjectName("items")
        proxy = self.table.model()
        assert isinstance(proxy, RowsProxy)
        self.proxy = proxy
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.table.setFocus)
        self.add_button.clicked.connect(self.add_item)
        self.edit_button.clicked.connect(self.edit_item)
        self.card_button.clicked.connect(self.show_card)
        self.count_button.clicked.connect(self.count_stock)
        self.labels_button.clicked.connect(lambda: self.print_labels())
        self.table.activated.connect(lambda _index: self.show_card())
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._selection_changed)
        QShortcut(QKeySequence.StandardKey.Find, self.list_view, self.search.setFocus)
        self._selection_changed()

    # -- loading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every item with its stock level."""
        super().refresh()
        self.session.run(lambda book: list_items(book.conn), done=self._show)

    def _show(self, items: list[Stocked]) -> None:
        keep = self._select or self.selected_sku()
        self._select = None
        self.items = {item.sku: (item, level) for item, level in items}
        self.model.set_rows(item_rows(items))
        low = sum(is_low(item, level) for item, level in items)
        total = sum(level.value for _item, level in items)
        text = tr("{count} barang, nilai persediaan {value}.", count=len(items),
                  value=rupiah(total))
        if low:
            text += " " + tr("{low} barang stoknya menipis (baris merah).", low=low)
        self.summary.setText(text)
        if not (keep and select_key(self.table, keep)) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        if self.selected_sku() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def selected_sku(self) -> str | None:
        """The SKU of the selected row."""
        key = selected_key(self.table)
        return key if isinstance(key, str) else None

    def selected(self) -> Stocked | None:
        """The selected item with its stock level."""
        sku = self.selected_sku()
        return self.items.get(sku) if sku else None

    def _selection_changed(self, *_args: QModelIndex) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.card_button, self.count_button):
            button.setEnabled(chosen)

    # -- panels -----------------------------------------------------------------------------
    def show_list(self) -> None:
        """Back to the item list."""
        self.body.setCurrentWidget(self.list_view)
        self.table.setFocus()

    def _open(self, panel: QWidget) -> None:
        self.banner.hide()
        self.body.setCurrentWidget(panel)

    def add_item(self) -> None:
        """Open the empty item form."""
        self._open(self.item_form)
        self.item_form.start_add()

    def edit_item(self) -> None:
        """Open the form for the selected item."""
        chosen = self.selected()
        if chosen:
            self._open(self.item_form)
            self.item_form.start_edit(chosen[0])

    def show_card(self) -> None:
        """Open the kartu stok of the selected item."""
        chosen = self.selected()
        if chosen:
            self._open(self.kartu)
            self.kartu.start_for(chosen[0])

    def count_stock(self) -> None:
        """Open the stock count for the selected item."""
        chosen = self.selected()
        if chosen:
            self._open(self.count)
            self.count.start_for(*chosen)

    def print_labels(self, path: Path | None = None) -> None:
        """Save a label sheet for the goods without a barcode of their own."""
        from desktop.books.pdf.labels import needs_label, write_labels

        unlabelled = needs_label([item for item, _level in self.items.values()])
        if not unlabelled:
            self._tell(tr("Semua barang aktif sudah punya barcode; tidak ada label untuk "
                          "dicetak."))
            return
        path = path or ask_save_path(self, "pdf", documents_folder(), tr("Label barcode"))
        if path is None:
            return
        chosen = path
        self.session.run(lambda _book: write_labels(unlabelled, chosen),
                         done=lambda file: self._tell(tr(
                             "Label {count} barang disimpan di {file}. Cetak di kertas label "
                             "A4 (24 per lembar).", count=len(unlabelled), file=str(file))))

    def _tell(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    def _saved(self, message: str) -> None:
        panel = self.body.currentWidget()
        if panel is self.item_form:
            self._select = self.item_form.sku.text().strip()
        elif panel is self.count and self.count.item is not None:
            self._select = self.count.item.sku
        self.show_list()
        self.banner.setText(message)
        self.banner.show()
