"""A first-time owner over 50: every way the books could take a wrong amount asks her first.

Each test is one item of issue 14's "Why", driven with key and mouse clicks on real widgets.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QRadioButton

from desktop.books.stock import get_item, stock_level
from desktop.ui.pages.record import RecordPage
from desktop.ui.pages.record_form import FormPanel
from desktop.ui.widgets.dates import DateField
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def books(win: MainWindow):  # type: ignore[no-untyped-def]
    return win.session._book


def entries(win: MainWindow) -> int:
    return int(books(win).conn.execute("SELECT count(*) FROM entry").fetchone()[0])


def open_form(win: MainWindow, qtbot, kind: str) -> tuple[RecordPage, FormPanel]:  # type: ignore[no-untyped-def]
    record = page(win, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons[kind], Qt.MouseButton.LeftButton)
    assert record.form is not None
    return record, record.form


def test_a_huge_amount_asks_first_and_warnings_show_rupiah(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record, form = open_form(demo, qtbot, "beban")
    count = entries(demo)
    qtbot.keyClicks(form.widgets["amount"], "999999999999999")
    qtbot.keyClick(form.widgets["amount"], Qt.Key.Key_Return)
    assert entries(demo) == count  # nothing changed without her yes
    assert form.confirm.isVisibleTo(form)
    assert "Apakah benar Rp999.999.999.999.999?" in form.confirm.text.text()
    qtbot.mouseClick(form.confirm.no, Qt.MouseButton.LeftButton)
    assert entries(demo) == count and not form.confirm.isVisibleTo(form)
    qtbot.keyClick(form.widgets["amount"], Qt.Key.Key_Return)
    qtbot.keyClick(form.confirm.yes, Qt.Key.Key_Return)  # Enter answers yes
    assert entries(demo) == count + 1
    warning = record.banner.text()
    assert "Saldo Kas menjadi minus Rp" in warning and "999999" not in warning


def test_a_minus_sign_is_refused_visibly(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record, form = open_form(demo, qtbot, "beban")
    qtbot.keyClicks(form.widgets["amount"], "-75000")
    assert form.widgets["amount"].text() == "75.000"  # type: ignore[attr-defined]
    assert "minus" in form.errors["amount"].text() and form.errors["amount"].isVisibleTo(form)


def test_quantities_accept_only_numbers(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record, form = open_form(demo, qtbot, "penjualan-tunai")
    qtbot.keyClicks(form.widgets["qty"], "-3abc")
    assert form.widgets["qty"].text() == "3"  # type: ignore[attr-defined]
    assert "hanya angka" in form.errors["qty"].text()


def test_a_date_ahead_or_long_ago_asks_first(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                             today: dt.date) -> None:
    _record, form = open_form(demo, qtbot, "beban")
    count = entries(demo)
    qtbot.keyClicks(form.widgets["amount"], "50000")
    date = form.widgets["date"]
    assert isinstance(date, DateField)
    for day, words in ((today + dt.timedelta(days=365), "belum tiba"),
                       (today - dt.timedelta(days=400), "lebih dari setahun")):
        date.set_day(day)
        qtbot.keyClick(date, Qt.Key.Key_Return)  # Enter in the date field saves ...
        assert words in form.confirm.text.text()  # ... after asking
        assert entries(demo) == count
        qtbot.keyClick(form.confirm.yes, Qt.Key.Key_Escape)
    date.set_day(today)
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert entries(demo) == count + 1


def test_date_fields_use_indonesian_month_names(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                today: dt.date) -> None:
    _record, form = open_form(demo, qtbot, "beban")
    date = form.widgets["date"]
    assert isinstance(date, DateField)
    date.set_day(dt.date(today.year, 12, 5))
    assert date.text() == f"5 Des {today.year}"


def test_a_new_item_is_added_from_the_purchase_form(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record, form = open_form(demo, qtbot, "pembelian-persediaan")
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "Gula Aren Cetak")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["qty"], "5")
    qtbot.keyClicks(form.widgets["amount"], "90000")
    qtbot.keyClick(form.widgets["amount"], Qt.Key.Key_Return)
    panel = form.new_item
    assert panel is not None and panel.isVisibleTo(form)  # no dead end, no leaving the form
    assert panel.name.text() == "Gula Aren Cetak"
    qtbot.keyClicks(panel.unit, "kg")
    qtbot.keyClick(panel.unit, Qt.Key.Key_Return)
    item = get_item(books(demo).conn, "GULA-AREN-CETAK")
    assert item.name == "Gula Aren Cetak" and item.unit == "kg"
    assert form.widgets["qty"].text() == "5"  # type: ignore[attr-defined]  # what she typed stays
    qtbot.keyClick(form.widgets["qty"], Qt.Key.Key_Return)
    assert "Tercatat: Beli barang / bahan Rp90.000" in record.banner.text()
    assert stock_level(books(demo).conn, item.id).qty == 5000


def test_the_banner_does_not_move_the_tiles(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    tile = record.buttons["beban"]
    before = tile.mapTo(demo, tile.rect().topLeft())
    form = record.open_form("setoran-modal")
    qtbot.keyClicks(form.widgets["amount"], "10000")
    qtbot.keyClick(form.widgets["amount"], Qt.Key.Key_Return)
    assert "Tercatat" in record.banner.text()
    qtbot.keyClick(form.widgets["amount"], Qt.Key.Key_Escape)  # Escape goes back
    assert record.stack.currentWidget() is record.menu_scroll
    assert tile.mapTo(demo, tile.rect().topLeft()) == before


def test_the_stock_hint_is_fresh_after_saving_and_keeps_its_place(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record, form = open_form(demo, qtbot, "penjualan-tunai")
    qty_field = form.widgets["qty"]
    top = qty_field.mapTo(form, qty_field.rect().topLeft())
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "KRP-ORI")  # type: ignore[attr-defined]
    assert qty_field.mapTo(form, qty_field.rect().topLeft()) == top  # the hint did not push it
    level = stock_level(books(demo).conn, get_item(books(demo).conn, "KRP-ORI").id).qty
    qtbot.keyClicks(qty_field, "2")
    qtbot.keyClick(qty_field, Qt.Key.Key_Return)
    assert f"Stok {(level - 2000) // 1000} bks" in form.item_info.text()


def test_supplier_is_not_optional_on_credit(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record, form = open_form(demo, qtbot, "pembelian-persediaan")
    label = form.form.labelForField(form.widgets["party"].parentWidget())
    assert isinstance(label, QLabel) and "boleh kosong" in label.text()
    credit = form.widgets["via"].findChild(QRadioButton, "via-utang")
    assert credit is not None
    qtbot.mouseClick(credit, Qt.MouseButton.LeftButton)
    assert "boleh kosong" not in label.text()


def test_expense_kinds_are_named_without_codes(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _record, form = open_form(demo, qtbot, "beban")
    combo = form.widgets["account"]
    names = [combo.itemText(i) for i in range(combo.count())]  # type: ignore[attr-defined]
    assert "Usaha Lain-lain" in names and not any(name[:1].isdigit() for name in names)


def test_enter_saves_from_the_supplier_picker(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record, form = open_form(demo, qtbot, "bayar-utang")
    picker = form.widgets["party"]
    first = picker.itemText(0)  # type: ignore[attr-defined]
    picker.setEditText(first)  # type: ignore[attr-defined]
    form._picked("party")
    count = entries(demo)
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    if form.confirm.isVisibleTo(form):
        qtbot.keyClick(form.confirm.yes, Qt.Key.Key_Return)
    assert entries(demo) == count + 1 and "Bayar utang" in record.banner.text()


def test_a_cash_sale_takes_at_most_five_actions_from_beranda(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert demo.workspace is not None and demo.workspace.current().key == "beranda"
    count, actions = entries(demo), 0
    qtbot.mouseClick(demo.workspace.buttons["catat"], Qt.MouseButton.LeftButton)
    actions += 1
    record = demo.workspace.current()
    assert isinstance(record, RecordPage)
    qtbot.keyClick(record.buttons["penjualan-tunai"], Qt.Key.Key_Return)  # Enter opens a tile
    actions += 1
    form = record.form
    assert form is not None
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "KRP-ORI")  # type: ignore[attr-defined]
    actions += 1
    qtbot.keyClick(form.widgets["item"].lineEdit(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    actions += 1
    if entries(demo) == count:  # Enter chose from the list; one more Enter saves
        qtbot.keyClick(form.widgets["qty"], Qt.Key.Key_Return)
        actions += 1
    assert entries(demo) == count + 1 and actions <= 5
    assert "Tercatat: Penjualan tunai" in record.banner.text()


def test_codes_and_debit_credit_only_with_the_pendamping_switch(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from desktop.ui.pages.cashbook import CashbookPage
    from desktop.ui.pages.settings_display import DisplaySection

    assert demo.settings.pendamping is False
    cashbook = page(demo, "kas-bank")
    assert isinstance(cashbook, CashbookPage)
    cashbook.table.selectRow(0)
    assert cashbook.detail.current is not None and not cashbook.detail.lines.isVisibleTo(cashbook)
    settings = page(demo, "pengaturan")
    section = settings.show_section("tampilan")  # type: ignore[attr-defined]
    assert isinstance(section, DisplaySection)
    assert "pendamping" in section.pendamping.text() and not section.pendamping.isChecked()
    demo.apply_settings(replace(demo.settings, pendamping=True))
    cashbook = page(demo, "kas-bank")
    assert isinstance(cashbook, CashbookPage)
    cashbook.table.selectRow(0)
    assert cashbook.detail.lines.isVisibleTo(cashbook)
    assert cashbook.detail.lines.horizontalHeaderItem(1).text() == "Debit"
    _record, form = open_form(demo, qtbot, "beban")
    combo = form.widgets["account"]
    assert "5299 Beban Usaha Lain-lain" in [combo.itemText(i)  # type: ignore[attr-defined]
                                           for i in range(combo.count())]  # type: ignore[attr-defined]


def test_switching_language_and_business_leaves_no_dead_labels(demo: MainWindow,  # type: ignore[no-untyped-def]
                                                               qtbot) -> None:
    import gc
    import sys
    from dataclasses import replace

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    raised: list[BaseException] = []
    previous = sys.excepthook
    sys.excepthook = lambda kind, exc, tb: raised.append(exc)
    try:
        for lang in ("en", "id"):
            demo.apply_settings(replace(demo.settings, language=lang))
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            gc.collect()
            assert demo.session.sync is not None
            demo.session.sync.refresh()  # the runner speaks: only living widgets listen
        demo.switch()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        demo.open_demo()
        assert demo.session.sync is not None
        demo.session.sync.refresh()
    finally:
        sys.excepthook = previous
    assert not [e for e in raised if "already deleted" in str(e)]


def test_the_log_folder_is_made_where_the_readme_says(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import errors

    errors.set_log_dir(tmp_path)
    assert (tmp_path / "logs").is_dir()
    where = errors.log_unexpected(ValueError("boom: Bu Sari, Rp1.250.000"))
    assert where == str(tmp_path / "logs" / "lumbung.log")
    logged = (tmp_path / "logs" / "lumbung.log").read_text(encoding="utf-8")
    assert "builtins.ValueError" in logged and "Bu Sari" not in logged  # no book data


def test_panduan_shows_each_task_and_prints_it_on_one_page(demo: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import re

    from desktop.books.guides import GUIDES
    from desktop.ui.pages.guide import GuidePage

    guide_page = page(demo, "panduan")
    assert isinstance(guide_page, GuidePage) and guide_page.list.count() == len(GUIDES) == 6
    titles = [guide_page.list.item(i).text() for i in range(guide_page.list.count())]
    assert "Mencatat penjualan" in titles and "Cadangan ke flash disk" in titles
    guide_page.list.setCurrentRow(titles.index("Mencatat penjualan"))
    assert guide_page.steps.text().startswith("1. Klik Catat Transaksi")
    target = tmp_path / "panduan.pdf"
    guide_page.save_pdf(target)
    pages = re.findall(rb"/Type\s*/Page\b", target.read_bytes())
    assert len(pages) == 1


def test_each_form_gives_one_plain_hint_the_first_time(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record, form = open_form(demo, qtbot, "penjualan-tunai")
    assert form.first_hint.isVisibleTo(form) and "Enter" in form.first_hint.text()
    assert "penjualan-tunai" in demo.settings.seen_hints
    record.forms.clear()  # a fresh form of the same kind: no hint the second time
    _record, again = open_form(demo, qtbot, "penjualan-tunai")
    assert again is not form and not again.first_hint.isVisibleTo(again)


def test_a_laba_rugi_pdf_for_this_month_takes_at_most_six_actions(  # type: ignore[no-untyped-def]
        demo: MainWindow, qtbot, tmp_path, monkeypatch, today: dt.date) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.pages.reports import ReportsPage

    target = tmp_path / "laba-rugi-bulan-ini.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a: (str(target), "")))
    assert demo.workspace is not None
    actions = 0
    qtbot.mouseClick(demo.workspace.buttons["laporan"], Qt.MouseButton.LeftButton)
    actions += 1
    reports = demo.workspace.current()
    assert isinstance(reports, ReportsPage)
    names = [reports.chooser.item(i).text() for i in range(reports.chooser.count())]
    row = names.index("Laba Rugi")
    rect = reports.chooser.visualItemRect(reports.chooser.item(row))
    qtbot.mouseClick(reports.chooser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    actions += 1
    quick = reports.period.quick
    quick.setCurrentIndex(quick.findData("bulan-ini"))  # open the list and pick: two clicks
    actions += 2
    assert reports.period.dates() == (today.replace(day=1), today)
    qtbot.mouseClick(reports.pdf_button, Qt.MouseButton.LeftButton)
    actions += 1
    actions += 1  # Simpan in the save dialog (answered above)
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    assert Path(target).stat().st_size > 1000 and actions <= 6
    assert reports.view.isVisible()  # and the screen shows the same month as the PDF
    assert reports._shown_request is not None and reports._shown_request.args.start == today.replace(day=1)
