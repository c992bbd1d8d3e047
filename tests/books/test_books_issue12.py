"""Issue 12 defects 5, 6, 8 and 11: uang muka, CALK tie-outs, koreksi periode lalu, small ones."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.ledger import close_period, reverse_entry
from desktop.books.reports.pack import build_pack
from desktop.books.reports.statements import laba_rugi, posisi_keuangan
from tests.books.conftest import balance, lines_of, post

RP = 100
D = dt.date


def test_a_customer_dp_is_a_liability_used_against_the_later_sale(book: Book) -> None:
    dp = post(book, "uang-muka-pelanggan", amount=300_000, party="Bu Ayu", date="2026-03-01")
    assert lines_of(book, dp.ref) == [("1101", 300_000 * RP, 0), ("2104", 0, 300_000 * RP)]
    post(book, "penjualan-kredit", amount=1_000_000, party="Bu Ayu", date="2026-03-10")
    used = post(book, "terima-piutang", amount=300_000, party="Bu Ayu", via="uang-muka",
                date="2026-03-10")
    assert lines_of(book, used.ref) == [("2104", 300_000 * RP, 0), ("1201", 0, 300_000 * RP)]
    with pytest.raises(InputError, match="tidak cukup"):
        post(book, "terima-piutang", amount=1, party="Bu Ayu", via="uang-muka")
    assert balance(book, "2104") == 0 and balance(book, "1201") == 700_000 * RP


def test_overpayments_go_to_uang_muka_never_a_negative_balance(book: Book) -> None:
    post(book, "penjualan-kredit", amount=400_000, party="Pak Made", date="2026-03-01")
    paid = post(book, "terima-piutang", amount=500_000, party="Pak Made", confirm=True)
    assert lines_of(book, paid.ref) == [("1101", 500_000 * RP, 0), ("1201", 0, 400_000 * RP),
                                        ("2104", 0, 100_000 * RP)]
    post(book, "setoran-modal", amount=5_000_000, date="2026-03-01")
    post(book, "pembelian-persediaan", amount=1_000_000, via="utang", party="UD Tani",
         date="2026-03-01")
    over = post(book, "bayar-utang", amount=1_500_000, party="UD Tani", confirm=True)
    assert lines_of(book, over.ref) == [("2101", 1_000_000 * RP, 0), ("1402", 500_000 * RP, 0),
                                        ("1101", 0, 1_500_000 * RP)]
    advance = post(book, "uang-muka-pembelian", amount=200_000, party="UD Tani")
    assert lines_of(book, advance.ref) == [("1402", 200_000 * RP, 0), ("1101", 0, 200_000 * RP)]
    pos = posisi_keuangan(book.conn, as_of=D(2026, 3, 31))
    shown = {ln.account: ln.amount for ln in [*pos.aset, *pos.liabilitas]}
    assert shown.get("2101") is None and shown["1402"] == 700_000 * RP
    assert shown["2104"] == 100_000 * RP and shown.get("1201") is None


def test_every_calk_breakdown_sums_to_its_statement_line(book: Book) -> None:
    post(book, "setoran-modal", amount=10_000_000, date="2026-01-02")
    post(book, "pembelian-persediaan", amount=4_000_000, date="2026-01-03")  # no --item
    post(book, "penjualan-kredit", amount=250_000, party="Bu Ayu", date="2026-01-04")
    post(book, "uang-muka-pelanggan", amount=50_000, party="Bu Rai", date="2026-01-05")
    post(book, "uang-muka-pembelian", amount=75_000, party="UD Tani", date="2026-01-05")
    post(book, "pembelian-aset", amount=960_000, name="Etalase", date="2026-01-06")
    pack = build_pack(book.conn, start=D(2026, 1, 1), end=D(2026, 1, 31))
    stated = {ln.account: ln.amount for ln in
              [*pack.posisi.aset, *pack.posisi.liabilitas, *pack.posisi.ekuitas]}
    notes = {note.title: note.table for note in pack.calk.notes if note.table is not None}
    for title, codes in (("Persediaan", ("1301",)), ("Piutang usaha", ("1201",)),
                         ("Uang muka pelanggan", ("2104",)), ("Uang muka pembelian", ("1402",)),
                         ("Aset tetap", ("1503",))):
        total_row = notes[title].rows[-1].cells
        assert total_row[-1] == sum(stated.get(c, 0) for c in codes), title
    persediaan = notes["Persediaan"].rows
    assert persediaan[0].cells[0].startswith("Tanpa rincian")
    assert persediaan[0].cells[-1] == 4_000_000 * RP
    text = " ".join(p for note in pack.calk.notes for p in note.paragraphs)
    assert "sebulan penuh diakui pada bulan perolehan" in text


def test_koreksi_periode_lalu_goes_through_opening_saldo_laba(book: Book) -> None:
    sale = post(book, "penjualan-tunai", amount=700_000, date="2025-12-10")
    with book.write() as conn:
        close_period(conn, through=D(2025, 12, 31))
        fixed = reverse_entry(conn, ref=sale.ref, reason="penjualan fiktif",
                              device_id=book.device_id, correction="periode-lalu")
    assert fixed.date == D(2026, 1, 1) and fixed.ref.startswith("KP-")
    assert lines_of(book, fixed.ref) == [("1101", 0, 700_000 * RP), ("3201", 700_000 * RP, 0)]
    assert laba_rugi(book.conn, start=D(2026, 1, 1), end=D(2026, 12, 31)).pendapatan == []
    pack = build_pack(book.conn, start=D(2026, 1, 1), end=D(2026, 12, 31))
    lines = {ln.name: ln.amount for ln in pack.perubahan_ekuitas.lines}
    assert lines["Koreksi kesalahan periode lalu"] == -700_000 * RP
    assert pack.perubahan_ekuitas.saldo_awal == 700_000 * RP
    assert pack.perubahan_ekuitas.saldo_akhir == pack.posisi.total_ekuitas == 0


def test_a_closed_period_entry_can_be_corrected_in_the_current_period(book: Book) -> None:
    sale = post(book, "penjualan-tunai", amount=700_000, date="2025-12-10")
    with book.write() as conn:
        close_period(conn, through=D(2025, 12, 31))
        fixed = reverse_entry(conn, ref=sale.ref, reason="salah", device_id=book.device_id,
                              correction="periode-berjalan", date="2026-02-01")
    assert lines_of(book, fixed.ref) == [("1101", 0, 700_000 * RP), ("4101", 700_000 * RP, 0)]


def test_json_total_beban_is_the_printed_jumlah_beban(book: Book) -> None:
    post(book, "beban", amount=250_000, account="5401", date="2026-01-10")
    report = laba_rugi(book.conn, start=D(2026, 1, 1), end=D(2026, 1, 31))
    data = report.to_json()
    printed = {row.cells[1]: row.cells[2] for row in report.table().rows}
    assert data["total_beban"] == "0.00" and printed["Jumlah beban"] == 0
    assert data["beban_pajak"] == "250000.00" and data["laba_bersih"] == "-250000.00"


def test_prive_shows_this_years_drawings(book: Book) -> None:
    post(book, "setoran-modal", amount=1_000_000, date="2025-01-02")
    post(book, "prive", amount=100_000, date="2025-06-01")
    post(book, "prive", amount=30_000, date="2026-02-01")
    shown = {ln.account: ln.amount for ln in posisi_keuangan(book.conn,
                                                             as_of=D(2026, 3, 1)).ekuitas}
    assert shown["3102"] == -30_000 * RP and shown["3101"] == 900_000 * RP


def test_pph_final_is_owed_as_an_expense_then_paid(book: Book) -> None:
    from desktop.books.business import update_profile

    update_profile(book, taxpayer="badan")  # no Rp500 juta exemption
    post(book, "penjualan-tunai", amount=10_000_000, date="2026-03-05")
    owed = post(book, "pph-final", date="2026-03-31")  # 0,5% of 10 jt
    assert lines_of(book, owed.ref) == [("5401", 50_000 * RP, 0), ("2103", 0, 50_000 * RP)]
    paid = post(book, "setor-pajak", amount=60_000, date="2026-04-14")
    assert lines_of(book, paid.ref) == [("2103", 50_000 * RP, 0), ("5401", 10_000 * RP, 0),
                                        ("1101", 0, 60_000 * RP)]
    assert balance(book, "2103") == 0 and balance(book, "5401") == 60_000 * RP
