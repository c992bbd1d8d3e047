"""Issue 12 defect 4: only cash moves the arus kas, classified by what it paid for."""

from __future__ import annotations

import datetime as dt

from desktop.books.book import Book
from desktop.books.journal import post_journal
from desktop.books.reports.flows import arus_kas
from tests.books.conftest import post

JT = 1_000_000 * 100  # one juta rupiah in sen
D = dt.date


def flows(book: Book) -> dict[str, int]:
    report = arus_kas(book.conn, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert report.saldo_awal + report.kenaikan_bersih == report.saldo_akhir
    return {line.name: line.amount for lines in report.sections.values() for line in lines}


def journal(book: Book, debits: list[tuple[str, int]], credits: list[tuple[str, int]]) -> None:
    post_journal(book, date="2026-02-01", memo="Campuran",
                 debits=[(a, str(v // 100)) for a, v in debits],
                 credits=[(a, str(v // 100)) for a, v in credits])


def test_a_mixed_journal_shows_only_its_cash(book: Book) -> None:
    post(book, "setoran-modal", amount=20_000_000, date="2026-01-02")
    # Freezer 15 jt: 3 jt cash, 12 jt borrowed from the koperasi (no cash moved for that part).
    journal(book, [("1503", 15 * JT)], [("1101", 3 * JT), ("2202", 12 * JT)])
    assert flows(book) == {"Setoran modal pemilik": 20 * JT,
                           "Pembelian (penjualan) aset tetap": -3 * JT}


def test_cash_is_split_pro_rata_and_hpp_pairs_cancel(book: Book) -> None:
    post(book, "setoran-modal", amount=20_000_000, date="2026-01-02")
    # 10 jt in: 4 jt of sales (with HPP 2,4 jt against stock) and 6 jt borrowed.
    journal(book, [("1101", 10 * JT), ("5101", 2_400_000 * 100)],
            [("4101", 4 * JT), ("1301", 2_400_000 * 100), ("2201", 6 * JT)])
    # 2 jt out for rent 1 jt and a 3 jt machine, the rest (2 jt) owed to a supplier.
    journal(book, [("5202", 1 * JT), ("1503", 3 * JT)], [("1101", 2 * JT), ("2101", 2 * JT)])
    assert flows(book) == {
        "Penerimaan dari pelanggan": 4 * JT, "Pembayaran beban usaha": -500_000 * 100,
        "Pembelian (penjualan) aset tetap": -1_500_000 * 100,
        "Penerimaan (pelunasan) pinjaman": 6 * JT, "Setoran modal pemilik": 20 * JT}


def test_paying_for_an_asset_bought_on_credit_is_investasi(book: Book) -> None:
    post(book, "setoran-modal", amount=20_000_000, date="2026-01-02")
    post(book, "pembelian-aset", amount=5_000_000, name="Oven", via="utang", party="Toko Jaya",
         date="2026-01-05")
    post(book, "pembelian-persediaan", amount=1_000_000, via="utang", party="Toko Jaya",
         date="2026-01-06")
    post(book, "bayar-utang", amount=5_500_000, party="Toko Jaya", date="2026-02-01")
    assert flows(book) == {"Pembayaran kepada pemasok": -500_000 * 100,
                           "Pembelian (penjualan) aset tetap": -5 * JT,
                           "Setoran modal pemilik": 20 * JT}


def test_selling_an_asset_is_investasi_with_its_gain(book: Book) -> None:
    post(book, "setoran-modal", amount=20_000_000, date="2026-01-02")
    post(book, "pembelian-aset", amount=4_800_000, name="Freezer", date="2026-01-05")
    post(book, "pelepasan-aset", amount=5_000_000, name="Freezer", date="2026-01-20")
    assert flows(book) == {"Pembelian (penjualan) aset tetap": 200_000 * 100,
                           "Setoran modal pemilik": 20 * JT}
