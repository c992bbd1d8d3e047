"""Add an item on the spot from a form that asks for one, without leaving the form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.errors import UserFacingError
from desktop.books.i18n import tr
from desktop.books.item_codes import add_named_item
from desktop.books.money import parse_amount
from desktop.books.stock import Item
from desktop.ui.errors import show_error
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, muted, primary_button
from desktop.ui.widgets.money import MoneyEdit

FIELD_OF = {"sku": "name", "account": "name"}  # the books' names for what this panel shows


class NewItemPanel(QFrame):
    """Name, unit, selling price and kind of a new item; `created(Item)` once it is stored."""

    created = Signal(object)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setProperty("card", True)
        self.setObjectName("new-item")
        box = QVBoxLayout(self)
        box.addWidget(muted(tr("Barang baru: isi satuannya, lalu tekan Tambah barang. "
                               "Kodenya dibuat sendiri dari nama.")))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = QLineEdit()
        self.name.setObjectName("new-item-name")
        self.name.setMaxLength(120)
        self.unit = QLineEdit()
        self.unit.setObjectName("new-item-unit")
        self.unit.setMaxLength(20)
        self.unit.setPlaceholderText(tr("misalnya bks, kg, liter, pcs"))
        self.price = MoneyEdit()
        self.price.setObjectName("new-item-price")
        kinds = QWidget()
        row = QVBoxLayout(kinds)  # one under the other: whole words even in Besar
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QButtonGroup(kinds)
        for index, (code, label) in enumerate((("1301", tr("Barang untuk dijual")),
                                               ("1302", tr("Bahan baku")))):
            radio = QRadioButton(label)
            radio.setProperty("account", code)
            radio.setObjectName(f"new-item-{code}")
            radio.setChecked(index == 0)
            self.kind.addButton(radio)
            row.addWidget(radio)
        self.errors: dict[str, ErrorLabel] = {}
        for label, name, widget in ((tr("Nama barang"), "name", self.name),
                                    (tr("Satuan"), "unit", self.unit),
                                    (tr("Harga jual (Rp, boleh kosong)"), "price", self.price),
                                    (tr("Jenis barang"), "kind", kinds)):
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(widget)
            self.errors[name] = ErrorLabel()
            cell.addWidget(self.errors[name])
            form.addRow(label, cell)
        box.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = primary_button(tr("Tambah barang"))
        self.add_button.setObjectName("new-item-add")
        self.add_button.clicked.connect(self.add)
        self.add_button.setAutoDefault(True)
        cancel = QPushButton(tr("Batal"))
        cancel.setAutoDefault(True)
        cancel.clicked.connect(self.cancel)
        buttons.addWidget(self.add_button)
        buttons.addWidget(cancel)
        buttons.addStretch()
        box.addLayout(buttons)
        self.hide()

    def start(self, name: str, *, raw_material: bool = False) -> None:
        """Open the panel for a new item, with the name the owner already typed."""
        self.name.setText(name.strip())
        self.unit.clear()
        self.price.set_amount(None)
        for button in self.kind.buttons():
            button.setChecked(button.property("account") == ("1302" if raw_material else "1301"))
        for label in self.errors.values():
            label.show_message("")
        self.show()
        (self.unit if name.strip() else self.name).setFocus()

    def cancel(self) -> None:
        """Close without adding anything."""
        self.hide()
        self.cancelled.emit()

    def add(self) -> None:
        """Store the item in the books (on the worker)."""
        for label in self.errors.values():
            label.show_message("")
        name, unit, price = self.name.text(), self.unit.text(), self.price.amount_text()
        checked = self.kind.checkedButton()
        account = str(checked.property("account")) if checked is not None else "1301"

        def work(book: Book) -> Item:
            sen = parse_amount(price, field="price")
            with book.write() as conn:
                return add_named_item(conn, name=name, unit=unit, price=sen, account=account)

        self.session.run(work, done=self._added, failed=self._failed, changes={"stock"})

    def _added(self, item: Item) -> None:
        self.hide()
        self.created.emit(item)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            field = FIELD_OF.get(exc.field or "", exc.field or "")
            label = self.errors.get(field)
            if label is not None:
                params = dict(exc.params)
                if exc.value is not None:
                    params.setdefault("value", exc.value)
                label.show_message(tr(exc.template, **params))
                return
        show_error(self, exc)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add()
            event.accept()
            return
        super().keyPressEvent(event)
