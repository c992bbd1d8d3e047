"""Form pieces the Persediaan and Utang Piutang panels share: dates, field errors, the panel frame."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import UserFacingError
from desktop.books.i18n import tr
from desktop.ui.widgets.common import ErrorLabel, heading

FORM_WIDTH = 760


def set_date(edit: QDateEdit, day: dt.date) -> None:
    """Show a Python date in a date field."""
    edit.setDate(QDate(day.year, day.month, day.day))


def date_of(edit: QDateEdit) -> dt.date:
    """The date in a date field."""
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$")


def qty_text(text: str) -> str:
    """A typed quantity for parse_qty: '1.500' is Indonesian for 1500, '2,5' and '2.5' stay."""
    raw = text.strip()
    return raw.replace(".", "") if _GROUPED.match(raw) else raw


def field_message(exc: UserFacingError) -> str:
    """The error's sentence without the 'Kolom x:' prefix (it is shown under that field)."""
    params = dict(exc.params)
    if exc.value is not None:
        params.setdefault("value", exc.value)
    return tr(exc.template, **params)


class FieldErrors:
    """The error labels of one form, by the books' field names."""

    def __init__(self) -> None:
        self.labels: dict[str, ErrorLabel] = {}

    def wrap(self, name: str, widget: QWidget, hint: QLabel | None = None) -> QWidget:
        """The field with its hint and its (hidden) error label under it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if hint is not None:
            layout.addWidget(hint)
        label = ErrorLabel()
        label.setObjectName(f"error-{name}")
        self.labels[name] = label
        layout.addWidget(label)
        return box

    def clear(self) -> None:
        """Hide every message."""
        for label in self.labels.values():
            label.show_message("")

    def show(self, exc: BaseException) -> bool:
        """Show a refusal under its field; False when it belongs to no field of this form."""
        if not isinstance(exc, UserFacingError) or exc.field not in self.labels:
            return False
        self.labels[exc.field].show_message(field_message(exc))
        return True

    def message(self, name: str) -> str:
        """The message shown under a field ('' when none)."""
        label = self.labels[name]
        return "" if label.isHidden() else label.text()


class Panel(QWidget):
    """A screen that replaces the page's list for one task; Esc or Kembali goes back."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(10)
        top = QHBoxLayout()
        self.title = heading("")
        self.title.setWordWrap(True)
        self.back = QPushButton(tr("Kembali"))
        self.back.setObjectName("back")
        self.back.setToolTip("Esc")
        self.back.clicked.connect(self.closed.emit)
        top.addWidget(self.title, 1)
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        self.box.addLayout(top)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc anywhere in the panel goes back, as it closes a dialog."""
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def back_last(self, after: QWidget) -> None:
        """Tab reaches Kembali after the panel's own buttons, not before its first field."""
        QWidget.setTabOrder(after, self.back)


def form_layout() -> tuple[QWidget, QFormLayout]:
    """A left-aligned form of sensible width (it does not stretch across a wide screen)."""
    holder = QWidget()
    holder.setMaximumWidth(FORM_WIDTH)
    form = QFormLayout(holder)
    form.setContentsMargins(0, 0, 0, 0)
    form.setVerticalSpacing(8)
    form.setHorizontalSpacing(16)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return holder, form


def submit_on_enter(action: Callable[[], None], *edits: QLineEdit) -> None:
    """Enter in any of these fields does what the form's main button does."""
    for edit in edits:
        edit.returnPressed.connect(action)


def buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, on the left, in tab order."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    return row
