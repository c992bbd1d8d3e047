"""Small building blocks: headings, cards, big buttons and a form row that shows its error."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

BANNER_PADDING = 4  # px above and below a banner's text, inside its border (desktop/ui/theme.py)
Notice = TypeVar("Notice", bound=QLabel)


def plain(label: QLabel) -> QLabel:
    """Show text as typed: a name like "Ayu <b>Lestari</b>" is not read as markup.

    The one way a label shows text from outside this PC (buyers, the mall, a kurator, other
    PCs): a QLabel left on its default reads anything that looks like HTML as HTML
    (tests/ui/test_remote_text.py finds every label that shows such text).
    """
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def banner(name: str = "banner", lines: int = 2) -> QLabel:
    """A green notice (what was saved, what changed), hidden until there is something.

    Its space is always kept (see ReservedLabel): showing it never pushes the page down.
    """
    return reserved_banner(lines, name)


class ReservedLabel(QLabel):
    """A notice that always takes the same height, shown or not, so nothing moves under the mouse.

    It holds `lines` lines of wrapped text; longer text is cut and kept whole in the tooltip.
    """

    def __init__(self, lines: int = 1, *, name: str = "", kind: str = "muted",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(lines > 1)
        self.setProperty(kind, True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if name:
            self.setObjectName(name)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)

    def _height(self) -> int:
        margins = self.contentsMargins()
        frame = 2 * (BANNER_PADDING + 1) if self.property("banner") else 2  # the theme's box
        return self.lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() \
            + frame

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(10, self._height())

    def hasHeightForWidth(self) -> bool:
        return False

    def say(self, text: str) -> None:
        """Show the text (the space stays when it is empty)."""
        self.setText(text)
        self.setToolTip(text if text.count("\n") >= self.lines else "")
        self.setVisible(bool(text))


def reserved_banner(lines: int = 2, name: str = "banner") -> ReservedLabel:
    """A green notice of fixed height: it appears without pushing the page down."""
    label = ReservedLabel(lines, name=name, kind="banner")
    label.hide()
    return label


def heading(text: str) -> QLabel:
    """A page or section title."""
    label = plain(QLabel(text))
    label.setProperty("heading", True)
    return label


class TitleRow(QHBoxLayout):
    """A page's or section's title, with room on its right for the page's notice.

    A notice that keeps its space (see ReservedLabel) sits beside the title, so an empty
    notice is white space next to the title instead of an empty band under it.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setSpacing(16)
        self.heading = heading(text)
        self.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignTop)

    def add_notice(self, notice: Notice) -> Notice:
        """Put the notice right of the title; it takes the rest of the width."""
        self.addWidget(notice, 1, Qt.AlignmentFlag.AlignTop)
        return notice


def muted(text: str) -> QLabel:
    """Secondary text, e.g. a hint under a field."""
    label = plain(QLabel(text))
    label.setProperty("muted", True)
    label.setWordWrap(True)
    return label


def big_button(text: str, *, primary: bool = False) -> QPushButton:
    """A large button for the main actions an owner takes."""
    button = QPushButton(text)
    button.setProperty("big", True)
    button.setProperty("primary", primary)
    button.setMinimumHeight(52)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(True)  # Enter presses the button that has the focus
    return button


def primary_button(text: str) -> QPushButton:
    """The default action of a dialog or page."""
    button = QPushButton(text)
    button.setProperty("primary", True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class Card(QFrame):
    """A white rounded panel with a title and a large figure (Beranda)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        layout = QVBoxLayout(self)
        self.title = muted(title)
        self.figure = QLabel("–")
        self.figure.setProperty("figure", True)
        self.note = muted("")
        layout.addWidget(self.title)
        layout.addWidget(self.figure)
        layout.addWidget(self.note)


class ErrorLabel(QLabel):
    """Red text shown next to a field when the books refuse its value.

    `lines` lines are always kept for it, shown or not, so a message appearing does not move
    the fields under the mouse; only a longer message takes more.
    """

    def __init__(self, parent: QWidget | None = None, *, lines: int = 1) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setProperty("error", True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show (or, with empty text, hide) the message."""
        self.setText(text)
        self.setVisible(bool(text))

    def _reserved(self, width: int = 10_000) -> int:
        """The height of `lines` lines of this label's text, as a shown message would take."""
        probe = _measuring_label()
        probe.setFont(self.font())
        probe.setContentsMargins(self.contentsMargins())
        probe.setText("\n".join(["Xg"] * self.lines))
        return probe.heightForWidth(max(width, 10))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._reserved()))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._reserved()))

    def heightForWidth(self, width: int) -> int:
        return max(super().heightForWidth(width) if self.text() else 0, self._reserved(width))


_PROBE: list[QLabel] = []


def _measuring_label() -> QLabel:
    """One never-shown word-wrapped label that measures text heights for ErrorLabel."""
    if not _PROBE:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        _PROBE.append(label)
    return _PROBE[0]


class TwoLineButton(QPushButton):
    """A big button with a bold title and a wrapped explanation under it."""

    def __init__(self, title: str, hint: str, *, primary: bool = False,
                 parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self.setProperty("big", True)
        self.setProperty("primary", primary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setToolTip(hint)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 8)
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-weight: bold; background: transparent;"
                                       + (" color: white;" if primary else ""))
        self.title_label.setWordWrap(True)  # a long title takes two lines in Besar, never cut
        self.hint_label = QLabel(hint)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("background: transparent;"
                                      + (" color: #e8f5e9;" if primary else " color: #5f6b5c;"))
        for label in (self.title_label, self.hint_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setMinimumWidth(120)
        self.setAutoDefault(True)  # Enter opens the tile that has the focus

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else QSize(160, 64)

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else QSize(120, 56)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else 64
