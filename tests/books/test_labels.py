"""A sheet of Code128 labels for goods without a barcode; the kasir reads them as the SKU."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.pdf.labels import needs_label, write_labels
from desktop.books.stock import add_item, find_by_code, list_items
from tests.books.test_pdf import flat, page_count, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def test_labels_for_goods_without_a_barcode(book: Book, tmp_path: Path) -> None:
    with book.write() as conn:
        add_item(conn, sku="KRP-ORI", name="Keripik Pisang Original", unit="bks",
                 price=1_500_000)
        add_item(conn, sku="SMB", name="Sambal Matah", unit="btl", price=2_000_000)
        add_item(conn, sku="KOPI", name="Kopi Bubuk", unit="bks", price=2_500_000,
                 barcode="8991234567890")
    items = needs_label([item for item, _ in list_items(book.conn)])
    assert [i.sku for i in items] == ["KRP-ORI", "SMB"]  # KOPI has its own barcode
    path = write_labels(items, tmp_path / "label.pdf", copies=13)  # 26 labels: two pages
    assert page_count(path) == 2
    text = flat(pdf_text(path))
    assert text.count("Keripik Pisang Original") == 13 and text.count("Rp20.000") == 13
    assert "KRP-ORI" in text  # the human-readable line under the bars
    assert find_by_code(book.conn, "KRP-ORI").name == "Keripik Pisang Original"
