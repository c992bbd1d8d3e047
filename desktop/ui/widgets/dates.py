"""One date field for every form: months in the owner's language (5 Des 2026), Enter submits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from desktop.books.i18n import current_lang

DATE_FORMAT = "d MMM yyyy"


def qt_locale() -> QLocale:
    """Indonesian month names in Indonesian, English ones in English."""
    if current_lang() == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class DateField(QDateEdit):
    """A date with a calendar; `returnPressed` lets Enter save the form it is in."""

    returnPressed = Signal()

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(qt_locale())
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.set_day(day)

    def set_day(self, day: dt.date) -> None:
        """Show this date."""
        self.setDate(QDate(day.year, day.month, day.day))

    def day(self) -> dt.date:
        """The date shown, as a Python date."""
        return py_date(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.interpretText()
            self.returnPressed.emit()
            event.ignore()  # the form around it saves
            return
        super().keyPressEvent(event)


def date_edit(day: dt.date) -> DateField:
    """A date field with a calendar, shown as `22 Nov 2026` (`5 Des 2026` in Indonesian)."""
    return DateField(day)


def py_date(edit: QDateEdit) -> dt.date:
    """The field's date as a Python date."""
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())
