"""Issue 14, the rest: what a first-time owner over 50 still tripped on, each driven as she would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


class WindowWatch(QObject):
    """Notes every widget shown as a window of its own, even one that is a window for an instant.

    A parentless widget given `setVisible(True)` flashes up as a blank window until a layout
    adopts it; afterwards nothing is left to see, so the show itself is watched.
    """

    def __init__(self, win: MainWindow) -> None:
        super().__init__()
        self.win, self.seen = win, []  # type: list[str]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow() \
                and obj is not self.win and not isinstance(obj, (QDialog, QMenu)) \
                and obj.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
            self.seen.append(f"{type(obj).__name__} {obj.objectName()!r}")
        return False


def watch(win: MainWindow) -> WindowWatch:
    watcher = WindowWatch(win)
    QApplication.instance().installEventFilter(watcher)  # type: ignore[union-attr]
    return watcher


def stray_windows(watcher: WindowWatch) -> list[str]:
    QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]
    return watcher.seen


def test_no_blank_window_appears_after_the_wizard(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    from desktop.ui.windows.wizard import NewBusinessWizard

    wizard = NewBusinessWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.name, "Tenun Ikat Bu Sari")
    wizard.next()
    wizard.next()
    qtbot.keyClicks(wizard.pin, "2468")
    qtbot.keyClicks(wizard.pin_again, "2468")
    wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    watcher = watch(window)
    window.create_from(wizard.result_data())
    assert window.workspace is not None
    for key in list(window.workspace.pages):
        window.workspace.show_page(key)
        QApplication.processEvents()
    assert stray_windows(watcher) == []
