"""The recovery code on the desktop: shown after creating, Lupa PIN? on the pad, a new code."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.books.demo import DEMO_PIN
from desktop.books.store import keyfile
from desktop.books.unlock import reset_pin
from desktop.ui import errors
from desktop.ui.pages.settings_pin import PinSection
from desktop.ui.widgets.recovery import ForgotPinDialog, RecoveryCodeDialog
from desktop.ui.windows.main import MainWindow
from desktop.ui.windows.wizard import NewBusiness
from tests.ui.test_settings_page import section


def shown_code_dialog() -> RecoveryCodeDialog:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, RecoveryCodeDialog) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_a_new_business_shows_its_code_until_noted(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    window.create_from(NewBusiness(profile={"name": "Tenun Ikat"}, pin="2468", opening_cash=0))
    assert window.workspace is not None, errors.shown
    dialog = shown_code_dialog()
    code = dialog.code_label.text()
    assert len(code) == 24 and code.count("-") == 4
    assert not dialog.done_button.isEnabled()
    dialog.reject()  # Escape does not dismiss an unnoted code
    assert dialog.isVisible()
    pdf = dialog.print_pdf(tmp_path / "kode.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    dialog.noted.click()
    assert dialog.done_button.isEnabled()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    window.lock()
    forgot = window.forgot_pin(window.chooser.chosen)  # "Lupa PIN?" on the pad
    assert isinstance(forgot, ForgotPinDialog)
    qtbot.keyClicks(forgot.code, "AAAA-AAAA-AAAA-AAAA-AAAA")
    qtbot.keyClicks(forgot.new, "97531")
    qtbot.keyClicks(forgot.again, "97531")
    qtbot.mouseClick(forgot.ok, Qt.MouseButton.LeftButton)
    assert "Kode pemulihan salah" in forgot.error.text() and window.workspace is None
    forgot.code.clear()
    qtbot.keyClicks(forgot.code, code.lower())
    qtbot.mouseClick(forgot.ok, Qt.MouseButton.LeftButton)
    assert window.workspace is not None, forgot.error.text()


def test_the_pad_has_lupa_pin(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    demo.lock()
    button = demo.chooser.pad.findChild(QPushButton, "forgot-pin")
    assert button is not None and button.text() == "Lupa PIN?"
    with qtbot.waitSignal(demo.chooser.forgot) as caught:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert caught.args[0].id == demo.chooser.chosen.id  # type: ignore[union-attr]
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ForgotPinDialog):
            widget.close()


def test_pengaturan_pin_makes_a_new_code_after_the_pin(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pin = section(demo, "pin", PinSection)
    qtbot.keyClicks(pin.old, "9999")
    qtbot.mouseClick(pin.recovery, Qt.MouseButton.LeftButton)
    assert "PIN salah" in pin.errors.labels["pin"].text()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, RecoveryCodeDialog) and w.isVisible()]
    ref = demo.session.business
    assert ref is not None
    path = keyfile.keyfile_path(ref.file)  # the one-second wait after a wrong PIN, skipped
    path.write_text(json.dumps({**json.loads(path.read_text()), "blocked_until": 0}))
    qtbot.keyClicks(pin.old, DEMO_PIN)
    qtbot.mouseClick(pin.recovery, Qt.MouseButton.LeftButton)
    dialog = shown_code_dialog()
    dialog.noted.click()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    code = dialog.code_label.text()
    reset_pin(demo.data_dir, ref.id, recovery_code=code, new_pin="8642")
