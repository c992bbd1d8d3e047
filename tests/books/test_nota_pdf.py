"""The printed nota (A5, 58 mm, 80 mm) and the kuitansi list every line of a nota."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.pdf.receipt import write_receipt
from desktop.books.receipt import receipt_for
from desktop.books.stock import add_item
from tests.books.conftest import post
from tests.books.test_pdf import flat, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


@pytest.fixture
def sold(book: Book) -> str:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik Pisang", unit="bks", price=1_500_000)
        add_item(conn, sku="SMB", name="Sambal Matah", unit="btl", price=2_000_000)
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@10000", "SMB:5@12000"])
    return post(book, "penjualan-tunai", date="2026-03-03", via="qris",
                lines=["KRP:3", "SMB:1-2000", "*Ongkir:1@5000"], discount="1000").ref


@pytest.mark.parametrize("size", ["a5", "58mm", "80mm"])
def test_every_line_is_printed(book: Book, sold: str, size: str, tmp_path: Path) -> None:
    path = write_receipt(receipt_for(book.conn, sold), tmp_path / f"{size}.pdf", size=size)
    text = flat(pdf_text(path))
    for name in ("Keripik Pisang", "Sambal Matah", "Ongkir"):
        assert name in text
    assert "Potongan nota (Rp1.000)" in text
    # 45.000 + 18.000 + 5.000 - 1.000
    assert "Rp67.000" in text and "Enam puluh tujuh ribu rupiah" in text
    if size == "a5":
        assert "Sambal Matah 1 btl Rp20.000 Rp2.000 Rp18.000" in text
    else:
        assert "3 bks x Rp15.000 Rp45.000" in text and "potongan (Rp2.000)" in text


def test_the_kuitansi_of_a_sale_lists_its_lines(book: Book, sold: str, tmp_path: Path) -> None:
    receipt = receipt_for(book.conn, sold, kuitansi=True)
    assert receipt.title == "KUITANSI" and receipt.total == 6_700_000
    text = flat(pdf_text(write_receipt(receipt, tmp_path / "k.pdf")))
    assert "KUITANSI" in text and "Keripik Pisang 3 bks Rp15.000 – Rp45.000" in text
    assert "Ongkir 1 Rp5.000 – Rp5.000" in text
