"""What the Pengaturan sections share: a scrolled section, field errors, confirm bar, progress."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.books.dates import format_short
from desktop.books.errors import UserFacingError
from desktop.books.i18n import current_lang, tr
from desktop.ui.errors import field_text as field_text
from desktop.ui.errors import show_error
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, TitleRow, banner, muted
from desktop.ui.widgets.confirm import ConfirmBar as ConfirmBar
from desktop.ui.widgets.confirm import scroll_area_of
from desktop.ui.worker import Progress

if TYPE_CHECKING:
    from desktop.ui.windows.main import MainWindow

CONTENT_WIDTH = 860  # forms stay readable on a wide screen instead of stretching


class Section(QWidget):
    """One section of Pengaturan: a title, a scrolled body, a notice line and a fixed footer."""

    key = "section"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        title = TitleRow(self.title())
        self.notice = title.add_notice(banner("notice"))
        outer.addLayout(title)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, which scroll in
        inner = QWidget()
        inner.setObjectName("section-body")
        inner.setMaximumWidth(CONTENT_WIDTH)
        scroll.setStyleSheet("QScrollArea, #section-body { background: transparent; }")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(0, 0, 12, 0)
        self.body.setSpacing(10)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.footer = QHBoxLayout()
        outer.addLayout(self.footer)

    @classmethod
    def title(cls) -> str:
        """The section's name in the list and its heading."""
        return cls.key

    def refresh(self) -> None:
        """Load what the section shows (override)."""

    def say(self, text: str) -> None:
        """Show (or, with empty text, hide) the green notice at the top of the section."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


def part_label(text: str) -> QLabel:
    """A bold line that starts a part of a section."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def strong(text: str = "") -> QLabel:
    """A bold line for the one fact a section is about (e.g. the last backup)."""
    label = part_label(text)
    label.setContentsMargins(0, 0, 0, 0)
    label.setWordWrap(True)
    return label


def left(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side at their natural width, kept to the left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    return row


class FieldErrors:
    """Error labels by field name: a refusal goes under its field, anything else to a box."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.labels: dict[str, ErrorLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, field: str, widget: QWidget) -> ErrorLabel:
        """Register a field; returns its error label for the layout."""
        label = ErrorLabel()
        label.setObjectName(f"error-{field}")
        self.labels[field] = label
        self.widgets[field] = widget
        return label

    def clear(self) -> None:
        """Hide every message."""
        for label in self.labels.values():
            label.show_message("")

    def show(self, exc: BaseException) -> None:
        """Put a field's refusal next to it (and move the cursor there), or show a box."""
        self.clear()
        if isinstance(exc, UserFacingError) and exc.field in self.labels:
            label, widget = self.labels[exc.field], self.widgets[exc.field]
            label.show_message(field_text(exc))
            widget.setFocus()
            scroll = scroll_area_of(widget)
            if scroll is not None:  # a long form: bring the field and its message into view
                scroll.ensureWidgetVisible(widget, 40, 60)
                QTimer.singleShot(0, scroll, lambda: scroll.ensureWidgetVisible(label, 40, 20))
        else:
            show_error(self.owner, exc)

    def row(self, form: QFormLayout, label: str, field: str, widget: QWidget,
            hint: str | QLabel = "") -> None:
        """Add a form row whose field has its hint (text, or a label that changes) and error
        label under it."""
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        if hint:
            box.addWidget(muted(hint) if isinstance(hint, str) else hint)
        box.addWidget(self.add(field, widget))
        form.addRow(label, box)


def new_form() -> QFormLayout:
    """A form with labels on the left that wraps long rows on a narrow window."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setVerticalSpacing(8)
    return form


class _Bridge(QObject):
    moved = Signal(int, int)


class ProgressBox:
    """A progress dialog fed from the worker thread; Cancel asks the job to stop."""

    def __init__(self, parent: QWidget, label: str) -> None:
        self.dialog = QProgressDialog(label, tr("Batal"), 0, 0, parent)
        self.dialog.setWindowTitle("Lumbung")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self._bridge = _Bridge()
        self._bridge.moved.connect(self._moved)  # queued when emitted on the worker thread
        self.progress = Progress(self._bridge.moved.emit)
        self.dialog.canceled.connect(self.progress.cancel)

    def _moved(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def finish(self) -> None:
        """Close the dialog once the job has ended (either way)."""
        self.dialog.canceled.disconnect(self.progress.cancel)
        self.dialog.reset()
        self.dialog.deleteLater()


def inform(parent: QWidget | None, text: str) -> None:
    """Tell the owner something went well, without blocking the window."""
    box = QMessageBox(QMessageBox.Icon.Information, "Lumbung", text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("info-box")
    box.open()


def when_text(moment: dt.datetime) -> str:
    """A moment as "23 Nov 2026 14.05" (Indonesian uses a dot between hours and minutes)."""
    lang = current_lang()
    separator = "." if lang == "id" else ":"
    return f"{format_short(moment.date(), lang)} {moment:%H}{separator}{moment:%M}"


def main_window(widget: QWidget) -> MainWindow | None:
    """The main window the page lives in (None when a page is shown on its own)."""
    from desktop.ui.windows.main import MainWindow

    top = widget.window()
    return top if isinstance(top, MainWindow) else None
