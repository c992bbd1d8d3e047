"""Printed nota and kuitansi: A5 and the 58 mm thermal strip, figures from the posted entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.errors import InputError
from desktop.books.ledger import reverse_entry
from desktop.books.pdf.receipt import STRIP_MARGIN, write_receipt
from desktop.books.receipt import receipt_for, terbilang
from desktop.books.stock import add_item
from tests.books.conftest import post
from tests.books.test_pdf import (
    Json,
    boxes,
    find_rows,
    flat,
    lumbung,
    money,
    page_count,
    pdf_text,
    qty,
    reading_text,
    render,
    run,
    words_outside,
)

PIN = "2468"
A5_MARGIN = 12 * mm  # write_receipt's margin on A5
CUSTOMER = "Toko Oleh-oleh Sidemen"


@pytest.fixture(scope="module")
def toko(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Book, dict[str, str]]]:
    """A shop with an item, and one entry of each kind a slip is (or is not) printed for."""
    data_dir = tmp_path_factory.mktemp("toko")
    ref = create_business(data_dir, name="Warung Keripik Bu Sari", pin=PIN, owner="Ni Ketut Sari",
                          address="Banjar Tabola", desa="Sidemen", kabupaten="Karangasem",
                          phone="081234567890")
    book = open_business(data_dir, ref.id, PIN)
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik Pisang 250 g", unit="bks", price=1_500_000)
    post(book, "pembelian-persediaan", date="2026-03-01", item="KRP", qty=100, amount=800_000)
    refs = {
        "tunai": post(book, "penjualan-tunai", date="2026-03-02", item="KRP", qty=12,
                      amount=180_000).ref,
        "qris": post(book, "penjualan-tunai", date="2026-03-03", item="KRP", qty=2, amount=36_000,
                     via="qris").ref,
        "kredit": post(book, "penjualan-kredit", date="2026-03-04", item="KRP", qty=50,
                       amount=750_000, party=CUSTOMER, due="2026-04-01").ref,
        "batal": post(book, "penjualan-tunai", date="2026-03-05", item="KRP", qty=1,
                      amount=15_000).ref,
        "beban": post(book, "beban", date="2026-03-06", amount=45_000, account="5203").ref,
        "tanpa-barang": post(book, "penjualan-tunai", date="2026-03-07", amount=1_250_000,
                             memo="Pesanan tumpeng untuk odalan").ref,
        "terima": post(book, "terima-piutang", date="2026-03-20", amount=500_000,
                       party=CUSTOMER).ref,
    }
    with book.write() as conn:
        refs["pembatalan"] = reverse_entry(conn, ref=refs["batal"], reason="Salah input",
                                           device_id=book.device_id).ref
    yield book, refs
    book.close()


def page_size(path: Path) -> tuple[float, float]:
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(path)))
    assert match, path
    return float(match.group(1)), float(match.group(2))


def slip(toko: tuple[Book, dict[str, str]], key: str, size: str, tmp_path: Path) -> Path:
    book, refs = toko
    return write_receipt(receipt_for(book.conn, refs[key]), tmp_path / f"{key}-{size}.pdf",
                         size=size)


def test_terbilang_writes_amounts_in_indonesian_words() -> None:
    assert terbilang(125_000_000) == "Satu juta dua ratus lima puluh ribu rupiah"
    assert terbilang(75_000_000) == "Tujuh ratus lima puluh ribu rupiah"
    assert terbilang(2_500_050) == "Dua puluh lima ribu rupiah lima puluh sen"


def test_cash_sale_nota_a5_shows_item_quantity_price_total_and_words(
        toko: tuple[Book, dict[str, str]], tmp_path: Path) -> None:
    book, refs = toko
    data: Json = receipt_for(book.conn, refs["tunai"]).to_json()
    assert (data["payment"], data["total"], data["terbilang"]) == (
        "Tunai", "180000.00", "Seratus delapan puluh ribu rupiah")
    path = slip(toko, "tunai", "a5", tmp_path)
    assert page_count(path) == 1 and page_size(path) == pytest.approx(A5, abs=0.1)
    text = pdf_text(path)
    [line] = data["lines"]
    assert (line["qty"], line["price"]) == ("12", "15000.00")
    assert find_rows(text, line["name"], 4) == [[qty(line["qty"]), line["unit"], money(line["price"]),
                                                  money(line["amount"])]]
    assert find_rows(text, "Jumlah", 1) == [[money(data["total"])]]
    shown = flat(text)
    for part in ("Warung Keripik Bu Sari Banjar Tabola, Desa Sidemen, Karangasem Telp/WA 081234567890",
                 f"NOTA PENJUALAN No. {refs['tunai']} · 2 Maret 2026",
                 "Barang Jumlah Satuan Harga Subtotal",
                 "Terbilang: Seratus delapan puluh ribu rupiah Pembayaran: Tunai", "Ni Ketut Sari"):
        assert part in shown
    assert "jatuh tempo" not in shown and "dibatalkan" not in shown.lower()
    assert words_outside(path, A5_MARGIN) == []


def test_qris_sale_on_a_58mm_strip_that_fits_its_content(toko: tuple[Book, dict[str, str]],
                                                         tmp_path: Path) -> None:
    book, refs = toko
    data: Json = receipt_for(book.conn, refs["qris"]).to_json()
    assert data["payment"] == "QRIS" and data["terbilang"] == "Tiga puluh enam ribu rupiah"
    path = slip(toko, "qris", "58mm", tmp_path)
    width, height = page_size(path)
    assert page_count(path) == 1 and width == pytest.approx(58 * mm, abs=0.1)
    [line] = data["lines"]
    detail = f"{qty(line['qty'])} {line['unit']} x {money(line['price'])}"
    assert detail == "2 bks x Rp18.000"
    assert find_rows(pdf_text(path), detail, 1) == [[money(line["amount"])]]
    assert find_rows(pdf_text(path), "TOTAL", 1) == [[money(data["total"])]]
    shown = reading_text(path)
    for part in ("Warung Keripik Bu Sari", f"NOTA PENJUALAN {refs['qris']} 3 Mar 2026",
                 "Keripik Pisang 250 g", "Pembayaran: QRIS Tiga puluh enam ribu rupiah",
                 "Terima kasih"):
        assert part in shown
    [(_w, _h, words)] = boxes(path)
    top, bottom = min(w.y0 for w in words), max(w.y1 for w in words)
    assert top >= STRIP_MARGIN - 0.5 and bottom <= height - STRIP_MARGIN  # nothing cut off
    assert height - bottom < STRIP_MARGIN + 12 * mm  # and no long blank tail of paper
    assert words_outside(path, STRIP_MARGIN) == []


@pytest.mark.parametrize("size", ["a5", "58mm"])
def test_credit_sale_names_the_customer_and_the_due_date(toko: tuple[Book, dict[str, str]],
                                                         tmp_path: Path, size: str) -> None:
    book, refs = toko
    data: Json = receipt_for(book.conn, refs["kredit"]).to_json()
    assert (data["payment"], data["due"], data["party"]) == ("Kredit", "2026-04-01", CUSTOMER)
    shown = reading_text(slip(toko, "kredit", size, tmp_path))
    for part in (f"Kepada: {CUSTOMER}", "Pembayaran: Kredit, jatuh tempo 1 April 2026",
                 "Tujuh ratus lima puluh ribu rupiah", money(data["total"])):
        assert part in shown
    if size == "58mm":
        assert "50 bks x Rp15.000 Rp750.000" in shown


def test_payment_received_prints_a_kuitansi(toko: tuple[Book, dict[str, str]], tmp_path: Path) -> None:
    book, refs = toko
    data: Json = receipt_for(book.conn, refs["terima"]).to_json()
    assert (data["title"], data["total"], data["party"]) == ("KUITANSI", "500000.00", CUSTOMER)
    a5 = reading_text(slip(toko, "terima", "a5", tmp_path))
    for part in (f"KUITANSI No. {refs['terima']} · 20 Maret 2026",
                 f"Sudah terima dari {CUSTOMER}", "Uang sejumlah Lima ratus ribu rupiah",
                 f"Untuk pembayaran Terima pembayaran piutang dari {CUSTOMER}",
                 "Jumlah Rp500.000", "Pembayaran: Tunai"):
        assert part in a5
    assert "Terbilang:" not in a5 and "NOTA" not in a5
    strip = reading_text(slip(toko, "terima", "58mm", tmp_path))
    for part in (f"KUITANSI {refs['terima']}", f"Dari: {CUSTOMER}", "TOTAL Rp500.000",
                 "Lima ratus ribu rupiah"):
        assert part in strip


def test_sale_without_an_item_prints_its_memo_and_amount(toko: tuple[Book, dict[str, str]],
                                                        tmp_path: Path) -> None:
    book, refs = toko
    data: Json = receipt_for(book.conn, refs["tanpa-barang"]).to_json()
    assert data["lines"] == [{"name": "Pesanan tumpeng untuk odalan", "qty": None, "unit": "",
                              "price": None, "discount": "0.00", "amount": "1250000.00"}]
    shown = reading_text(slip(toko, "tanpa-barang", "a5", tmp_path))
    assert "Pesanan tumpeng untuk odalan Rp1.250.000 Jumlah Rp1.250.000" in shown
    assert "Terbilang: Satu juta dua ratus lima puluh ribu rupiah" in shown


@pytest.mark.parametrize("size", ["a5", "58mm"])
def test_cancelled_sale_is_marked_dibatalkan(toko: tuple[Book, dict[str, str]], tmp_path: Path,
                                             size: str) -> None:
    book, refs = toko
    assert receipt_for(book.conn, refs["batal"]).cancelled_by == refs["pembatalan"]
    shown = reading_text(slip(toko, "batal", size, tmp_path))
    assert "DIBATALKAN" in shown
    assert (f"Transaksi ini dibatalkan oleh {refs['pembatalan']}." if size == "a5"
            else f"DIBATALKAN ({refs['pembatalan']})") in shown


def test_only_sales_and_payments_received_get_a_slip(toko: tuple[Book, dict[str, str]],
                                                     tmp_path: Path) -> None:
    book, refs = toko
    for key in ("beban", "pembatalan"):
        with pytest.raises(InputError) as caught:
            receipt_for(book.conn, refs[key])
        assert refs[key] in str(caught.value) and caught.value.field == "ref"
    done = lumbung(book, "nota", refs["beban"], "--pdf", str(tmp_path / "beban.pdf"), pin=PIN)
    assert done.returncode == 2 and refs["beban"] in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_nota_58mm_writes_the_strip_and_refuses_an_unwritable_path(
        toko: tuple[Book, dict[str, str]], tmp_path: Path) -> None:
    book, refs = toko
    target = tmp_path / "nota.pdf"
    done = lumbung(book, "nota", refs["kredit"], "--size", "58mm", "--pdf", str(target), pin=PIN)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:5] == b"%PDF-" and page_count(target) == 1
    assert page_size(target)[0] == pytest.approx(58 * mm, abs=0.1)
    assert f"Kepada: {CUSTOMER}" in reading_text(target)
    missing = tmp_path / "tidak-ada" / "nota.pdf"
    done = lumbung(book, "nota", refs["kredit"], "--size", "58mm", "--pdf", str(missing), pin=PIN)
    assert done.returncode == 2 and str(missing) in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nota.pdf"]


def test_render_slips_for_review(toko: tuple[Book, dict[str, str]], tmp_path: Path) -> None:
    made = []
    for key, size, name in (("tunai", "a5", "nota-a5"), ("terima", "a5", "kuitansi-a5"),
                            ("kredit", "58mm", "nota-kredit-58mm"), ("qris", "58mm", "nota-qris-58mm"),
                            ("terima", "58mm", "kuitansi-58mm"), ("batal", "a5", "nota-dibatalkan-a5"),
                            ("batal", "58mm", "nota-dibatalkan-58mm")):
        made += render(slip(toko, key, size, tmp_path), name)
    assert [p.name for p in made] == [
        "nota-a5.png", "kuitansi-a5.png", "nota-kredit-58mm.png", "nota-qris-58mm.png",
        "kuitansi-58mm.png", "nota-dibatalkan-a5.png", "nota-dibatalkan-58mm.png"]
    for png in made:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000, png
