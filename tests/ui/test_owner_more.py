"""Issue 14, the rest: what a first-time owner over 50 still tripped on, each driven as she would."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QPushButton, QWidget

from desktop.books.pdf.fasttable import cell_text
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


def visible_in_window(win: MainWindow, widget: QWidget) -> bool:
    """Shown and wholly inside the window's visible area (not below the fold of a scroll)."""
    top_left = widget.mapTo(win, widget.rect().topLeft())
    region = widget.visibleRegion().boundingRect()
    return widget.isVisible() and region.size() == widget.size() \
        and top_left.y() + widget.height() <= win.height()


@pytest.mark.parametrize("size", ["normal", "besar"])
def test_laba_bersih_is_seen_without_scrolling(demo: MainWindow, size: str) -> None:
    from desktop.ui.pages.reports import ReportsPage

    demo.apply_settings(replace(demo.settings, text_size=size))
    demo.resize(1366, 768 - 40)
    reports = page(demo, "laporan")
    assert isinstance(reports, ReportsPage) and reports.chooser.current_key() == "laba-rugi"
    QApplication.processEvents()
    panel = reports.view.panels()[0]
    net = panel.model.rows[-1]
    assert panel.bottom.text() == f"Laba (rugi) bersih: {cell_text(net.cells[-1], 'money')}"
    assert visible_in_window(demo, panel.bottom)


def test_account_codes_only_with_the_pendamping_switch(demo: MainWindow) -> None:
    from desktop.ui.pages.cashbook import CashbookPage
    from desktop.ui.pages.reports import ReportsPage

    def seen() -> tuple[bool, list[str], list[str]]:
        reports = page(demo, "laporan")
        assert isinstance(reports, ReportsPage)
        reports.chooser.choose("laba-rugi")
        reports.show_report()
        view = reports.view.panels()[0].view
        code_shown = not view.isColumnHidden(0)
        reports.chooser.choose("buku-besar")
        ledger = [reports.account.itemText(i) for i in range(reports.account.count())]
        cashbook = page(demo, "kas-bank")
        assert isinstance(cashbook, CashbookPage)
        combo = cashbook.filters.account
        settings = page(demo, "pengaturan")
        chart = settings.show_section("akun")  # type: ignore[attr-defined]
        code_shown = code_shown or not chart.table.isColumnHidden(0) \
            or chart.group.itemText(0)[:1].isdigit() or chart.code.isVisibleTo(chart)
        return code_shown, ledger, [combo.itemText(i) for i in range(combo.count())]

    code_shown, ledger, filters = seen()
    assert not code_shown and "Kas" in ledger and "Kas" in filters
    assert not [text for text in ledger + filters if text[:4].isdigit()]
    demo.apply_settings(replace(demo.settings, pendamping=True))
    code_shown, ledger, filters = seen()
    assert code_shown and "1101 Kas" in ledger and "1101 Kas" in filters


