"""A sale paid by QRIS carries the owner's QRIS on its nota: PDF (A5, 58, 80 mm) and ESC/POS."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.escpos import qr_bytes, slip_bytes
from desktop.books.pdf.receipt import write_receipt
from desktop.books.qris import read_qris_image, save_qris
from desktop.books.receipt import receipt_for
from desktop.books.stock import add_item
from tests.books.conftest import post
from tests.books.test_pdf import flat, pdf_text
from tests.books.test_qris import qris_payload

needs_poppler = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="needs poppler")


@pytest.fixture
def shop(book: Book) -> Book:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik Pisang", unit="bks", price=1_500_000)
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@10000"])
    save_qris(book, qris_payload())
    return book


def images(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdfimages", "-png", str(pdf), str(folder / "img")], check=True)
    return sorted(folder.glob("img-*.png"))


@needs_poppler
@pytest.mark.parametrize("size", ["a5", "58mm", "80mm"])
def test_the_qris_nota_holds_a_code_that_scans_to_the_payload(
        shop: Book, size: str, tmp_path: Path) -> None:
    ref = post(shop, "penjualan-tunai", date="2026-03-03", via="qris", lines=["KRP:2"]).ref
    pdf = write_receipt(receipt_for(shop.conn, ref), tmp_path / f"{size}.pdf", size=size)
    assert "QRIS: WARUNG BU SARI" in flat(pdf_text(pdf))
    found = images(pdf, tmp_path)
    assert len(found) == 1
    assert read_qris_image(found[0]).payload == qris_payload()  # a phone can scan the print


@needs_poppler
def test_a_cash_nota_has_no_qris(shop: Book, tmp_path: Path) -> None:
    ref = post(shop, "penjualan-tunai", date="2026-03-03", lines=["KRP:1"]).ref
    receipt = receipt_for(shop.conn, ref)
    assert receipt.qris == ""
    pdf = write_receipt(receipt, tmp_path / "a5.pdf", size="a5")
    assert "QRIS:" not in flat(pdf_text(pdf)) and images(pdf, tmp_path) == []
    assert b"\x1d(k" not in slip_bytes(receipt, size="58mm")


def test_the_thermal_slip_asks_the_printer_to_draw_the_qris(shop: Book) -> None:
    ref = post(shop, "penjualan-tunai", date="2026-03-03", via="qris", lines=["KRP:1"]).ref
    job = slip_bytes(receipt_for(shop.conn, ref), size="80mm")
    payload = qris_payload().encode()
    store = b"\x1d(k" + (len(payload) + 3).to_bytes(2, "little") + b"1P0" + payload
    assert store in job and qr_bytes(qris_payload(), module=8) in job
    assert job.index(b"\x1d(k\x03\x001Q0") > job.index(store)  # stored, then printed
    assert job.index(store) < job.index(b"Terima kasih")
