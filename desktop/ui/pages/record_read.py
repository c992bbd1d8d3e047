"""Reading a transaction form's fields into the books' input (`FormReader`, mixed into the
form panel), a nota's lines included."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from desktop.books import dates
from desktop.books.forms import TxInput
from desktop.books.money import mul_div, parse_amount, parse_qty, sen_str
from desktop.ui.pages.record_choices import MaterialsEditor
from desktop.ui.pages.record_specs import FormSpec
from desktop.ui.widgets.dates import DateField
from desktop.ui.widgets.money import MoneyEdit
from desktop.ui.widgets.nota_lines import NotaLinesEditor
from desktop.ui.widgets.picker import SearchPicker


class FormReader:
    """What the fields hold: text, radio choice, date, account, and the whole TxInput."""

    widgets: dict[str, QWidget]
    spec: FormSpec

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
        if isinstance(widget, DateField) and widget.isVisibleTo(self):  # type: ignore[arg-type]
            return widget.day()
        return None

    def _account(self) -> str | None:
        combo = self.widgets.get("account")
        return str(combo.currentData()) if isinstance(combo, QComboBox) and combo.count() else None

    def collect(self) -> TxInput:
        """The form's values as the books' input."""
        months = self.widgets.get("life_months")
        materials = self.widgets.get("materials")
        due = self._date("due")
        tx = TxInput(
            type=self.spec.kind, date=self._date("date") or dates.today(),
            amount=self._text("amount"), via=self._radio("via") or "kas",
            account=self._account(), item=self._text("item"), qty=self._text("qty"),
            party=self._text("party"), due=due.isoformat() if due else None,
            memo=self._text("memo") or "", interest=self._text("interest"),
            materials=materials.rows() if isinstance(materials, MaterialsEditor) else [],
            name=self._text("name"),
            life_months=months.value() if isinstance(months, QSpinBox) else None,
            into=self._radio("into"), of=self._text("of"))
        lines = self.widgets.get("lines")
        if isinstance(lines, NotaLinesEditor) and lines.in_use():
            as_nota(tx, lines)
        return tx


def as_nota(tx: TxInput, editor: NotaLinesEditor) -> None:
    """The form's first item (its amount is that line's) followed by the editor's lines."""
    first = []
    if tx.item:
        spec = f"{tx.item}:{tx.qty or '1'}"
        if tx.amount:
            qty = parse_qty(tx.qty or "1", field="qty")
            amount = parse_amount(tx.amount, field="amount")
            spec += f"@{sen_str(mul_div(amount, 1000, qty) if qty else amount)}"
        first = [spec]
    tx.lines = first + editor.specs()
    tx.item = tx.qty = tx.amount = None
    tx.discount = editor.discount.amount_text() or None
    tx.channel = editor.channel_key()

