"""QRIS in Pengaturan (read, confirm, save, remove) and large on the Kasir screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QRadioButton

from desktop.books.qris import get_qris
from desktop.ui.pages.kasir import KasirPage
from desktop.ui.pages.settings_qris import QrisSection
from desktop.ui.windows.main import MainWindow
from tests.books.test_qris import qr_image, qris_payload
from tests.ui.conftest import page
from tests.ui.test_settings_page import click, read, section


def test_the_owner_sees_the_merchant_before_saving_and_the_kasir_shows_it(
        demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    picture = qr_image(qris_payload(), tmp_path / "qris.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(picture), ""))
    qris = section(demo, "qris", QrisSection)
    assert qris.merchant.text() == "Belum ada QRIS" and not qris.remove_button.isEnabled()
    click(qtbot, qris.choose_button)
    assert "WARUNG BU SARI, KARANGASEM. Benar usaha Anda?" in qris.merchant.text()
    assert not qris.picture.pixmap().isNull()
    assert read(demo, get_qris) is None  # shown, not yet saved
    click(qtbot, qris.save_button)
    saved = read(demo, get_qris)
    assert saved is not None and saved.payload == qris_payload()
    assert qris.merchant.text() == "QRIS atas nama WARUNG BU SARI, KARANGASEM"

    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    assert not kasir.qris_picture.isVisible()
    qtbot.mouseClick(kasir.findChild(QRadioButton, "kasir-qris"), Qt.MouseButton.LeftButton)
    assert kasir.qris_picture.isVisible()
    shown = kasir.qris_picture.pixmap()
    assert not shown.isNull() and shown.width() >= 300  # large, for the customer's phone
    qtbot.mouseClick(kasir.findChild(QRadioButton, "kasir-tunai"), Qt.MouseButton.LeftButton)
    assert not kasir.qris_picture.isVisible()


def test_a_picture_that_is_not_qris_is_refused_next_to_the_button(
        demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    picture = qr_image("https://wa.me/6281234567890", tmp_path / "wa.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(picture), ""))
    qris = section(demo, "qris", QrisSection)
    click(qtbot, qris.choose_button)
    label = qris.errors.labels["qris"]
    assert label.isVisible() and "bukan QRIS" in label.text()
    assert not qris.save_button.isVisible()
    assert read(demo, get_qris) is None
    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    qtbot.mouseClick(kasir.findChild(QRadioButton, "kasir-qris"), Qt.MouseButton.LeftButton)
    assert kasir.qris_picture.text() == "Belum ada QRIS; unggah di Pengaturan > QRIS"


def test_a_qris_sale_prints_on_the_system_printer_with_its_code(
        demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from desktop.books.qris import read_qris_image, save_qris
    from desktop.ui.pages import kasir_print
    from desktop.ui.pages.settings_printer import PrinterSection

    paper = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        return printer

    monkeypatch.setattr(kasir_print, "default_printer", pdf_printer)
    demo.session.run(lambda book: save_qris(book, qris_payload()), changes={"settings"})
    printers = section(demo, "printer", PrinterSection)
    printers.kind.setCurrentIndex(printers.kind.findData("system"))
    assert not printers.address.isEnabled()
    click(qtbot, printers.save_button)
    kasir = page(demo, "kasir")
    assert isinstance(kasir, KasirPage)
    qtbot.keyClicks(kasir.code, "KRP-ORI")
    qtbot.keyClick(kasir.code, Qt.Key.Key_Return)
    qtbot.mouseClick(kasir.findChild(QRadioButton, "kasir-qris"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(kasir.code, Qt.Key.Key_F12)
    assert kasir.done.text().startswith("Tercatat"), kasir.error.text()
    assert kasir.error.text() == ""
    assert paper.is_file()
    subprocess.run(["pdfimages", "-png", str(paper), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert pages and read_qris_image(pages[0]).payload == qris_payload()
