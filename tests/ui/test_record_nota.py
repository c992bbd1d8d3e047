"""Catat Transaksi takes several lines on one nota, typed, with a discount and a channel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.books.nota import nota_of
from desktop.ui.pages.record import RecordPage
from desktop.ui.widgets.nota_lines import NotaLinesEditor
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def test_a_sale_of_three_lines_from_the_catat_form(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["penjualan-tunai"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "KRP-ORI")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["qty"], "2")
    editor = form.widgets["lines"]
    assert isinstance(editor, NotaLinesEditor)
    add = editor.findChild(QPushButton, "add-line")
    assert add is not None
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    second = editor.lines[0]
    qtbot.keyClicks(second.picker.lineEdit(), "KRP-CKL")
    second._picked()  # the completer's choice, as a click in its list would make it
    assert second.price.text() == "18.000"  # the item's sell price comes in
    qtbot.keyClicks(second.discount, "3000")
    third = editor.add_line()
    qtbot.keyClicks(third.picker.lineEdit(), "Ongkos antar")  # not an item: a service
    qtbot.keyClicks(third.price, "5000")
    qtbot.keyClicks(editor.discount, "1000")
    editor.channel.setCurrentIndex(editor.channel.findData("whatsapp"))
    qtbot.keyClick(form.widgets["qty"], Qt.Key.Key_Return)
    assert "(" in record.banner.text(), form.general.text()
    ref = record.banner.text().rsplit("(", 1)[1].rstrip(")")
    # 2 x 15.000 + (18.000 - 3.000) + 5.000 - 1.000 = 49.000
    assert "Rp49.000" in record.banner.text()
    shown = demo.session._book and nota_of(demo.session._book.conn, ref).to_json()  # type: ignore[union-attr]
    assert shown["channel"] == "whatsapp" and shown["total"] == "49000.00"
    assert [(ln["sku"], ln["qty"], ln["discount"]) for ln in shown["lines"]] == [
        ("KRP-ORI", "2", "0.00"), ("KRP-CKL", "1", "3000.00"), ("*Ongkos antar", "1", "0.00")]
    assert editor.lines == [] and editor.discount.text() == ""  # ready for the next nota
