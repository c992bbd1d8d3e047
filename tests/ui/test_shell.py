"""The window shell: the demo opens behind its PIN, every page builds, locking closes the books."""

from __future__ import annotations

from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def test_demo_opens_and_every_page_builds(demo: MainWindow) -> None:
    assert demo.workspace is not None
    assert list(demo.workspace.pages) == ["beranda", "catat", "kasir", "kas-bank",
                                          "persediaan", "utang-piutang", "laporan", "toko",
                                          "pengaturan", "panduan"]
    for key in demo.workspace.pages:
        assert page(demo, key).isVisible()


def test_lock_closes_the_business_and_shows_the_pin_pad(demo: MainWindow) -> None:
    demo.lock()
    assert demo.workspace is None and not demo.session.is_open
    assert demo.stack.currentWidget() is demo.chooser
    assert demo.chooser.chosen is not None and demo.chooser.pad.isEnabled()


def test_create_a_business_through_the_wizard(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    from desktop.books.totals import account_balance
    from desktop.ui.windows.wizard import NewBusinessWizard

    assert window.stack.currentWidget() is window.welcome
    wizard = NewBusinessWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == 0  # the name is required
    assert "wajib" in wizard.page(0).error.text()  # type: ignore[attr-defined]
    qtbot.keyClicks(wizard.name, "Tenun Ikat Bu Sari")
    qtbot.keyClicks(wizard.owner, "Ni Ketut Sari")
    wizard.next()
    qtbot.keyClicks(wizard.desa, "Sidemen")
    qtbot.keyClicks(wizard.kabupaten, "Karangasem")
    wizard.next()
    qtbot.keyClicks(wizard.pin, "2468")
    qtbot.keyClicks(wizard.pin_again, "2469")
    wizard.next()
    assert wizard.currentId() == 2 and "tidak sama" in wizard.page(2).error.text()  # type: ignore[attr-defined]
    wizard.pin_again.clear()
    qtbot.keyClicks(wizard.pin_again, "2468")
    wizard.next()
    qtbot.keyClicks(wizard.cash, "1500000")
    assert wizard.cash.text() == "1.500.000"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    window.create_from(wizard.result_data())
    assert window.workspace is not None
    assert window.session.business is not None
    assert window.session.business.name == "Tenun Ikat Bu Sari"
    assert account_balance(window.session._book.conn, "1101") == 150_000_000  # type: ignore[union-attr]


def test_a_wrong_pin_is_explained_then_the_business_locks(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    import json

    from desktop.books.store.keyfile import keyfile_path

    ref = demo.session.business
    assert ref is not None
    demo.lock()
    pad = demo.chooser.pad

    def time_passes() -> None:  # the growing wait between tries, skipped
        path = keyfile_path(ref.file)
        path.write_text(json.dumps({**json.loads(path.read_text()), "blocked_until": 0}))

    demo.chooser.unlock.emit(demo.chooser.chosen, "0000")
    assert "PIN salah" in pad.error.text() and "4" in pad.error.text()
    demo.chooser.unlock.emit(demo.chooser.chosen, "1234")  # too soon, even with the right PIN
    assert not demo.session.is_open and "Tunggu" in pad.error.text()
    for _attempt in range(4):
        time_passes()
        demo.chooser.unlock.emit(demo.chooser.chosen, "0000")
    assert "dikunci 5 menit" in pad.error.text()
    demo.chooser.unlock.emit(demo.chooser.chosen, "1234")
    assert not demo.session.is_open and "dikunci sementara" in pad.error.text()
    assert pad.field.text() == ""


def test_the_business_locks_after_inactivity(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo.idle.set_minutes(0.002)  # about a tenth of a second
    qtbot.waitUntil(lambda: not demo.session.is_open, timeout=3000)
    assert demo.workspace is None and demo.stack.currentWidget() is demo.chooser


def test_renaming_the_business_updates_the_sidebar_and_title(demo: MainWindow) -> None:
    from desktop.books.business import update_profile

    demo.session.run(lambda book: update_profile(book, name="Keripik Bu Made Sidemen"),
                     changes={"profile"})
    assert demo.workspace is not None
    assert demo.workspace.brand.text() == "Keripik Bu Made Sidemen"
    assert demo.windowTitle().endswith("Keripik Bu Made Sidemen")
    assert demo.session.business is not None and demo.session.business.name.startswith("Keripik Bu")
