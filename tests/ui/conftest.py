"""Desktop tests: real widgets offscreen, a synchronous worker, and the demo business."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.i18n import set_language
from desktop.ui import errors
from desktop.ui.catalog import install_catalogs
from desktop.ui.pages.base import Page
from desktop.ui.settings import AppSettings
from desktop.ui.windows.main import MainWindow
from desktop.ui.worker import SyncWorker


@pytest.fixture(autouse=True)
def _quiet_errors() -> Iterator[None]:
    """Error boxes open without blocking; the list of shown messages starts empty."""
    install_catalogs()
    errors.quiet_dialogs(True)
    errors.shown.clear()
    yield
    set_language(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def window(qtbot, data_dir: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on an empty PC (welcome screen), with a synchronous worker."""
    win = MainWindow(data_dir, SyncWorker(), AppSettings())
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def demo(window: MainWindow) -> MainWindow:
    """The window with the demo business (Keripik Pisang Bu Made) open."""
    window.open_demo()
    assert window.workspace is not None, errors.shown
    return window


def page(win: MainWindow, key: str) -> Page:
    """Show a page of the open business and return it."""
    assert win.workspace is not None
    return win.workspace.show_page(key)
