"""Tambah barang / Ubah barang: the item form of the Persediaan page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QLineEdit, QPushButton, QScrollArea, QWidget

from desktop.books.book import Book
from desktop.books.fmt import quantity
from desktop.books.i18n import N_, tr
from desktop.books.item_codes import add_named_item
from desktop.books.money import parse_amount, parse_qty
from desktop.books.stock import Item, update_item
from desktop.ui.errors import show_error
from desktop.ui.pages.stock_fields import (
    FieldErrors,
    Panel,
    buttons_row,
    form_layout,
    qty_text,
    submit_on_enter,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.money import MoneyEdit

ACCOUNTS = (("1301", N_("Barang jadi (untuk dijual)")), ("1302", N_("Bahan baku")))


@dataclass(frozen=True)
class ItemValues:
    """What the owner typed, as text; the books parse and check it."""

    sku: str
    name: str
    unit: str
    price: str
    category: str
    account: str
    min_qty: str
    barcode: str = ""


def save_new(book: Book, values: ItemValues) -> Item:
    """Register a new item (runs on the worker)."""
    price = parse_amount(values.price, field="price")
    min_qty = parse_qty(values.min_qty or "0", field="min_qty")
    with book.write() as conn:  # an empty code is made from the name ("SKU ''" never shows)
        return add_named_item(conn, sku=values.sku, name=values.name, unit=values.unit,
                              price=price, category=values.category, account=values.account,
                              min_qty=min_qty, barcode=values.barcode)


def save_changes(book: Book, values: ItemValues) -> Item:
    """Change an item's name, price, category and minimum stock (runs on the worker)."""
    price = parse_amount(values.price, field="price")
    min_qty = parse_qty(values.min_qty or "0", field="min_qty")
    with book.write() as conn:
        return update_item(conn, sku=values.sku, name=values.name, price=price,
                           category=values.category, min_qty=min_qty, barcode=values.barcode)


class ItemForm(Panel):
    """Adds an item or changes one; refusals from the books appear under their field."""

    saved = Signal(str)  # what to tell the owner on the list

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editing: Item | None = None
        self.errors = FieldErrors()
        self.sku = QLineEdit()
        self.sku.setMaxLength(40)
        self.sku.setPlaceholderText(tr("dibuat sendiri dari nama bila kosong"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.unit = QLineEdit()
        self.unit.setMaxLength(20)
        self.unit.setPlaceholderText(tr("misalnya bks, kg, liter, pcs"))
        self.price = MoneyEdit()
        self.category = QLineEdit()
        self.category.setMaxLength(60)
        self.account = QComboBox()
        for code, label in ACCOUNTS:
            self.account.addItem(tr(label), code)  # no account code in the owner's way
        self.min_qty = QLineEdit()
        self.min_qty.setPlaceholderText("0")
        self.min_qty.setMaxLength(12)
        self.barcode = QLineEdit()
        self.barcode.setObjectName("barcode")
        self.barcode.setMaxLength(40)
        self.barcode.setPlaceholderText(tr("pindai barcode di kemasan (boleh kosong)"))
        holder, form = form_layout()
        form.addRow(tr("Nama barang"), self.errors.wrap("name", self.name))
        form.addRow(tr("Kode barang (boleh kosong)"), self.errors.wrap("sku", self.sku))
        form.addRow(tr("Satuan"), self.errors.wrap("unit", self.unit))
        form.addRow(tr("Barcode"), self.errors.wrap("barcode", self.barcode))
        form.addRow(tr("Harga jual (Rp)"), self.errors.wrap(
            "price", self.price, muted(tr("Harga per satuan; boleh kosong untuk bahan baku."))))
        form.addRow(tr("Kategori"), self.errors.wrap("category", self.category))
        form.addRow(tr("Jenis persediaan"), self.errors.wrap("account", self.account))
        form.addRow(tr("Stok minimum"), self.errors.wrap(
            "min_qty", self.min_qty,
            muted(tr("Barang ditandai merah bila stoknya sama atau di bawah angka ini."))))
        # the fields scroll on a small screen in Besar; Simpan stays in sight below them
        scroll = QScrollArea()
        scroll.setObjectName("item-form-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        self.box.addWidget(scroll, 1)
        self.save_button = primary_button(tr("Simpan"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(tr("Batal"))
        cancel.clicked.connect(self.closed.emit)
        self.box.addLayout(buttons_row(self.save_button, cancel))
        self.back_last(cancel)
        submit_on_enter(self.save, self.sku, self.name, self.unit, self.price, self.category,
                        self.min_qty, self.barcode)

    def start_add(self) -> None:
        """An empty form for a new item."""
        self.editing = None
        self.title.setText(tr("Tambah barang"))
        for edit in (self.sku, self.name, self.unit, self.category, self.min_qty, self.barcode):
            edit.clear()
        self.price.set_amount(None)
        self.account.setCurrentIndex(0)
        self._lock(False)
        self.errors.clear()
        self.name.setFocus()

    def start_edit(self, item: Item) -> None:
        """The form filled with an item; its SKU, unit and kind cannot change."""
        self.editing = item
        self.title.setText(tr("Ubah barang {sku}", sku=item.sku))
        self.sku.setText(item.sku)
        self.name.setText(item.name)
        self.unit.setText(item.unit)
        self.price.set_amount(item.price or None)
        self.category.setText(item.category)
        self.account.setCurrentIndex(max(self.account.findData(item.account), 0))
        self.min_qty.setText(quantity(item.min_qty) if item.min_qty else "")
        self.barcode.setText(item.barcode)
        self._lock(True)
        self.errors.clear()
        self.name.setFocus()
        self.name.selectAll()

    def _lock(self, editing: bool) -> None:
        for widget in (self.sku, self.unit, self.account):
            widget.setEnabled(not editing)

    def values(self) -> ItemValues:
        """The form as typed."""
        return ItemValues(self.sku.text(), self.name.text(), self.unit.text(),
                          self.price.amount_text(), self.category.text(),
                          str(self.account.currentData()),
                          qty_text(self.min_qty.text()), self.barcode.text())

    def save(self) -> None:
        """Add or change the item in the books."""
        self.errors.clear()
        values = self.values()
        editing = self.editing is not None

        def done(item: Item) -> None:
            self.saved.emit(tr("Perubahan {name} disimpan.", name=item.name) if editing
                            else tr("Barang {name} ditambahkan.", name=item.name))

        self.session.run(lambda book: (save_changes if editing else save_new)(book, values),
                         done=done, failed=self._failed, changes={"stock"})

    def _failed(self, exc: BaseException) -> None:
        if not self.errors.show(exc):
            show_error(self, exc)
