"""One transaction form, built from its spec: fields, live amount, errors beside the fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.books import dates
from desktop.books.accounts import list_accounts
from desktop.books.assets import default_life
from desktop.books.book import Book
from desktop.books.errors import UserFacingError
from desktop.books.fmt import number, quantity
from desktop.books.forms import TxInput, post_tx
from desktop.books.i18n import N_, tr
from desktop.books.ledger import Posted
from desktop.books.money import parse_qty, rupiah_share
from desktop.books.parties import list_parties
from desktop.books.stock import list_items
from desktop.ui.errors import show_error
from desktop.ui.pages.record_specs import ERROR_FIELDS, FIELD_LABELS, VIA_LABELS, FormSpec
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, heading, muted, primary_button
from desktop.ui.widgets.money import MoneyEdit
from desktop.ui.widgets.picker import Choice, SearchPicker

DEFAULT_ACCOUNT = {"beban": "5299", "pendapatan-lain": "4201", "pinjaman": "2201",
                   "bayar-pinjaman": "2201", "pembelian-aset": "1503"}
NOT_OFFERED = {"5206", "5101", "1509", "4102", "4202", "5302"}  # posted by Lumbung itself
LABEL_FOR = {("penyesuaian-stok", "qty"): N_("Jumlah menurut hitungan"),
             ("produksi", "item"): N_("Barang jadi"), ("produksi", "qty"): N_("Jumlah dihasilkan")}


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


def load_choices(book: Book, spec: FormSpec) -> Choices:
    """Items with stock and price, parties with what they owe, the accounts the form allows."""
    items = [Choice(item.sku, f"{item.name} ({item.sku})",
                    ItemInfo(item.price, level.qty, item.unit))
             for item, level in list_items(book.conn) if item.active]
    parties = []
    for party in list_parties(book.conn):
        owed = party.receivable if spec.party_role == "pelanggan" else party.payable
        if spec.kind in ("terima-piutang", "bayar-utang") and owed <= 0:
            continue
        parties.append(Choice(party.name, party.name, owed))
    accounts = [(a.code, f"{a.code} {a.name}") for a in list_accounts(book.conn, include_inactive=False)
                if a.code[:2] in spec.accounts and a.code not in NOT_OFFERED]
    return Choices(items, parties, accounts)


class FormPanel(QWidget):
    """Fills one form; `saved(Posted)` after the books accept it, `back()` to leave."""

    saved = Signal(object)
    back = Signal()

    def __init__(self, session: Session, spec: FormSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.spec = session, spec
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.amount_touched = False
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr(spec.title)))
        outer.addWidget(muted(tr(spec.hint)))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        holder = QWidget()
        holder.setMaximumWidth(720)  # a short form reads better than a 1,000-pixel-wide one
        holder.setLayout(self.form)
        outer.addWidget(holder)
        self.general = ErrorLabel()
        outer.addWidget(self.general)
        buttons = QHBoxLayout()
        self.save_button = primary_button(tr("Simpan (Enter)"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        back = QPushButton(tr("Kembali"))
        back.clicked.connect(self.back.emit)
        buttons.addWidget(self.save_button)
        buttons.addWidget(back)
        buttons.addStretch()
        outer.addLayout(buttons)
        outer.addStretch()
        for name in spec.fields:
            self._add_field(name)
        self._update_visibility()
        self.session.run(lambda book: load_choices(book, spec), done=self._fill)

    # -- building ------------------------------------------------------------------------------
    def _add_field(self, name: str) -> None:
        widget = self._make(name)
        widget.setObjectName(name)
        self.widgets[name] = widget
        error = ErrorLabel()
        self.errors[name] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        if name == "item":
            self.item_info = muted("")
            self.item_info.hide()
            box.addWidget(self.item_info)
        box.addWidget(error)
        label = LABEL_FOR.get((self.spec.kind, name)) or self._party_label(name) or FIELD_LABELS[name]
        self.form.addRow(tr(label), cell)
        if isinstance(widget, QLineEdit):
            widget.returnPressed.connect(self.save)

    def _party_label(self, name: str) -> str | None:
        if name != "party":
            return None
        role = {"pelanggan": N_("Pelanggan"), "pemasok": N_("Pemasok")}.get(self.spec.party_role,
                                                                          N_("Nama pihak"))
        return role if self.spec.party_required else {
            "pelanggan": N_("Pelanggan (boleh kosong)"),
            "pemasok": N_("Pemasok (boleh kosong)")}.get(self.spec.party_role,
                                                          N_("Nama pihak (boleh kosong)"))

    def _make(self, name: str) -> QWidget:
        if name in ("amount", "interest"):
            money = MoneyEdit()
            if name == "amount":
                money.textEdited.connect(lambda _t: setattr(self, "amount_touched", True))
            return money
        if name in ("item", "party"):
            picker = SearchPicker(allow_new=(name == "party"))
            picker.picked.connect(lambda _c, n=name: self._picked(n))
            return picker
        if name in ("date", "due"):
            day = dates.today() + dt.timedelta(days=30 if name == "due" else 0)
            date = QDateEdit(QDate(day.year, day.month, day.day))
            date.setCalendarPopup(True)
            date.setDisplayFormat("d MMM yyyy")
            return date
        if name in ("via", "into"):
            return self._choices(name, self.spec.vias if name == "via" else ("kas", "qris", "bank"))
        if name == "account":
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i: self._account_changed())
            return combo
        if name == "life_months":
            months = QSpinBox()
            months.setRange(0, 600)
            months.setValue(48)
            return months
        if name == "materials":
            return MaterialsEditor(self)
        field = QLineEdit()
        if name == "qty":
            field.setPlaceholderText("1")
            field.textEdited.connect(lambda _t: self._auto_amount())
        return field

    def _choices(self, name: str, keys: tuple[str, ...]) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(holder)
        for index, key in enumerate(keys):
            radio = QRadioButton(tr(VIA_LABELS[key]))
            radio.setObjectName(f"{name}-{key}")
            radio.setProperty("key", key)
            radio.setChecked(index == (1 if name == "into" else 0))
            radio.toggled.connect(lambda _on: self._update_visibility())
            group.addButton(radio)
            row.addWidget(radio)
        row.addStretch()
        holder.setProperty("group", group)
        return holder

    def _fill(self, choices: Choices) -> None:
        self.choices = choices
        for name, options in (("item", choices.items), ("party", choices.parties)):
            picker = self.widgets.get(name)
            if isinstance(picker, SearchPicker):
                picker.set_choices(options)
        combo = self.widgets.get("account")
        if isinstance(combo, QComboBox):
            for code, label in choices.accounts:
                combo.addItem(label, code)
            index = combo.findData(DEFAULT_ACCOUNT.get(self.spec.kind, ""))
            combo.setCurrentIndex(max(index, 0))
        materials = self.widgets.get("materials")
        if isinstance(materials, MaterialsEditor):
            materials.set_items(choices.items)
        first = next(iter(self.widgets.values()))
        first.setFocus()

    # -- live behaviour ------------------------------------------------------------------------
    def _picked(self, name: str) -> None:
        if name == "item":
            choice = self._picker("item").current_choice()
            if choice is not None and isinstance(choice.data, ItemInfo):
                info = choice.data
                text = tr("Stok {qty} {unit}", qty=quantity(info.qty), unit=info.unit)
                if info.price:
                    text += " · " + tr("harga jual Rp{price}", price=number(info.price))
                self.item_info.setText(text)
                self.item_info.show()
            self._auto_amount()
        elif name == "party" and self.spec.kind in ("terima-piutang", "bayar-utang"):
            choice = self._picker("party").current_choice()
            amount = self.widgets.get("amount")
            if choice is not None and isinstance(amount, MoneyEdit) and not self.amount_touched:
                amount.set_amount(int(choice.data))  # type: ignore[call-overload]

    def _auto_amount(self) -> None:
        """Price × quantity, until the owner types an amount of their own."""
        amount = self.widgets.get("amount")
        if not isinstance(amount, MoneyEdit) or self.amount_touched or "item" not in self.widgets:
            return
        choice = self._picker("item").current_choice()
        if choice is None or not self.spec.kind.startswith("penjualan"):
            return
        price = choice.data.price if isinstance(choice.data, ItemInfo) else 0
        try:
            qty = parse_qty(self._text("qty") or "1")
        except UserFacingError:
            return
        amount.set_amount(rupiah_share(price, qty, 1000) if price else None)

    def _account_changed(self) -> None:
        months = self.widgets.get("life_months")
        if isinstance(months, QSpinBox):
            months.setValue(default_life(self._account() or "1503"))

    def _update_visibility(self) -> None:
        on_credit = self._radio("via") == "utang"
        due = self.widgets.get("due")
        cell = due.parentWidget() if due is not None else None
        if cell is not None and self.spec.kind != "penjualan-kredit":
            self.form.setRowVisible(cell, on_credit)

    # -- reading -------------------------------------------------------------------------------
    def _picker(self, name: str) -> SearchPicker:
        widget = self.widgets[name]
        assert isinstance(widget, SearchPicker)
        return widget

    def _text(self, name: str) -> str | None:
        widget = self.widgets.get(name)
        if isinstance(widget, MoneyEdit):
            return widget.amount_text() or None
        if isinstance(widget, QLineEdit):
            return widget.text().strip() or None
        if isinstance(widget, SearchPicker):
            return widget.current_key()
        return None

    def _radio(self, name: str) -> str | None:
        holder = self.widgets.get(name)
        if holder is None:
            return None
        group = holder.property("group")
        checked = group.checkedButton() if group is not None else None
        return str(checked.property("key")) if checked is not None else None

    def _date(self, name: str) -> dt.date | None:
        widget = self.widgets.get(name)
        if isinstance(widget, QDateEdit) and widget.isVisibleTo(self):
            day = widget.date().toPython()
            assert isinstance(day, dt.date)
            return day
        return None

    def _account(self) -> str | None:
        combo = self.widgets.get("account")
        return str(combo.currentData()) if isinstance(combo, QComboBox) and combo.count() else None

    def collect(self) -> TxInput:
        """The form's values as the books' input."""
        months = self.widgets.get("life_months")
        materials = self.widgets.get("materials")
        due = self._date("due")
        return TxInput(
            type=self.spec.kind, date=self._date("date") or dates.today(),
            amount=self._text("amount"), via=self._radio("via") or "kas",
            account=self._account(), item=self._text("item"), qty=self._text("qty"),
            party=self._text("party"), due=due.isoformat() if due else None,
            memo=self._text("memo") or "", interest=self._text("interest"),
            materials=materials.rows() if isinstance(materials, MaterialsEditor) else [],
            name=self._text("name"),
            life_months=months.value() if isinstance(months, QSpinBox) else None,
            into=self._radio("into"))

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        """Post the form; errors appear beside their field, success resets for the next one."""
        for label in (*self.errors.values(), self.general):
            label.show_message("")
        tx = self.collect()
        self.session.run(lambda book: post_tx(book, tx), done=self._saved, failed=self._failed,
                         changes={"entries", "stock", "parties", "assets"})

    def _saved(self, posted: Posted) -> None:
        for name in ("amount", "qty", "memo", "interest", "name"):
            widget = self.widgets.get(name)
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.amount_touched = False
        self.saved.emit(posted)
        first = next(iter(self.widgets.values()))
        first.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            name = ERROR_FIELDS.get(exc.field or "", exc.field or "")
            label = self.errors.get(name)
            if label is not None:
                label.show_message(exc.message().split(": ", 1)[-1])
                self.widgets[name].setFocus()
                return
            if exc.field is None or exc.field in ("debit/credit", "type"):
                self.general.show_message(exc.message())
                return
        show_error(self, exc)


class MaterialsEditor(QWidget):
    """Rows of (material, quantity used) for a production entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.lines: list[tuple[SearchPicker, QLineEdit]] = []
        self.items: list[Choice] = []
        add = QPushButton(tr("Tambah bahan"))
        add.clicked.connect(self.add_row)
        self.box.addWidget(add)

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
        qty = QLineEdit()
        qty.setPlaceholderText(tr("jumlah"))
        qty.setMaximumWidth(110)
        row.addWidget(picker, 1)
        row.addWidget(qty)
        self.box.insertLayout(len(self.lines), row)
        self.lines.append((picker, qty))

    def rows(self) -> list[tuple[str, str]]:
        """(SKU, quantity) of every filled line."""
        return [(key, qty.text().strip()) for picker, qty in self.lines
                if (key := picker.current_key()) and qty.text().strip()]


def describe(spec: FormSpec, posted: Posted) -> str:
    """What was recorded, in plain words, for the confirmation banner."""
    text = tr("Tercatat: {form} Rp{amount}", form=tr(spec.title), amount=number(posted.amount))
    if posted.memo:
        text += f" — {posted.memo}"
    return f"{text} ({posted.ref})"

