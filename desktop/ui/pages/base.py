"""What every sidebar page shares: its session, its title, and refreshing when data changes."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.session import Session
from desktop.ui.widgets.common import TitleRow


class Page(QWidget):
    """A page of the workspace.

    Subclasses set `key`, `title()` and `depends` (the change flags that make the page stale),
    build their widgets in `__init__`, and load data in `refresh()` through `session.run`.
    The workspace calls `refresh()` when the page is shown while stale.
    """

    key = "page"
    depends: frozenset[str] = frozenset()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stale = True
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 18, 24, 18)
        self.layout_.setSpacing(12)
        self.title_row = TitleRow(self.title())  # a page's notice goes beside its title
        self.layout_.addLayout(self.title_row)

    @classmethod
    def title(cls) -> str:
        """The page's name in the sidebar and its heading."""
        return cls.key

    def refresh(self) -> None:
        """Load the page's data (override)."""
        self.stale = False

    def on_changed(self, changes: frozenset[str]) -> None:
        """Mark the page stale when something it shows changed; refresh now if visible."""
        if changes & self.depends:
            self.stale = True
            if self.isVisible():
                self.refresh()
