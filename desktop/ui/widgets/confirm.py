"""An inline "are you sure?" with a clear yes and a cancel; no modal dialog to get lost in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.books.i18n import tr
from desktop.ui.widgets.common import primary_button


class ConfirmBar(QFrame):
    """Asks one question; the action runs only on yes. Enter answers yes, Escape cancels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setProperty("confirm", True)
        self.setObjectName("confirm-bar")
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setObjectName("confirm-text")
        row = QHBoxLayout()
        self.yes = primary_button("")
        self.yes.setObjectName("confirm-yes")
        self.no = QPushButton(tr("Batal"))
        self.no.setObjectName("confirm-no")
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch()
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.yes.clicked.connect(self._yes)
        self.no.clicked.connect(self.cancel)
        self._action: Callable[[], None] | None = None
        self._on_no: Callable[[], None] | None = None
        self.hide()

    def ask(self, text: str, yes: str, action: Callable[[], None], *,
            no: str = "", on_no: Callable[[], None] | None = None) -> None:
        """Show the question; `action()` runs only when the owner presses the yes button."""
        self.text.setText(text)
        self.yes.setText(yes)
        self.no.setText(no or tr("Batal"))
        self._action, self._on_no = action, on_no
        self.show()
        self.yes.setFocus()
        scroll = scroll_area_of(self)
        if scroll is not None:  # once laid out, scroll the question into view
            QTimer.singleShot(0, scroll, lambda: scroll.ensureWidgetVisible(self, 10, 10))

    def cancel(self) -> None:
        """Close the question without doing anything."""
        self.hide()
        self._action = None
        on_no, self._on_no = self._on_no, None
        if on_no is not None:
            on_no()

    def _yes(self) -> None:
        self.hide()
        action, self._action = self._action, None
        if action is not None:
            action()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            (self.no if self.no.hasFocus() else self.yes).click()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
        else:
            super().keyPressEvent(event)


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The scroll area a widget sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent
