"""Pengaturan: profile, chart of accounts, PIN, display, backups and tutup buku, clicked through."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget

from desktop.books.accounts import list_accounts
from desktop.books.backup import backup_settings, verify_backup
from desktop.books.business import get_profile
from desktop.books.dates import format_short
from desktop.books.demo import DEMO_PIN
from desktop.books.errors import ClosedPeriodError
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import closed_through
from desktop.books.unlock import reset_pin
from desktop.ui import errors
from desktop.ui.pages.settings import SettingsPage
from desktop.ui.pages.settings_accounts import AccountsSection
from desktop.ui.pages.settings_backup import BackupSection
from desktop.ui.pages.settings_display import DisplaySection
from desktop.ui.pages.settings_period import PeriodSection, last_month_end
from desktop.ui.pages.settings_pin import PinSection
from desktop.ui.pages.settings_profile import ProfileSection
from desktop.ui.settings import AppSettings
from desktop.ui.theme import apply_theme
from desktop.ui.widgets.recovery import RecoveryCodeDialog
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page

T = TypeVar("T")
S = TypeVar("S")


@pytest.fixture(autouse=True)
def _tidy() -> Iterator[None]:
    """Leave the application as found: normal text, and the closed windows really deleted."""
    # pytest-qt closes each test's window with deleteLater, which only an event loop carries
    # out; without this every window stays alive, and each later test gets slower.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    size = app.font().pointSizeF()
    yield
    if app.font().pointSizeF() != size:
        apply_theme(app, "normal")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # a window's idle lock filters every event of the app until it is collected


def section(win: MainWindow, key: str, kind: type[S]) -> S:
    """Open Pengaturan and one of its sections."""
    settings = page(win, "pengaturan")
    assert isinstance(settings, SettingsPage)
    shown = settings.show_section(key)
    assert isinstance(shown, kind)
    return shown


def read(win: MainWindow, query: Callable[[sqlite3.Connection], T]) -> T:
    """Ask the open books something through the session (the worker is synchronous)."""
    found: list[T] = []
    win.session.run(lambda book: query(book.conn), done=found.append)
    assert found, errors.shown
    return found[0]


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot, field: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def unlock(win: MainWindow, pin: str) -> None:
    assert win.chooser.chosen is not None
    win.chooser.unlock.emit(win.chooser.chosen, pin)


# -- profile -----------------------------------------------------------------------------------
def test_a_bad_nib_is_shown_next_to_the_field_and_nothing_is_stored(demo: MainWindow,
                                                                    qtbot) -> None:  # type: ignore[no-untyped-def]
    profile = section(demo, "profil", ProfileSection)
    before = read(demo, get_profile)
    retype(qtbot, profile.fields["nib"], "12345")
    retype(qtbot, profile.fields["owner"], "Made Sukerti")
    click(qtbot, profile.save_button)
    label = profile.errors.labels["nib"]
    assert label.isVisible() and "13" in label.text()
    assert profile.window().focusWidget() is profile.fields["nib"]
    assert not errors.shown
    assert read(demo, get_profile) == before

    retype(qtbot, profile.fields["nib"], "1234.5678.90123")
    qtbot.keyClick(profile.fields["nib"], Qt.Key.Key_Return)
    assert not label.isVisible()
    saved = read(demo, get_profile)
    assert (saved.nib, saved.owner) == ("1234567890123", "Made Sukerti")
    assert profile.fields["nib"].text() == "1234567890123"  # reloaded as stored
    assert profile.notice.isVisible()


def test_halal_and_taxpayer_are_saved(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    profile = section(demo, "profil", ProfileSection)
    retype(qtbot, profile.fields["halal"], "halal 123")
    click(qtbot, profile.save_button)
    assert profile.errors.labels["halal"].isVisible()
    retype(qtbot, profile.fields["halal"], "ID 3110000123456")
    profile.taxpayer.setCurrentIndex(profile.taxpayer.findData("badan"))
    click(qtbot, profile.save_button)
    saved = read(demo, get_profile)
    assert (saved.halal, saved.taxpayer) == ("ID3110000123456", "badan")


def test_logo_is_chosen_shown_and_removed(demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    from desktop.books.business import get_logo

    picture = tmp_path / "logo.png"
    Image.new("RGB", (300, 200), "green").save(picture)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_a, **_k: (str(picture), ""))
    profile = section(demo, "profil", ProfileSection)
    click(qtbot, profile.choose_logo_button)
    assert read(demo, get_logo) is not None
    assert not profile.logo.pixmap().isNull()
    click(qtbot, profile.remove_logo_button)
    assert read(demo, get_logo) is None
    assert profile.logo.pixmap().isNull() and not profile.remove_logo_button.isEnabled()


# -- chart of accounts -------------------------------------------------------------------------
def test_add_rename_deactivate_and_delete_an_account(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    accounts = section(demo, "akun", AccountsSection)
    accounts.group.setCurrentIndex(accounts.group.findData("52"))
    assert accounts.code.text().startswith("52")  # the next free code is suggested
    retype(qtbot, accounts.code, "5280")
    qtbot.keyClicks(accounts.name, "Beban Plastik")
    click(qtbot, accounts.add_button)
    chart = {a.code: a for a in read(demo, list_accounts)}
    assert chart["5280"].name == "Beban Plastik" and chart["5280"].active
    assert accounts.chosen() is not None and accounts.chosen().code == "5280"  # type: ignore[union-attr]
    assert accounts.name.text() == ""

    retype(qtbot, accounts.rename_field, "Beban Kantong Plastik")
    qtbot.keyClick(accounts.rename_field, Qt.Key.Key_Return)
    click(qtbot, accounts.active_button)
    chart = {a.code: a for a in read(demo, list_accounts)}
    assert chart["5280"].name == "Beban Kantong Plastik" and not chart["5280"].active
    row = [a.code for a in accounts.accounts].index("5280")
    assert accounts.model.item(row, 1).text() == "Beban Kantong Plastik"
    assert accounts.model.item(row, 3).text() == "Nonaktif"
    assert accounts.active_button.text() == "Aktifkan lagi"

    click(qtbot, accounts.delete_button)
    assert accounts.confirm.isVisible()
    click(qtbot, accounts.confirm.yes)
    assert "5280" not in {a.code for a in read(demo, list_accounts)}


def test_a_used_or_built_in_account_is_not_deleted(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    accounts = section(demo, "akun", AccountsSection)
    accounts.select("1101")
    click(qtbot, accounts.delete_button)
    click(qtbot, accounts.confirm.yes)
    label = accounts.chosen_errors.labels["code"]
    assert label.isVisible() and "nonaktifkan" in label.text()
    assert "1101" in {a.code for a in read(demo, list_accounts)}


def test_a_code_outside_its_group_is_refused_under_the_code(demo: MainWindow,
                                                            qtbot) -> None:  # type: ignore[no-untyped-def]
    accounts = section(demo, "akun", AccountsSection)
    accounts.group.setCurrentIndex(accounts.group.findData("52"))
    retype(qtbot, accounts.code, "6001")
    qtbot.keyClicks(accounts.name, "Salah")
    qtbot.keyClick(accounts.name, Qt.Key.Key_Return)
    assert accounts.add_errors.labels["code"].isVisible()
    assert "6001" not in {a.code for a in read(demo, list_accounts)}


# -- PIN ---------------------------------------------------------------------------------------
def test_changed_pin_opens_the_business(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pin = section(demo, "pin", PinSection)
    qtbot.keyClicks(pin.old, DEMO_PIN)
    qtbot.keyClicks(pin.new, "246810")
    qtbot.keyClicks(pin.again, "246801")
    click(qtbot, pin.button)
    assert pin.errors.labels["again"].isVisible()
    retype(qtbot, pin.again, "246810")
    old_key = demo.session.book_key
    qtbot.keyClick(pin.again, Qt.Key.Key_Return)
    assert pin.notice.isVisible() and not errors.shown
    assert demo.session.book_key not in (None, old_key)  # the books were rekeyed
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, RecoveryCodeDialog) and w.isVisible())
    code = dialog.code_label.text()
    dialog.noted.click()
    click(qtbot, dialog.done_button)
    demo.lock()
    assert demo.workspace is None
    unlock(demo, "246810")
    assert demo.workspace is not None, demo.chooser.pad.error.text()
    ref = demo.session.business
    assert ref is not None
    demo.lock()
    reset_pin(demo.data_dir, ref.id, recovery_code=code, new_pin="8642")  # the new code works


def test_a_wrong_old_pin_is_said_under_it(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pin = section(demo, "pin", PinSection)
    for field, text in ((pin.old, "9999"), (pin.new, "246810"), (pin.again, "246810")):
        qtbot.keyClicks(field, text)
    click(qtbot, pin.button)
    assert pin.errors.labels["pin"].isVisible() and "PIN salah" in pin.errors.labels["pin"].text()
    assert pin.old.text() == "" and not errors.shown


# -- display -----------------------------------------------------------------------------------
def test_english_and_large_text_rebuild_the_workspace(demo: MainWindow, data_dir: Path,
                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font().pointSizeF()
    display = section(demo, "tampilan", DisplaySection)
    display.language.setCurrentIndex(display.language.findData("en"))
    display.text_size.setCurrentIndex(display.text_size.findData("besar"))
    click(qtbot, display.apply_button)
    assert demo.workspace is not None
    assert demo.workspace.buttons["beranda"].text() == "Home"
    assert demo.workspace.buttons["pengaturan"].text() == "Settings"
    assert app.font().pointSizeF() > before
    rebuilt = demo.workspace.current()
    assert isinstance(rebuilt, SettingsPage)
    shown = rebuilt.sections["tampilan"]
    assert rebuilt.stack.currentWidget() is shown and shown.notice.isVisible()
    assert shown.notice.text() == "The display settings are applied."
    saved = AppSettings.load(data_dir)
    assert (saved.language, saved.text_size) == ("en", "besar")


def test_lock_minutes_reach_the_idle_lock(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    display = section(demo, "tampilan", DisplaySection)
    assert display.lock.value() == 10
    display.lock.setValue(3)
    click(qtbot, display.apply_button)
    assert demo.idle.minutes == 3 and demo.idle.timer.interval() == 180_000
    assert demo.idle.timer.isActive()
    display = section(demo, "tampilan", DisplaySection)  # the rebuilt page
    display.lock.setValue(0)
    click(qtbot, display.apply_button)
    assert not demo.idle.timer.isActive()


# -- backups -----------------------------------------------------------------------------------
def test_backup_now_writes_a_verified_file(demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                           monkeypatch: pytest.MonkeyPatch,
                                           today: dt.date) -> None:
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(suggested).name)
        return str(tmp_path / "usb" / "keripik"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    backups = section(demo, "cadangan", BackupSection)
    assert backups.last.text() == "Cadangan terakhir: belum pernah"
    click(qtbot, backups.now_button)
    slug = demo.session.business.slug  # type: ignore[union-attr]
    assert asked == [f"{slug}-{today.isoformat()}.lumbung"]
    written = tmp_path / "usb" / "keripik.lumbung"
    info = verify_backup(written, pin=DEMO_PIN)
    assert info.entries > 0 and str(written) in backups.notice.text()
    assert format_short(today) in backups.last.text()


def test_automatic_backup_on_lock_goes_to_the_chosen_folder(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            today: dt.date) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(usb))
    backups = section(demo, "cadangan", BackupSection)
    click(qtbot, backups.folder_button)
    assert str(usb) in backups.folder.text() and not backups.missing.isVisible()
    demo.lock()
    copies = list(usb.glob("*.lumbung"))
    assert len(copies) == 1 and verify_backup(copies[0], pin=DEMO_PIN).entries > 0
    unlock(demo, DEMO_PIN)
    backups = section(demo, "cadangan", BackupSection)
    assert backups.last.text().startswith("Cadangan terakhir: ")
    assert format_short(today) in backups.last.text()


def test_a_missing_flash_drive_does_not_stop_locking(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    section(demo, "cadangan", BackupSection).choose_folder(str(usb))
    usb.rmdir()  # the flash drive is pulled out
    demo.lock()
    assert demo.workspace is None and demo.stack.currentWidget() is demo.chooser
    assert not errors.shown
    unlock(demo, DEMO_PIN)
    backups = section(demo, "cadangan", BackupSection)
    assert backups.last.text() == "Cadangan terakhir: belum pernah"
    assert backups.missing.isVisible()
    assert read(demo, backup_settings).last is None


def test_restoring_the_open_business_closes_and_reopens_it(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    from desktop.books.accounts import add_account

    backups = section(demo, "cadangan", BackupSection)
    backups.make_backup(str(tmp_path / "before.lumbung"))
    demo.session.run(lambda book: _in_tx(book, lambda c: add_account(
        c, code="5281", name="Tambahan", group="52")))
    backups.restore_file.setText(str(tmp_path / "before.lumbung"))
    qtbot.keyClicks(backups.restore_pin, "0000")
    click(qtbot, backups.restore_button)
    assert backups.errors.labels["pin"].isVisible() and not backups.confirm.isVisible()
    retype(qtbot, backups.restore_pin, DEMO_PIN)
    click(qtbot, backups.restore_button)
    assert backups.confirm.isVisible() and "salinan pengaman" in backups.confirm.text.text()
    click(qtbot, backups.confirm.yes)
    assert demo.workspace is not None and not errors.shown
    assert "5281" not in {a.code for a in read(demo, list_accounts)}
    assert demo.session.business is not None
    safety = list((demo.data_dir / "backups" / demo.session.business.id).glob("sebelum-*"))
    assert len(safety) == 1


def _in_tx(book, change: Callable[[sqlite3.Connection], object]) -> None:  # type: ignore[no-untyped-def]
    with book.write() as conn:
        change(conn)


# -- tutup buku --------------------------------------------------------------------------------
def test_closing_the_period_refuses_earlier_postings(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                     today: dt.date) -> None:
    period = section(demo, "tutup-buku", PeriodSection)
    assert period.current.text() == "Buku belum pernah ditutup."
    through = last_month_end(today)
    assert period.chosen() == through
    qtbot.keyClick(period.button, Qt.Key.Key_Return)  # Enter works on a focused button
    assert period.confirm.isVisible()
    assert read(demo, closed_through) is None  # nothing happens before the yes
    qtbot.keyClick(period.confirm.yes, Qt.Key.Key_Return)
    assert read(demo, closed_through) == through
    assert period.current.text().startswith("Buku sudah ditutup sampai")

    outcome: list[object] = []
    for day in (through - dt.timedelta(days=3), through, through + dt.timedelta(days=1)):
        demo.session.run(lambda book, day=day: post_tx(book, TxInput(
            type="penjualan-tunai", date=day, amount="10000")),
            done=outcome.append, failed=outcome.append)
    assert [isinstance(o, ClosedPeriodError) for o in outcome] == [True, True, False]

    earlier = through - dt.timedelta(days=40)
    period.through.setDate(QDate(earlier.year, earlier.month, earlier.day))
    click(qtbot, period.button)
    click(qtbot, period.confirm.yes)
    assert period.errors.labels["through"].isVisible()
    assert read(demo, closed_through) == through


def test_next_code_is_the_first_free_one_in_the_group() -> None:
    from desktop.books.accounts import Account
    from desktop.ui.pages.settings_accounts import next_code

    chart = [Account(c, "x", c[:2], "D", True) for c in ("5201", "5202", "5204", "5299")]
    assert next_code(chart, "52") == "5203"
    assert next_code(chart, "53") == "5301"
