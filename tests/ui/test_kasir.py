"""The Kasir page, driven by real key clicks: a scanner types codes and Enter, + and - change
the quantity, the owner types the money received and F12 pays; the screen is ready again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QRadioButton

from desktop.books.kasir import printer_setting
from desktop.books.nota import nota_of
from desktop.books.stock import add_item, update_item
from desktop.ui.pages.kasir import KasirPage
from desktop.ui.pages.settings_printer import PrinterSection
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page
from tests.ui.test_settings_page import section


def in_book(window: MainWindow, work: Any, *changes: str) -> Any:
    out: list[Any] = []
    window.session.run(work, done=out.append, changes=changes)
    return out[0]


def test_a_scanned_sale_is_paid_in_cash_and_the_counter_is_ready_again(
        demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    def barcode(book: Any) -> None:
        with book.write() as conn:
            update_item(conn, sku="KRP-ORI", barcode="8991234567890")

    in_book(demo, barcode, "stock")
    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    for code in ("8991234567890", "KRP-CKL", "8991234567890"):  # the scanner types + Enter
        qtbot.keyClicks(kasir.code, code)
        qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    assert [(ln.item.sku, ln.qty) for ln in kasir.cart.lines] == [("KRP-ORI", 2000),
                                                                  ("KRP-CKL", 1000)]
    # 2 x 15.000 + 18.000; the last scan selected the original's line, + takes it to 3
    assert kasir.total.text() == "Rp48.000"
    qtbot.keyClicks(kasir.table, "+")
    assert kasir.total.text() == "Rp63.000"
    kasir.table.selectRow(1)
    minus = kasir.findChild(QPushButton, "kasir-minus")
    assert minus is not None
    qtbot.mouseClick(minus, Qt.MouseButton.LeftButton)
    assert [ln.item.sku for ln in kasir.cart.lines] == ["KRP-ORI"]
    qtbot.keyClicks(kasir.code, "KRP-CKL")
    qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    assert kasir.total.text() == "Rp63.000"  # 3 x 15.000 + 18.000
    qtbot.keyClicks(kasir.received, "100000")
    assert kasir.change.text() == "Kembalian Rp37.000"
    qtbot.keyClick(kasir.received, Qt.Key.Key_F12)
    assert "kembalian Rp37.000" in kasir.done.text(), kasir.error.text()
    ref = kasir.done.text().split()[1].rstrip(":")
    # ready for the next customer: empty cart, zero total, cursor in the code field
    assert kasir.cart.lines == [] and kasir.total.text() == "Rp0"
    assert kasir.received.text() == "" and kasir.window().focusWidget() is kasir.code
    shown = in_book(demo, lambda book: nota_of(book.conn, ref).to_json())
    assert shown["channel"] == "toko" and shown["total"] == "63000.00"
    assert [(ln["sku"], ln["qty"]) for ln in shown["lines"]] == [("KRP-ORI", "3"),
                                                                 ("KRP-CKL", "1")]


def test_qris_needs_no_cash_and_short_cash_is_refused(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    qtbot.keyClicks(kasir.code, "KRP-CKL")
    qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    qtbot.keyClicks(kasir.received, "10000")
    qtbot.keyClick(kasir.received, Qt.Key.Key_Return)
    assert "kurang dari total Rp18.000" in kasir.error.text() and kasir.cart.lines
    qris = kasir.findChild(QRadioButton, "kasir-qris")
    assert qris is not None
    qtbot.mouseClick(qris, Qt.MouseButton.LeftButton)
    assert not kasir.received.isEnabled()
    qtbot.keyClick(kasir.code, Qt.Key.Key_F12)
    assert kasir.done.text().startswith("Tercatat PT-") and not kasir.cart.lines
    ref = kasir.done.text().split()[1].rstrip(":")
    lines = in_book(demo, lambda book: book.conn.execute(
        "SELECT l.account, l.debit FROM line l JOIN entry e ON e.seq = l.entry_seq "
        "WHERE e.ref = ? AND l.line_no = 1", (ref,)).fetchone())
    assert lines == ("1103", 1_800_000)
    qtbot.keyClicks(kasir.code, "TIDAK-ADA")
    qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    assert "'TIDAK-ADA' tidak ada" in kasir.error.text()


def test_three_scanned_lines_print_on_the_dummy_thermal_printer(
        demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.books.test_escpos import DummyPrinter

    printer = DummyPrinter()
    printers = section(demo, "printer", PrinterSection)  # chosen in Pengaturan, per PC
    printers.kind.setCurrentIndex(printers.kind.findData("network"))
    qtbot.keyClicks(printers.address, f"127.0.0.1:{printer.port}")
    printers.paper.setCurrentText("80mm")
    qtbot.mouseClick(printers.save_button, Qt.MouseButton.LeftButton)
    printers.address.clear()
    printers.refresh()  # read back from the books
    assert printers.address.text() == f"127.0.0.1:{printer.port}"
    assert printers.paper.currentText() == "80mm"
    assert in_book(demo, lambda book: printer_setting(book.conn)) == \
        (f"tcp://127.0.0.1:{printer.port}", "80mm")
    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    def sambal(book: Any) -> None:
        with book.write() as conn:
            add_item(conn, sku="SMB", name="Sambal Matah Bu Made", unit="btl",
                     price=2_000_000, barcode="8990000000017")

    in_book(demo, sambal, "stock")
    skus = ("KRP-ORI", "KRP-CKL", "SMB")
    for code in ("KRP-ORI", "KRP-CKL", "8990000000017"):  # the last one as a scanner types it
        qtbot.keyClicks(kasir.code, code)
        qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    assert len(kasir.cart.lines) == 3
    qtbot.keyClick(kasir.code, Qt.Key.Key_F12)
    assert kasir.done.text().startswith("Tercatat"), kasir.error.text()
    printer.thread.join(5)
    names = in_book(demo, lambda book: [r[0] for r in book.conn.execute(
        "SELECT name FROM item WHERE sku IN (?, ?, ?)", skus)])
    text = printer.received.decode("cp437")
    assert printer.received.startswith(b"\x1b@") and printer.received.endswith(b"\x1dV\x42\x03")
    for name in names:
        assert name[:20] in " ".join(text.split()), name
    assert kasir.error.text() == ""


def test_closing_the_till_books_the_shortage(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.books.totals import account_balance

    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    expected = in_book(demo, lambda book: account_balance(book.conn, "1101"))
    counted = expected - 500_000  # Rp5.000 short
    qtbot.keyClicks(kasir.counted, str(counted // 100))
    qtbot.keyClicks(kasir.reason, "salah kembalian")
    close = kasir.findChild(QPushButton, "kasir-close")
    assert close is not None
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert "selisih (Rp5.000) dicatat (JU-" in kasir.done.text(), kasir.error.text()
    assert in_book(demo, lambda book: account_balance(book.conn, "1101")) == counted
