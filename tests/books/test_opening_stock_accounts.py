"""Saldo awal, moving-average stock corner cases, and the owner's own accounts."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books import accounts as acc
from desktop.books.book import Book
from desktop.books.errors import InputError, NotFoundError
from desktop.books.ledger import reverse_entry
from desktop.books.opening import OpeningInput, post_opening
from desktop.books.parties import list_parties
from desktop.books.reports.stock_report import kartu_stok
from desktop.books.stock import add_item, stock_level
from tests.books.conftest import balance, lines_of, post

RP = 100


def test_saldo_awal_balances_into_modal(book: Book) -> None:
    posted = post_opening(book, OpeningInput(
        date="2026-01-01", accounts=[("1101", 1_000_000 * RP), ("2201", 300_000 * RP)],
        receivables=[("Warung Sari", 200_000 * RP)]))
    assert lines_of(book, posted.ref)[-1] == ("3101", 0, 900_000 * RP)
    assert [p.receivable for p in list_parties(book.conn)] == [200_000 * RP]
    with pytest.raises(InputError, match="sudah dicatat"):
        post_opening(book, OpeningInput(date="2026-01-01", accounts=[("1101", 1)]))
    with book.write() as conn:
        reverse_entry(conn, ref=posted.ref, reason="ulang", device_id=book.device_id)
    post_opening(book, OpeningInput(date="2026-01-01", accounts=[("1102", 5 * RP)]))
    assert balance(book, "3101") == -5 * RP


def test_saldo_awal_refuses_result_accounts_and_a_wrong_modal(book: Book) -> None:
    with pytest.raises(InputError, match="akun neraca"):
        post_opening(book, OpeningInput(date="2026-01-01", accounts=[("4101", 100)]))
    with pytest.raises(InputError, match="berselisih"):
        post_opening(book, OpeningInput(date="2026-01-01",
                                        accounts=[("1101", 100), ("3101", 90)]))
    with pytest.raises(NotFoundError):
        post_opening(book, OpeningInput(date="2026-01-01", stock=[("NOPE", 1000, 100)]))
    assert book.conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 0


def test_purchase_into_oversold_stock_corrects_hpp(book: Book) -> None:
    with book.write() as conn:
        item = add_item(conn, sku="K", name="Keripik", unit="bks", price=15_000 * RP)
    post(book, "pembelian-persediaan", item="K", qty=2, amount=20_000)  # avg 10.000
    post(book, "penjualan-tunai", item="K", qty=5, amount=75_000)  # 3 short, costed 10.000
    assert stock_level(book.conn, item.id).value == -30_000 * RP
    bought = post(book, "pembelian-persediaan", item="K", qty=10, amount=120_000)  # 12.000 each
    # the 3 units sold short really cost 36.000, not 30.000: 6.000 more HPP, booked by the
    # date-ordered costing as a Penyesuaian HPP entry on the purchase's date
    (hp,) = book.conn.execute("SELECT ref, date FROM entry WHERE kind = 'penyesuaian-hpp'")
    assert hp[1] == bought.date.isoformat()
    assert ("5101", 6_000 * RP, 0) in lines_of(book, hp[0])
    level = stock_level(book.conn, item.id)
    assert (level.qty, level.value) == (7_000, 84_000 * RP)
    assert balance(book, "1301") == level.value


def test_kartu_stok_agrees_with_the_ledger(book: Book) -> None:
    with book.write() as conn:
        add_item(conn, sku="B", name="Bahan", unit="kg", account="1302")
        add_item(conn, sku="J", name="Jadi", unit="bks", price=5_000 * RP)
    post(book, "pembelian-persediaan", item="B", qty="12.5", amount=100_000)
    post(book, "produksi", item="J", qty=40, materials=[("B", "10")])
    post(book, "penjualan-tunai", item="J", qty=15, amount=75_000)
    end = dt.date(2026, 12, 31)
    for sku, code in (("B", "1302"), ("J", "1301")):
        card = kartu_stok(book.conn, sku=sku, start=dt.date(2026, 1, 1), end=end)
        assert card.closing[1] == balance(book, code)
    assert kartu_stok(book.conn, sku="B", start=dt.date(2026, 1, 1), end=end).closing == (
        2_500, 20_000 * RP)


def test_owner_accounts_inside_a_group(book: Book) -> None:
    with book.write() as conn:
        added = acc.add_account(conn, code="5207", name="Beban Sewa Tenda Pameran", group="52")
        assert added.normal == "D"
        with pytest.raises(InputError, match="diawali 41"):
            acc.add_account(conn, code="5208", name="Salah", group="41")
        with pytest.raises(InputError, match="sudah dipakai"):
            acc.add_account(conn, code="5207", name="Lagi", group="Beban usaha")
        with pytest.raises(InputError, match="tidak dikenal"):
            acc.add_account(conn, code="9101", name="X", group="91")
        acc.rename_account(conn, code="5207", name="Beban Pameran")
    post(book, "beban", amount=50_000, account="5207")
    with book.write() as conn, pytest.raises(InputError, match="sudah dipakai"):
        acc.delete_account(conn, code="5207")
    with book.write() as conn, pytest.raises(InputError, match="bawaan"):
        acc.delete_account(conn, code="5299")
    with book.write() as conn:
        acc.set_account_active(conn, code="5207", active=False)
    with pytest.raises(InputError, match="dinonaktifkan"):
        post(book, "beban", amount=50_000, account="5207")
    with book.write() as conn:
        acc.add_account(conn, code="5298", name="Tidak Terpakai", group="52")
        acc.delete_account(conn, code="5298")
    assert [a.code for a in acc.list_accounts(book.conn)].count("5298") == 0


def test_default_chart_matches_the_domain_notes(book: Book) -> None:
    chart = {a.code: (a.name, a.normal) for a in acc.list_accounts(book.conn)}
    assert len(chart) == 38
    assert chart["1402"] == ("Uang Muka Pembelian", "D")
    assert chart["2104"] == ("Uang Muka Pelanggan", "C")
    assert chart["4202"] == ("Laba Pelepasan Aset Tetap", "C")
    assert chart["5302"] == ("Rugi Pelepasan Aset Tetap", "D")
    assert chart["1509"] == ("Akumulasi Penyusutan", "C")
    assert chart["3102"] == ("Prive", "D") and chart["4102"][1] == "D"
    assert chart["5401"] == ("Beban Pajak Penghasilan", "D")
