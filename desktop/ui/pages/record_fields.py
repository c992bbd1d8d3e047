"""Making a transaction form's field widgets (`FieldMaker`, mixed into the form panel)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from desktop.books import dates
from desktop.books.i18n import tr
from desktop.ui.pages.record_choices import MaterialsEditor
from desktop.ui.pages.record_specs import VIA_LABELS, FormSpec
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel
from desktop.ui.widgets.dates import DateField
from desktop.ui.widgets.money import MoneyEdit, QtyEdit
from desktop.ui.widgets.nota_lines import NotaLinesEditor
from desktop.ui.widgets.picker import SearchPicker


class FieldMaker:
    """One widget per field name; the panel supplies the reactions (`_picked`, ...)."""

    session: Session
    spec: FormSpec
    errors: dict[str, ErrorLabel]
    amount_touched: bool

    def _picked(self, name: str) -> None:
        raise NotImplementedError

    def _auto_amount(self) -> None:
        raise NotImplementedError

    def _account_changed(self) -> None:
        raise NotImplementedError

    def _update_visibility(self) -> None:
        raise NotImplementedError

    def _make(self, name: str) -> QWidget:
        if name in ("amount", "interest"):
            money = MoneyEdit()
            money.refused.connect(lambda text, n=name: self.errors[n].show_message(text))
            if name == "amount":
                money.textEdited.connect(lambda _t: setattr(self, "amount_touched", True))
            return money
        if name in ("item", "party", "of"):
            picker = SearchPicker(allow_new=name != "of")
            picker.picked.connect(lambda _c, n=name: self._picked(n))
            picker.editor.textEdited.connect(lambda _t, n=name: self._picked(n))  # a typed code
            return picker
        if name in ("date", "due"):
            return DateField(dates.today() + dt.timedelta(days=30 if name == "due" else 0))
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
            return MaterialsEditor(self, session=self.session)  # type: ignore[arg-type]
        if name == "lines":
            return NotaLinesEditor(sale=self.spec.kind.startswith("penjualan"))
        if name == "qty":
            qty = QtyEdit()
            qty.setPlaceholderText("1")
            qty.refused.connect(lambda text: self.errors["qty"].show_message(text))
            qty.textEdited.connect(lambda _t: self._auto_amount())
            return qty
        return QLineEdit()

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

