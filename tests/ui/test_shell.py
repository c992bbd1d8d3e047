"""The window shell: the demo opens behind its PIN, every page builds, locking closes the books."""

from __future__ import annotations

from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def test_demo_opens_and_every_page_builds(demo: MainWindow) -> None:
    assert demo.workspace is not None
    assert list(demo.workspace.pages) == ["beranda", "catat", "kas-bank", "persediaan",
                                          "utang-piutang", "laporan", "pengaturan"]
    for key in demo.workspace.pages:
        assert page(demo, key).isVisible()


def test_lock_closes_the_business_and_shows_the_pin_pad(demo: MainWindow) -> None:
    demo.lock()
    assert demo.workspace is None and not demo.session.is_open
    assert demo.stack.currentWidget() is demo.chooser
    assert demo.chooser.chosen is not None and demo.chooser.pad.isEnabled()
