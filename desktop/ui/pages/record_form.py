"""One transaction form, built from its spec: fields, live amount, errors beside the fields.

The keyboard works from every field: Enter saves (or answers the question on screen), Escape
goes back. Nothing unusual reaches the books without a yes: a huge amount or a far-off date
is asked about first (desktop.books.sanity), in the same words the command line uses.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.books import dates
from desktop.books.assets import default_life
from desktop.books.book import Book
from desktop.books.errors import ConfirmationRequired, UserFacingError
from desktop.books.fmt import number, quantity
from desktop.books.forms import post_tx
from desktop.books.guides import form_hint
from desktop.books.i18n import N_, tr
from desktop.books.ledger import Posted
from desktop.books.money import parse_qty, rupiah_share
from desktop.books.sanity import check_unusual
from desktop.books.stock import Item
from desktop.ui.errors import field_text, show_error
from desktop.ui.pages.record_choices import Choices, ItemInfo, MaterialsEditor, load_choices
from desktop.ui.pages.record_fields import FieldMaker
from desktop.ui.pages.record_read import FormReader
from desktop.ui.pages.record_specs import ERROR_FIELDS, FIELD_LABELS, FormSpec
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, ReservedLabel, heading, muted, primary_button
from desktop.ui.widgets.confirm import ConfirmBar
from desktop.ui.widgets.money import MoneyEdit
from desktop.ui.widgets.new_item import NewItemPanel
from desktop.ui.widgets.nota_lines import NotaLinesEditor
from desktop.ui.widgets.picker import SearchPicker

DEFAULT_ACCOUNT = {"beban": "5299", "pendapatan-lain": "4201", "pinjaman": "2201",
                   "bayar-pinjaman": "2201", "pembelian-aset": "1503"}
LABEL_FOR = {("penyesuaian-stok", "qty"): N_("Jumlah menurut hitungan"),
             ("produksi", "item"): N_("Barang jadi"), ("produksi", "qty"): N_("Jumlah dihasilkan")}
CHANGES = {"entries", "stock", "parties", "assets"}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FormPanel(FieldMaker, FormReader, QWidget):
    """Fills one form; `saved(Posted)` after the books accept it, `back()` to leave."""

    saved = Signal(object)
    back = Signal()

    def __init__(self, session: Session, spec: FormSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.spec = session, spec
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.amount_touched = False
        self.choices: Choices | None = None
        self.new_item: NewItemPanel | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(heading(tr(spec.title)))
        outer.addWidget(muted(tr(spec.hint)))
        self.first_hint = muted(form_hint(spec.kind))  # once per form on this PC
        self.first_hint.setObjectName("first-hint")
        self.first_hint.setVisible(spec.kind not in session.seen_hints)
        outer.addWidget(self.first_hint)
        if spec.kind not in session.seen_hints:
            session.seen_hints.add(spec.kind)
            if session.hint_seen is not None:
                session.hint_seen(spec.kind)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        holder = QWidget()
        holder.setMaximumWidth(760)  # a short form reads better than a 1,000-pixel-wide one
        holder.setLayout(self.form)
        outer.addWidget(holder)
        self.general = ErrorLabel()
        outer.addWidget(self.general)
        self.footer = QWidget()  # the page keeps it below the scrolling form: always in sight
        self.footer.setObjectName("form-footer")
        buttons = QHBoxLayout(self.footer)
        buttons.setContentsMargins(0, 4, 0, 4)
        self.save_button = primary_button(tr("Simpan (Enter)"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda: self.save())
        back = QPushButton(tr("Kembali (Esc)"))
        back.setObjectName("back")
        back.clicked.connect(self.back.emit)
        for button in (self.save_button, back):
            button.setAutoDefault(True)  # Enter on a focused button presses that button
        buttons.addWidget(self.save_button)
        buttons.addWidget(back)
        buttons.addStretch()
        outer.addWidget(self.footer)
        self.confirm = ConfirmBar()
        outer.addWidget(self.confirm)
        outer.addStretch()
        for name in spec.fields:
            self._add_field(name)
        self._update_visibility()
        self.reload()

    def reload(self) -> None:
        """Read the items, parties and accounts again (stock after a sale, a new item)."""
        pendamping = self.session.pendamping
        self.session.run(lambda book: load_choices(book, self.spec, pendamping=pendamping),
                         done=self._fill)

    @property
    def scroller(self) -> QWidget:
        """The scroll area the page put this form in (the form itself when there is none)."""
        holder = self.property("scroller")
        return holder if isinstance(holder, QWidget) else self

    # -- building ------------------------------------------------------------------------------
    def _add_field(self, name: str) -> None:
        widget = self._make(name)
        widget.setObjectName(name)
        self.widgets[name] = widget
        error = ErrorLabel(lines=2)  # room for the longest refusal: the fields never move
        error.setObjectName(f"error-{name}")
        self.errors[name] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if name == "item":
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            add = QPushButton(tr("+ Barang baru"))
            add.setObjectName("new-item-open")
            add.setAutoDefault(True)
            add.clicked.connect(self.start_new_item)
            row.addWidget(add)
            box.addLayout(row)
            self.item_info = ReservedLabel(1, name="item-info")  # always there: nothing moves
            box.addWidget(self.item_info)
            self.new_item = NewItemPanel(self.session)
            self.new_item.created.connect(self._item_created)
            box.addWidget(self.new_item)
        else:
            box.addWidget(widget)
        box.addWidget(error)
        label = LABEL_FOR.get((self.spec.kind, name)) or self._party_label(name) or FIELD_LABELS[name]
        self.form.addRow(tr(label), cell)

    def _party_label(self, name: str) -> str | None:
        if name != "party":
            return None
        role = {"pelanggan": N_("Pelanggan"), "pemasok": N_("Pemasok")}.get(self.spec.party_role,
                                                                          N_("Nama pihak"))
        if self.spec.party_required or self._radio("via") == "utang":
            return role
        return {"pelanggan": N_("Pelanggan (boleh kosong)"),
                "pemasok": N_("Pemasok (boleh kosong)")}.get(self.spec.party_role,
                                                             N_("Nama pihak (boleh kosong)"))

    def _fill(self, choices: Choices) -> None:
        first_time = self.choices is None
        self.choices = choices
        for name, options in (("item", choices.items), ("party", choices.parties),
                              ("of", choices.notas)):
            picker = self.widgets.get(name)
            if isinstance(picker, SearchPicker):
                typed = picker.currentText()
                picker.set_choices(options)
                if typed:  # keep what the owner typed across a reload (fresh stock shown)
                    picker.setEditText(typed)
                    if name == "item":
                        self._show_item_info()
        combo = self.widgets.get("account")
        if isinstance(combo, QComboBox) and first_time:
            for code, label in choices.accounts:
                combo.addItem(label, code)
            index = combo.findData(DEFAULT_ACCOUNT.get(self.spec.kind, ""))
            combo.setCurrentIndex(max(index, 0))
        for name in ("materials", "lines"):
            editor = self.widgets.get(name)
            if isinstance(editor, MaterialsEditor | NotaLinesEditor):
                editor.set_items(choices.items)
        if first_time:
            self.focus_first()

    def focus_first(self) -> None:
        """Put the cursor in the first field."""
        next(iter(self.widgets.values())).setFocus()

    # -- live behaviour ------------------------------------------------------------------------
    def _show_item_info(self) -> None:
        choice = self._picker("item").current_choice()
        text = ""
        if choice is not None and isinstance(choice.data, ItemInfo):
            info = choice.data
            text = tr("Stok {qty} {unit}", qty=quantity(info.qty), unit=info.unit)
            if info.price:
                text += " · " + tr("harga jual Rp{price}", price=number(info.price))
        self.item_info.say(text)

    def _picked(self, name: str) -> None:
        if name == "item":
            self._show_item_info()
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
        party = self.widgets.get("party")
        cell = party.parentWidget() if party is not None else None
        label = self.form.labelForField(cell) if cell is not None else None
        if isinstance(label, QLabel):  # a supplier is needed once the purchase is on credit
            label.setText(tr(self._party_label("party") or ""))

    # -- an item added on the spot -------------------------------------------------------------
    def start_new_item(self) -> None:
        """Open the small new-item panel, with the name already typed in the item field."""
        if self.new_item is None:
            return
        picker = self._picker("item")
        typed = picker.currentText() if picker.is_new() else ""
        self.new_item.start(typed)

    def _item_created(self, item: Item) -> None:
        picker = self._picker("item")
        picker.setEditText(item.sku)
        self.errors["item"].show_message("")
        self.reload()
        next_field = self.widgets.get("qty") or self.widgets.get("amount")
        if next_field is not None:
            next_field.setFocus()

    # -- keyboard ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from any field (pickers and the date too); Escape goes back."""
        if event.key() in ENTER_KEYS:
            if self.new_item is not None and self.new_item.isVisible():
                self.new_item.add()
            elif not self.confirm.isVisible():
                self.save()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            if self.new_item is not None and self.new_item.isVisible():
                self.new_item.cancel()
            elif self.confirm.isVisible():
                self.confirm.cancel()
            else:
                self.back.emit()
            event.accept()
        else:
            super().keyPressEvent(event)

    # -- saving --------------------------------------------------------------------------------
    def save(self, *, confirmed: bool = False) -> None:
        """Post the form; errors appear beside their field, unusual input is asked about first."""
        for label in (*self.errors.values(), self.general):
            label.show_message("")
        self.confirm.hide()
        if "item" in self.widgets and self._picker("item").is_new():
            self.errors["item"].show_message(tr(
                "Barang ini belum ada. Lengkapi di bawah lalu tekan Tambah barang."))
            self.start_new_item()
            return
        tx = self.collect()
        tx.confirm = confirmed
        today = dates.today()

        def work(book: Book) -> Posted:
            day = tx.date if isinstance(tx.date, dt.date) else dates.parse_date(tx.date)
            check_unusual(book.conn, amounts=[tx.amount, tx.interest], day=day, today=today,
                          confirmed=tx.confirm)
            return post_tx(book, tx)

        self.session.run(work, done=self._saved, failed=self._failed, changes=CHANGES)

    def _saved(self, posted: Posted) -> None:
        for name in ("amount", "qty", "memo", "interest", "name"):
            widget = self.widgets.get(name)
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.amount_touched = False
        lines = self.widgets.get("lines")
        if isinstance(lines, NotaLinesEditor):
            lines.clear()
        self.saved.emit(posted)
        self.reload()  # the stock shown under the item is the stock after this sale
        self.focus_first()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConfirmationRequired):
            self.confirm.ask(field_text(exc), tr("Ya, benar — simpan"),
                             lambda: self.save(confirmed=True), no=tr("Tidak, perbaiki"),
                             on_no=self._fix_after_no)
            return
        if isinstance(exc, UserFacingError):
            name = ERROR_FIELDS.get(exc.field or "", exc.field or "")
            label = self.errors.get(name)
            if label is not None:
                label.show_message(field_text(exc))
                self.widgets[name].setFocus()
                return
            if exc.field is None or exc.field in ("debit/credit", "type"):
                self.general.show_message(field_text(exc))
                return
        show_error(self, exc)

    def _fix_after_no(self) -> None:
        target = self.widgets.get("amount") or self.widgets.get("date")
        if target is not None:
            target.setFocus()


def describe(spec: FormSpec, posted: Posted) -> str:
    """What was recorded, in plain words, for the confirmation banner."""
    text = tr("Tercatat: {form} Rp{amount}", form=tr(spec.title), amount=number(posted.amount))
    if posted.memo:
        text += f" — {posted.memo}"
    return f"{text} ({posted.ref})"
