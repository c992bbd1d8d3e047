"""Persediaan > Cetak label barcode: a PDF label sheet for the goods without a barcode."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.books.stock import list_items, update_item
from desktop.ui.pages.stock import StockPage
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def in_book(window: MainWindow, work: Any, *changes: str) -> Any:
    out: list[Any] = []
    window.session.run(work, done=out.append, changes=changes)
    return out[0]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_label_sheet_is_saved_for_items_without_a_barcode(
        demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    def barcode_the_first(book: Any) -> tuple[str, list[str]]:
        items = [item for item, _level in list_items(book.conn) if item.active]
        with book.write() as conn:
            update_item(conn, sku=items[0].sku, barcode="8991234567890")
        return items[0].sku, [item.sku for item in items[1:]]

    has_code, without = in_book(demo, barcode_the_first, "stock")
    assert without
    target = tmp_path / "label"  # the dialog's name without .pdf: the page adds it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    stock = page(demo, "persediaan")
    assert isinstance(stock, StockPage)
    qtbot.mouseClick(stock.labels_button, Qt.MouseButton.LeftButton)
    sheet = tmp_path / "label.pdf"
    assert sheet.is_file()
    assert f"Label {len(without)} barang disimpan" in stock.banner.text()
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = set(text.split())
    assert set(without) <= words and has_code not in words


def test_nothing_to_print_when_every_item_has_a_barcode(
        demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    def barcode_all(book: Any) -> None:
        with book.write() as conn:
            for number, (item, _level) in enumerate(list_items(conn)):
                update_item(conn, sku=item.sku, barcode=f"899000000{number:04d}")

    in_book(demo, barcode_all, "stock")
    stock = page(demo, "persediaan")
    assert isinstance(stock, StockPage)
    qtbot.mouseClick(stock.labels_button, Qt.MouseButton.LeftButton)
    assert "Semua barang aktif sudah punya barcode" in stock.banner.text()
