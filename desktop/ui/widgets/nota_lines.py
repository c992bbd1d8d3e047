"""More lines on one nota: item (or a service typed by name), qty, price, discount; the nota's
discount and, for a sale, its channel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.i18n import N_, tr
from desktop.books.nota import CHANNELS, SERVICE, LineInput
from desktop.ui.widgets.money import MoneyEdit, QtyEdit
from desktop.ui.widgets.picker import Choice, SearchPicker

CHANNEL_LABELS = {"toko": N_("Toko (langsung)"), "mall": N_("Mall kabupaten"),
                  "whatsapp": N_("WhatsApp"), "sosmed": N_("Instagram / Facebook"),
                  "shopee": N_("Shopee"), "tokopedia": N_("Tokopedia"), "lainnya": N_("Lainnya")}


class NotaLine(QWidget):
    """One extra line: a picker (an unknown name is a service), qty, price and discount."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, items: list[Choice], *, sale: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale  # a sale starts from the item's sell price; a purchase types its cost
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.picker = SearchPicker(allow_new=True)
        self.picker.set_choices(items)
        self.picker.setObjectName("line-item")
        self.qty = QtyEdit()
        self.qty.setPlaceholderText("1")
        self.qty.setMaximumWidth(70)
        self.price = MoneyEdit()
        self.price.setPlaceholderText(tr("harga"))
        self.discount = MoneyEdit()
        self.discount.setPlaceholderText(tr("potongan"))
        remove = QPushButton("×")
        remove.setToolTip(tr("Hapus baris ini"))
        remove.setMaximumWidth(32)
        remove.clicked.connect(lambda: self.removed.emit(self))
        for widget, stretch in ((self.picker, 3), (self.qty, 0), (self.price, 1),
                                (self.discount, 1), (remove, 0)):
            row.addWidget(widget, stretch)
        self.picker.picked.connect(lambda _c: self._picked())
        self.picker.editor.textEdited.connect(lambda _t: self.changed.emit())
        for edit in (self.qty, self.price, self.discount):
            edit.textEdited.connect(lambda _t: self.changed.emit())

    def _picked(self) -> None:
        choice = self.picker.current_choice()
        price = getattr(choice.data, "price", 0) if choice is not None else 0
        if self.sale and price and not self.price.amount_text():
            self.price.set_amount(price)
        self.changed.emit()

    def line(self) -> LineInput | None:
        """The line as the books read it (a name not in the list is a service); None if empty."""
        key = self.picker.current_key()
        if not key:
            return None
        qty = self.qty.text().strip() or "1"
        price, off = self.price.amount_text() or None, self.discount.amount_text() or None
        return LineInput(None if self.picker.is_new() else key, key, qty, price, off)

    def spec(self) -> str | None:
        """The `SKU:QTY[@PRICE][-DISCOUNT]` text of the line (for the command line's rule)."""
        line = self.line()
        if line is None:
            return None
        head = line.code or f"{SERVICE}{line.name}"
        text = f"{head}:{line.qty}"
        text += f"@{line.price}" if line.price else ""
        return text + (f"-{line.discount}" if line.discount else "")


class NotaLinesEditor(QWidget):
    """The lines after the form's first item, the nota discount and (for a sale) the channel."""

    changed = Signal()

    def __init__(self, *, sale: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Choice] = []
        self.lines: list[NotaLine] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.rows = QVBoxLayout()
        box.addLayout(self.rows)
        add = QPushButton(tr("+ Barang lain di nota ini"))
        add.setObjectName("add-line")
        add.setAutoDefault(True)
        add.clicked.connect(self.add_line)
        box.addWidget(add)
        footer = QGridLayout()
        footer.addWidget(QLabel(tr("Potongan nota (Rp)")), 0, 0)
        self.discount = MoneyEdit()
        self.discount.setObjectName("nota-discount")
        self.discount.textEdited.connect(lambda _t: self.changed.emit())
        footer.addWidget(self.discount, 0, 1)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for key in CHANNELS:
            self.channel.addItem(tr(CHANNEL_LABELS[key]), key)
        if sale:
            footer.addWidget(QLabel(tr("Saluran penjualan")), 1, 0)
            footer.addWidget(self.channel, 1, 1)
        else:
            self.channel.hide()
        self.sale = sale
        box.addLayout(footer)

    def set_items(self, items: list[Choice]) -> None:
        """Offer these items in every line (a reload after a sale keeps what was typed)."""
        self.items = items
        for line in self.lines:
            typed = line.picker.currentText()
            line.picker.set_choices(items)
            line.picker.setEditText(typed)

    def add_line(self) -> NotaLine:
        """One more line, focused."""
        line = NotaLine(self.items, sale=self.sale)
        line.changed.connect(self.changed.emit)
        line.removed.connect(self._remove)
        self.rows.addWidget(line)
        self.lines.append(line)
        line.picker.setFocus()
        self.changed.emit()
        return line

    def _remove(self, line: NotaLine) -> None:
        self.lines.remove(line)
        line.deleteLater()
        self.changed.emit()

    def in_use(self) -> bool:
        """Whether the form is a nota: another line, a nota discount or a channel chosen."""
        return bool(self.specs() or self.discount.amount_text()
                    or (self.sale and self.channel.currentIndex() > 0))

    def specs(self) -> list[str]:
        return [text for line in self.lines if (text := line.spec())]

    def channel_key(self) -> str | None:
        return str(self.channel.currentData()) if self.sale else None

    def clear(self) -> None:
        """Ready for the next nota."""
        for line in list(self.lines):
            self._remove(line)
        self.discount.clear()
        self.channel.setCurrentIndex(0)