def test_a_new_material_is_added_from_the_produksi_form(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.books.stock import get_item
    from desktop.ui.pages.record import RecordPage
    from desktop.ui.pages.record_choices import MaterialsEditor

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["produksi"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    materials = form.widgets["materials"]
    assert isinstance(materials, MaterialsEditor) and materials.new_item is not None
    picker, qty = materials.lines[0]
    qtbot.keyClicks(picker.lineEdit(), "Daun Pandan")
    qtbot.mouseClick(materials.findChild(QPushButton, "new-material-open"),
                     Qt.MouseButton.LeftButton)
    panel = materials.new_item
    assert panel.isVisibleTo(form) and panel.name.text() == "Daun Pandan"
    assert panel.kind.checkedButton().property("account") == "1302"  # a raw material
    qtbot.keyClicks(panel.unit, "ikat")
    qtbot.keyClick(panel.unit, Qt.Key.Key_Return)
    item = get_item(demo.session._book.conn, "DAUN-PANDAN")  # type: ignore[union-attr]
    assert item.name == "Daun Pandan" and item.unit == "ikat"
    assert not panel.isVisibleTo(form)
    assert picker.current_key() == "DAUN-PANDAN" and qty.hasFocus()
    qtbot.keyClicks(qty, "2")
    assert materials.rows() == [("DAUN-PANDAN", "2")]


def test_a_material_typed_but_not_chosen_is_refused_by_name_not_dropped(  # type: ignore[no-untyped-def]
        demo: MainWindow, qtbot) -> None:
    from desktop.ui.pages.record import RecordPage

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["produksi"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    conn = demo.session._book.conn  # type: ignore[union-attr]
    before = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    product = form.widgets["item"]
    qtbot.keyClicks(product.lineEdit(), "keripik pisang original 250 g")  # type: ignore[attr-defined]
    qtbot.keyClick(product.lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["qty"], "10")
    picker, qty = form.widgets["materials"].lines[0]  # type: ignore[attr-defined]
    qtbot.keyClicks(picker.lineEdit(), "Daun Salam")  # not in the list, never chosen
    qtbot.keyClicks(qty, "2")
    form.save()
    qtbot.waitUntil(lambda: "Daun Salam" in form.errors["materials"].text(), timeout=5000)
    assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == before


def where(win: MainWindow, widget: QWidget) -> tuple[int, int, int, int]:
    top_left = widget.mapTo(win, widget.rect().topLeft())
    return top_left.x(), top_left.y(), widget.width(), widget.height()


def test_the_persediaan_banner_does_not_move_the_list(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pages.stock import StockPage

    demo.resize(1366, 768 - 40)
    stock = page(demo, "persediaan")
    assert isinstance(stock, StockPage)
    QApplication.processEvents()
    before = where(demo, stock.table)
    stock.table.selectRow(0)
    qtbot.mouseClick(stock.count_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(stock.count.counted, "1")
    qtbot.mouseClick(stock.count.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert stock.banner.isVisible() and "dicatat" in stock.banner.text()
    assert where(demo, stock.table) == before


def test_a_field_message_does_not_move_the_fields_below(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pages.record import RecordPage

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["beban"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    QApplication.processEvents()
    below = [form.widgets[name] for name in ("via", "date", "memo")]
    before = [where(demo, widget) for widget in below]
    qtbot.keyClicks(form.widgets["amount"], "-5")
    QApplication.processEvents()
    assert form.errors["amount"].isVisible() and "minus" in form.errors["amount"].text()
    assert [where(demo, widget) for widget in below] == before


@pytest.mark.parametrize("kind", ["pembelian-aset", "penjualan-kredit", "produksi"])
def test_simpan_stays_in_sight_in_besar_on_a_small_laptop(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                          kind: str) -> None:
    from desktop.ui.pages.record import RecordPage

    demo.apply_settings(replace(demo.settings, text_size="besar"))
    demo.resize(1366, 768 - 40)
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons[kind], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    form.start_new_item()  # the longest the form gets: its new-item panel open
    qtbot.keyClick(form.widgets["date"], Qt.Key.Key_Return)  # and its messages shown
    QApplication.processEvents()
    assert visible_in_window(demo, form.save_button)


def test_a_full_item_name_then_enter_picks_it(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pages.record import RecordPage

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["penjualan-tunai"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None and form.new_item is not None
    picker = form.widgets["item"]
    qtbot.keyClicks(picker.lineEdit(), "keripik pisang original 250 g")  # type: ignore[attr-defined]
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert picker.current_key() == "KRP-ORI"  # type: ignore[attr-defined]
    assert picker.currentText() == "Keripik Pisang Original 250 g (KRP-ORI)"  # type: ignore[attr-defined]
    assert not form.new_item.isVisibleTo(form)  # not taken for a new item
    assert form.item_info.text().startswith("Stok ")


def locked_out(demo: MainWindow):  # type: ignore[no-untyped-def]
    """The PIN pad after five wrong PINs (the waits between tries skipped)."""
    from dataclasses import replace

    from desktop.books.store import keyfile

    ref = demo.session.business
    assert ref is not None
    demo.lock()
    kunci = keyfile.keyfile_path(ref.file)  # the wrong-PIN count lives in the key file
    for _attempt in range(5):
        keyfile.save(kunci, replace(keyfile.load(kunci), blocked_until=0.0))
        demo.chooser.unlock.emit(demo.chooser.chosen, "0000")
    demo.chooser.unlock.emit(demo.chooser.chosen, "1234")
    return demo.chooser.pad


def test_the_lockout_counts_down_each_second(demo: MainWindow) -> None:
    import re

    pad = locked_out(demo)
    first = int(re.findall(r"(\d+) detik", pad.error.text())[0])
    assert pad._timer is not None and pad._timer.interval() == 1000
    pad._timer.timeout.emit()  # one second passes
    assert f"{first - 1} detik" in pad.error.text()
    for _second in range(first - 1):
        pad._timer.timeout.emit()
    assert pad.error.text() == "Silakan coba lagi." and pad._timer is None


def test_lupa_pin_explains_in_plain_words(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo.lock()
    pad = demo.chooser.pad
    asked: list[bool] = []
    pad.forgot.connect(lambda: asked.append(True))
    button = pad.findChild(QPushButton, "forgot-pin")
    assert button is not None and button.isVisible() and button.text() == "Lupa PIN?"
    assert not pad.forgot_help.isVisible()
    before = where(demo, pad.field)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pad.forgot_help.isVisible() and "kode pemulihan" in pad.forgot_help.text()
    assert asked == [True] and where(demo, pad.field) == before


@pytest.mark.parametrize("size", ["normal", "besar"])
def test_the_pin_screen_shows_the_whole_business_name(demo: MainWindow, size: str) -> None:
    from tests.ui.test_fit import problems

    demo.apply_settings(replace(demo.settings, text_size=size))
    demo.resize(1366, 768 - 40)
    demo.lock()
    QApplication.processEvents()
    assert demo.chooser.pad.prompt.text() == "PIN untuk Keripik Pisang Bu Made"
    card = demo.chooser.group.buttons()[0]
    assert card.fontMetrics().horizontalAdvance(card.text()) <= card.contentsRect().width() - 8
    assert problems(demo) == []


def test_escape_on_the_simpan_row_goes_back(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pages.record import RecordPage

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["beban"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None and not form.isAncestorOf(form.save_button)  # below the scroll
    form.save_button.setFocus()
    qtbot.keyClick(form.save_button, Qt.Key.Key_Escape)
    assert record.stack.currentWidget() is record.menu_scroll
