"""Statements computed from a small book whose figures were worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.business import update_profile
from desktop.books.errors import InputError
from desktop.books.reports.aging import umur
from desktop.books.reports.catalog import REPORTS, ReportArgs, run_report
from desktop.books.reports.flows import arus_kas, perubahan_ekuitas
from desktop.books.reports.ledger_report import buku_besar
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from desktop.books.reports.stock_report import kartu_stok
from desktop.books.reports.tax import pph_final
from tests.books.conftest import fill_worked, post

D = dt.date
JAN = (D(2026, 1, 1), D(2026, 1, 31))


@pytest.fixture
def worked(book: Book) -> Book:
    """The hand-worked book: opening on 1 Dec 2025, a December, and a January."""
    return fill_worked(book)


def amounts(lines: object) -> dict[object, str]:
    return {line["account"]: line["amount"] for line in lines}  # type: ignore[attr-defined]


def test_posisi_keuangan(worked: Book) -> None:
    data = posisi_keuangan(worked.conn, as_of=D(2026, 1, 31)).to_json()
    assert amounts(data["aset"]) == {
        "1101": "2775000.00", "1102": "3700000.00", "1201": "200000.00", "1301": "50000.00",
        "1503": "1800000.00", "1509": "-300000.00"}
    assert amounts(data["liabilitas"]) == {"2101": "400000.00", "2201": "1000000.00"}
    assert amounts(data["ekuitas"]) == {"3101": "6100000.00", "3102": "-100000.00",
                                        "3201": "800000.00", None: "25000.00"}
    assert data["total_aset"] == data["total_liabilitas_ekuitas"] == "8225000.00"
    assert (data["total_liabilitas"], data["total_ekuitas"]) == ("1400000.00", "6825000.00")


def test_laba_rugi(worked: Book) -> None:
    data = laba_rugi(worked.conn, start=JAN[0], end=JAN[1]).to_json()
    assert amounts(data["pendapatan"]) == {"4101": "75000.00"}
    assert amounts(data["beban"]) == {"5101": "50000.00"}
    assert (data["total_pendapatan"], data["total_beban"], data["laba_bersih"]) == (
        "75000.00", "50000.00", "25000.00")
    assert data["laba_sebelum_pajak"] == "25000.00" and data["beban_pajak"] == "0.00"
    december = laba_rugi(worked.conn, start=D(2025, 12, 1), end=D(2025, 12, 31)).to_json()
    assert december["laba_bersih"] == "800000.00"


def test_arus_kas(worked: Book) -> None:
    data = arus_kas(worked.conn, start=JAN[0], end=JAN[1]).to_json()
    assert data["saldo_awal"] == "5800000.00"
    assert data["operasi"] == [{"name": "Penerimaan dari pelanggan", "amount": "375000.00"}]
    assert data["investasi"] == [{"name": "Pembelian (penjualan) aset tetap",
                                  "amount": "-600000.00"}]
    assert data["pendanaan"] == [{"name": "Penerimaan (pelunasan) pinjaman",
                                  "amount": "1000000.00"},
                                 {"name": "Pengambilan prive", "amount": "-100000.00"}]
    assert (data["kenaikan_bersih"], data["saldo_akhir"]) == ("675000.00", "6475000.00")
    first = arus_kas(worked.conn, start=D(2025, 12, 1), end=D(2025, 12, 31)).to_json()
    assert first["saldo_awal"] == "5000000.00"  # the saldo awal entry is not a flow
    assert first["total_operasi"] == "800000.00" and first["saldo_akhir"] == "5800000.00"


def test_perubahan_ekuitas(worked: Book) -> None:
    january = perubahan_ekuitas(worked.conn, start=JAN[0], end=JAN[1]).to_json()
    assert january["saldo_awal"] == "6900000.00" and january["saldo_akhir"] == "6825000.00"
    lines = {ln["name"]: ln["amount"] for ln in january["lines"]}  # type: ignore[attr-defined]
    assert lines["Laba (rugi) bersih periode berjalan"] == "25000.00"
    assert lines["Prive (pengambilan pemilik)"] == "-100000.00"
    december = perubahan_ekuitas(worked.conn, start=D(2025, 12, 1), end=D(2025, 12, 31))
    assert december.to_json()["saldo_awal"] == "6100000.00"
    assert december.to_json()["saldo_akhir"] == "6900000.00"


def test_neraca_saldo_rolls_last_year_into_saldo_laba(worked: Book) -> None:
    data = neraca_saldo(worked.conn, as_of=D(2026, 1, 31)).to_json()
    by_code = {ln["account"]: (ln["debit"], ln["credit"]) for ln in data["lines"]}
    assert by_code["3201"] == ("0.00", "800000.00")
    assert by_code["4101"] == ("0.00", "75000.00") and "5203" not in by_code
    assert by_code["1509"] == ("0.00", "300000.00")
    assert data["total_debit"] == data["total_credit"]


def test_buku_besar_runs_a_balance(worked: Book) -> None:
    kas = buku_besar(worked.conn, account="1101", start=JAN[0], end=JAN[1]).to_json()
    assert kas["saldo_awal"] == "2800000.00" and kas["saldo_akhir"] == "2775000.00"
    assert [(ln["debit"], ln["credit"], ln["saldo"]) for ln in kas["lines"]] == [
        ("75000.00", "0.00", "2875000.00"), ("0.00", "100000.00", "2775000.00")]
    sales = buku_besar(worked.conn, account="4101", start=JAN[0], end=JAN[1]).to_json()
    assert sales["saldo_awal"] == "0.00" and sales["saldo_akhir"] == "75000.00"


def test_umur_piutang_ages_what_is_still_open(worked: Book) -> None:
    post(worked, "penjualan-kredit", date="2026-01-05", amount=90_000, party="Toko C",
         due="2026-01-20")
    data = umur(worked.conn, kind="piutang", as_of=D(2026, 1, 31)).to_json()
    parties = {p["party"]: p for p in data["parties"]}  # type: ignore[attr-defined]
    assert parties["Warung A"]["hari_61_90"] == "200000.00"
    assert parties["Toko C"]["hari_1_30"] == "90000.00"
    assert data["totals"]["total"] == "290000.00"  # type: ignore[index]
    utang = umur(worked.conn, kind="utang", as_of=D(2026, 1, 31)).to_json()
    assert utang["totals"]["total"] == "400000.00"  # type: ignore[index]


def test_kartu_stok(worked: Book) -> None:
    card = kartu_stok(worked.conn, sku="KRP", start=JAN[0], end=JAN[1]).to_json()
    assert card["saldo_awal"] == {"qty": "10", "value": "100000.00"}
    assert [(ln["qty_out"], ln["qty"], ln["value"]) for ln in card["lines"]] == [
        ("5", "5", "50000.00")]
    assert card["saldo_akhir"] == {"qty": "5", "value": "50000.00"}


def test_pph_final_exemption_and_badan(worked: Book) -> None:
    personal = pph_final(worked.conn, start=JAN[0], end=D(2026, 12, 31)).to_json()
    assert personal["total_omzet"] == "75000.00" and personal["total_pph"] == "0.00"
    update_profile(worked, taxpayer="badan")
    company = pph_final(worked.conn, start=JAN[0], end=D(2026, 12, 31)).to_json()
    assert company["months"] == [{"month": "2026-01", "omzet": "75000.00",
                                  "omzet_kumulatif": "75000.00",
                                  "dasar_pengenaan": "75000.00", "pph": "375.00"}]


def test_pph_final_taxes_only_turnover_above_500_juta(book: Book) -> None:
    post(book, "penjualan-tunai", date="2026-01-31", amount=450_000_000)
    post(book, "penjualan-tunai", date="2026-02-28", amount=100_000_000)
    months = pph_final(book.conn, start=D(2026, 1, 1), end=D(2026, 12, 31)).months
    assert [(m.taxable, m.pph) for m in months] == [(0, 0), (50_000_000 * 100, 250_000 * 100)]


def test_every_report_runs_and_renders(worked: Book) -> None:
    args = ReportArgs(as_of=JAN[1], start=JAN[0], end=JAN[1], account="1101", sku="KRP")
    for name in REPORTS:
        report = run_report(worked.conn, name, args)
        assert report.to_json()["report"] == name
    with pytest.raises(InputError):
        run_report(worked.conn, "posisi-keuangan",
                   ReportArgs(as_of=JAN[1], start=JAN[1], end=JAN[0]))


def test_empty_book_reports_zero_and_still_balances(book: Book) -> None:
    data = posisi_keuangan(book.conn, as_of=D(2026, 1, 31)).to_json()
    assert data["aset"] == [] and data["total_aset"] == "0.00"
    assert laba_rugi(book.conn, start=JAN[0], end=JAN[1]).to_json()["laba_bersih"] == "0.00"
