"""What a transaction form offers to pick (items, parties, accounts) and the materials list."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.books.accounts import list_accounts
from desktop.books.book import Book
from desktop.books.i18n import tr
from desktop.books.parties import list_parties
from desktop.books.returns import ORIGINALS, returnable_notas
from desktop.books.stock import Item, list_items
from desktop.ui.pages.record_specs import FormSpec
from desktop.ui.session import Session
from desktop.ui.widgets.money import QtyEdit
from desktop.ui.widgets.new_item import NewItemPanel
from desktop.ui.widgets.picker import Choice, SearchPicker

NOT_OFFERED = {"5206", "5101", "1509", "4102", "4202", "5302"}  # posted by Lumbung itself


@dataclass(frozen=True)
class ItemInfo:
    """What the item picker knows of an item: sell price, stock and unit."""

    price: int
    qty: int
    unit: str


@dataclass(frozen=True)
class Choices:
    """What the pickers offer, read once when the form opens."""

    items: list[Choice]
    parties: list[Choice]
    accounts: list[tuple[str, str]]
    notas: list[Choice] = field(default_factory=list)  # the originals a return may come from


def account_label(code: str, name: str, *, pendamping: bool) -> str:
    """An account as the owner reads it: 'Listrik, Air & Telepon'; with codes for a pendamping."""
    if pendamping:
        return f"{code} {name}"
    return name[len("Beban "):] if name.startswith("Beban ") else name


def account_name(code: str, name: str, *, pendamping: bool) -> str:
    """An account in a list of every account (ledger, Kas & Bank filter): its whole name; the
    code in front only for a pendamping."""
    return f"{code} {name}" if pendamping else name


def load_choices(book: Book, spec: FormSpec, *, pendamping: bool = False) -> Choices:
    """Items with stock and price, parties with what they owe, the accounts the form allows."""
    items = [item_choice(item, level.qty) for item, level in list_items(book.conn) if item.active]
    parties = []
    for party in list_parties(book.conn):
        owed = party.receivable if spec.party_role == "pelanggan" else party.payable
        if spec.kind in ("terima-piutang", "bayar-utang") and owed <= 0:
            continue
        parties.append(Choice(party.name, party.name, owed))
    accounts = [(a.code, account_label(a.code, a.name, pendamping=pendamping))
                for a in list_accounts(book.conn, include_inactive=False)
                if a.code[:2] in spec.accounts and a.code not in NOT_OFFERED]
    notas = [Choice(ref, " · ".join(part for part in (ref, day, party, memo) if part), ref)
             for ref, day, party, memo in returnable_notas(book.conn, spec.kind)
             ] if spec.kind in ORIGINALS else []
    return Choices(items, parties, accounts, notas)


def item_choice(item: Item, qty: int = 0) -> Choice:
    """An item as the pickers offer it: "Keripik Pisang (KRP)", with price, stock and unit."""
    return Choice(item.sku, f"{item.name} ({item.sku})", ItemInfo(item.price, qty, item.unit))


class MaterialsEditor(QWidget):
    """Rows of (material, quantity used) for a production entry; a new material is added on
    the spot ("+ Bahan baru"), as the form's own item is."""

    def __init__(self, parent: QWidget | None = None, *, session: Session | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.lines: list[tuple[SearchPicker, QLineEdit]] = []
        self.items: list[Choice] = []
        buttons = QHBoxLayout()
        add = QPushButton(tr("Tambah bahan"))
        add.clicked.connect(self.add_row)
        buttons.addWidget(add)
        self.new_item: NewItemPanel | None = None
        if session is not None:
            new = QPushButton(tr("+ Bahan baru"))
            new.setObjectName("new-material-open")
            new.setAutoDefault(True)
            new.clicked.connect(self.start_new_item)
            buttons.addWidget(new)
            self.new_item = NewItemPanel(session)
            self.new_item.setObjectName("new-material")
            self.new_item.created.connect(self._item_created)
        buttons.addStretch()
        self.box.addLayout(buttons)
        if self.new_item is not None:
            self.box.addWidget(self.new_item)

    def set_items(self, items: list[Choice]) -> None:
        """Offer these items; start with one empty row."""
        self.items = items
        if not self.lines:
            self.add_row()

    def add_row(self) -> None:
        """One more material line."""
        row = QHBoxLayout()
        picker = SearchPicker()
        picker.set_choices(self.items)
        qty = QtyEdit()
        qty.setPlaceholderText(tr("jumlah"))
        qty.setMaximumWidth(110)
        row.addWidget(picker, 1)
        row.addWidget(qty)
        self.box.insertLayout(len(self.lines), row)
        self.lines.append((picker, qty))

    def _target(self) -> SearchPicker:
        """The line a new material goes to: one with a name not in the list, else an empty one."""
        for picker, _qty in self.lines:
            if picker.is_new():
                return picker
        for picker, _qty in self.lines:
            if not picker.currentText().strip():
                return picker
        self.add_row()
        return self.lines[-1][0]

    def start_new_item(self) -> None:
        """Open the new-item panel as a raw material, with the unknown name already typed."""
        if self.new_item is None:
            return
        target = self._target()
        self.new_item.start(target.currentText() if target.is_new() else "", raw_material=True)

    def _item_created(self, item: Item) -> None:
        target = self._target()
        self.items = [*self.items, item_choice(item)]
        for picker, _qty in self.lines:
            typed = picker.currentText()
            picker.set_choices(self.items)
            picker.setEditText(typed)
        target.setEditText(item_choice(item).label)
        qty = next(q for p, q in self.lines if p is target)
        qty.setFocus()

    def rows(self) -> list[tuple[str, str]]:
        """(SKU, quantity) of every line she filled in part: a name not in the list or a
        missing quantity goes to the books, which refuse it by name, never dropped unseen."""
        rows = []
        for picker, qty in self.lines:
            key = picker.current_key() or picker.currentText().strip()
            amount = qty.text().strip()
            if key or amount:
                rows.append((key, amount))
        return rows
