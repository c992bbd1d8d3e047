"""Desktop tests: real widgets offscreen, a synchronous worker, and the demo business."""

from __future__ import annotations

import datetime as dt
import gc
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
def _quiet_errors(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Error boxes open without blocking; each test starts in Indonesian at normal size."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.ui.theme import apply_theme

    install_catalogs()
    errors.quiet_dialogs(True)
    errors.shown.clear()
    apply_theme(qapp, "normal")
    yield
    set_language(None)
    # Really delete the widgets of this test, or every later style change restyles them all.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


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
def demo(today: dt.date, window: MainWindow) -> MainWindow:
    """The window with the demo business (Keripik Pisang Bu Made) open, its books up to `today`.

    The demo is dated from today, so every test that uses it runs on the pinned date too.
    """
    window.open_demo()
    assert window.workspace is not None, errors.shown
    return window


def page(win: MainWindow, key: str) -> Page:
    """Show a page of the open business and return it."""
    assert win.workspace is not None
    return win.workspace.show_page(key)
