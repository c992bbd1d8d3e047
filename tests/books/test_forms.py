"""Each form posts the balanced entry from the domain table, and bad input stores nothing."""

from __future__ import annotations

import pytest

from desktop.books.book import Book
from desktop.books.errors import (
    ClosedPeriodError,
    ConfirmationRequired,
    InputError,
    NotFoundError,
    UserFacingError,
)
from desktop.books.ledger import close_period, get_entry
from desktop.books.stock import add_item
from tests.books.conftest import balance, lines_of, post

RP = 100  # sen per rupiah


def entries(book: Book) -> int:
    return int(book.conn.execute("SELECT count(*) FROM entry").fetchone()[0])


@pytest.fixture
def stocked(book: Book) -> Book:
    """A book with one finished good bought at Rp9.000 and priced at Rp15.000."""
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik 250 g", unit="bks", price=15_000 * RP)
        add_item(conn, sku="PSG", name="Pisang", unit="kg", account="1302")
    post(book, "setoran-modal", amount=5_000_000)
    post(book, "pembelian-persediaan", item="KRP", qty=10, amount=90_000)
    return book


@pytest.mark.parametrize(("kind", "fields", "expected"), [
    ("penjualan-tunai", {"amount": 50_000, "via": "qris"},
     [("1103", 50_000, 0), ("4101", 0, 50_000)]),
    ("pendapatan-lain", {"amount": 20_000, "via": "bank"},
     [("1102", 20_000, 0), ("4201", 0, 20_000)]),
    ("setoran-modal", {"amount": 1_000_000}, [("1101", 1_000_000, 0), ("3101", 0, 1_000_000)]),
    ("prive", {"amount": 300_000}, [("3102", 300_000, 0), ("1101", 0, 300_000)]),
    ("beban", {"amount": 75_000, "account": "5203"},
     [("5203", 75_000, 0), ("1101", 0, 75_000)]),
    ("pinjaman", {"amount": 2_000_000, "account": "2202", "via": "bank"},
     [("1102", 2_000_000, 0), ("2202", 0, 2_000_000)]),
    ("pembelian-persediaan", {"amount": 80_000, "account": "1302"},
     [("1302", 80_000, 0), ("1101", 0, 80_000)]),
    ("pembelian-aset", {"amount": 1_250_000, "name": "Sealer", "account": "1503"},
     [("1503", 1_250_000, 0), ("1101", 0, 1_250_000)]),
    ("pindah-dana", {"amount": 100_000, "via": "kas", "into": "bank"},
     [("1102", 100_000, 0), ("1101", 0, 100_000)]),
])
def test_form_posts_the_domain_entry(book: Book, kind: str, fields: dict[str, object],
                                     expected: list[tuple[str, int, int]]) -> None:
    posted = post(book, kind, **fields)
    assert lines_of(book, posted.ref) == [(a, d * RP, c * RP) for a, d, c in expected]
    assert get_entry(book.conn, posted.ref).kind == kind


def test_credit_sale_and_payment_track_the_party(stocked: Book) -> None:
    sale = post(stocked, "penjualan-kredit", item="KRP", qty=4, party="Warung Sari")
    assert lines_of(stocked, sale.ref) == [
        ("1201", 60_000 * RP, 0), ("4101", 0, 60_000 * RP),
        ("5101", 36_000 * RP, 0), ("1301", 0, 36_000 * RP)]
    entry = get_entry(stocked.conn, sale.ref)
    assert entry.due_date and (entry.due_date - entry.date).days == 30
    paid = post(stocked, "terima-piutang", amount=25_000, party="warung  sari", via="bank")
    assert lines_of(stocked, paid.ref) == [("1102", 25_000 * RP, 0), ("1201", 0, 25_000 * RP)]
    assert balance(stocked, "1201") == 35_000 * RP


def test_payment_above_balance_needs_confirmation(stocked: Book) -> None:
    post(stocked, "penjualan-kredit", amount=40_000, party="Warung Sari")
    before = entries(stocked)
    with pytest.raises(ConfirmationRequired) as caught:
        post(stocked, "terima-piutang", amount=50_000, party="Warung Sari")
    assert "lebih besar" in caught.value.message() and caught.value.field == "amount"
    assert entries(stocked) == before
    post(stocked, "terima-piutang", amount=50_000, party="Warung Sari", confirm=True)
    assert balance(stocked, "1201") == 0  # issue 12: the excess is uang muka, not negative
    assert balance(stocked, "2104") == -10_000 * RP


def test_supplier_credit_purchase_and_payment(book: Book) -> None:
    bought = post(book, "pembelian-persediaan", amount=600_000, via="utang",
                  party="UD Sumber Tani", due="2026-04-01")
    assert lines_of(book, bought.ref) == [("1301", 600_000 * RP, 0), ("2101", 0, 600_000 * RP)]
    with pytest.raises(ConfirmationRequired):
        post(book, "bayar-utang", amount=700_000, party="UD Sumber Tani")
    paid = post(book, "bayar-utang", amount=600_000, party="UD Sumber Tani", via="bank")
    assert lines_of(book, paid.ref) == [("2101", 600_000 * RP, 0), ("1102", 0, 600_000 * RP)]


def test_loan_repayment_with_interest(book: Book) -> None:
    post(book, "pinjaman", amount=3_000_000, account="2201")
    paid = post(book, "bayar-pinjaman", amount=500_000, interest=30_000, account="2201")
    assert lines_of(book, paid.ref) == [("2201", 500_000 * RP, 0), ("5301", 30_000 * RP, 0),
                                        ("1101", 0, 530_000 * RP)]


def test_cash_sale_with_item_posts_hpp_at_moving_average(stocked: Book) -> None:
    post(stocked, "pembelian-persediaan", item="KRP", qty=10, amount=110_000)  # avg 10.000
    sale = post(stocked, "penjualan-tunai", item="KRP", qty=5)  # priced from the item
    assert lines_of(stocked, sale.ref) == [
        ("1101", 75_000 * RP, 0), ("4101", 0, 75_000 * RP),
        ("5101", 50_000 * RP, 0), ("1301", 0, 50_000 * RP)]


def test_overselling_is_allowed_with_a_warning(stocked: Book) -> None:
    sale = post(stocked, "penjualan-tunai", item="KRP", qty=12, amount=180_000)
    assert any("tinggal 10" in w for w in sale.warnings)
    # costed at the last average (Rp9.000), so 2 units short leave stock at -2 and -18.000
    assert lines_of(stocked, sale.ref)[2] == ("5101", 108_000 * RP, 0)
    assert balance(stocked, "1301") == -18_000 * RP


def test_stock_count_adjusts_at_average_cost(stocked: Book) -> None:
    short = post(stocked, "penyesuaian-stok", item="KRP", qty=8)
    assert lines_of(stocked, short.ref) == [("5101", 18_000 * RP, 0), ("1301", 0, 18_000 * RP)]
    extra = post(stocked, "penyesuaian-stok", item="KRP", qty=9)
    assert lines_of(stocked, extra.ref) == [("1301", 9_000 * RP, 0), ("5101", 0, 9_000 * RP)]
    with pytest.raises(InputError, match="tidak ada selisih"):
        post(stocked, "penyesuaian-stok", item="KRP", qty=9)


def test_production_turns_materials_into_goods(stocked: Book) -> None:
    post(stocked, "pembelian-persediaan", item="PSG", qty=20, amount=160_000)
    made = post(stocked, "produksi", item="KRP", qty=30, materials=[("PSG", "15")])
    assert lines_of(stocked, made.ref) == [("1301", 120_000 * RP, 0), ("1302", 0, 120_000 * RP)]
    assert balance(stocked, "1302") == 40_000 * RP


@pytest.mark.parametrize(("fields", "error", "field"), [
    ({"amount": "-5"}, InputError, "amount"),
    ({"amount": "lima ribu"}, InputError, "amount"),
    ({"amount": "10.505"}, InputError, "amount"),
    ({"amount": "0"}, InputError, "amount"),
    ({}, InputError, "amount"),
    ({"amount": "1000", "date": "2026-02-30"}, InputError, "date"),
    ({"amount": "1000", "date": "31-31-2026"}, InputError, "date"),
    ({"amount": "1000", "via": "cek"}, InputError, "via"),
    ({"amount": "1000", "item": "TIDAK-ADA"}, NotFoundError, "item"),
    ({"amount": "1000", "account": "9999"}, InputError, "account"),
])
def test_bad_input_is_refused_and_nothing_is_stored(stocked: Book, fields: dict[str, str],
                                                    error: type[UserFacingError],
                                                    field: str) -> None:
    before = entries(stocked)
    kind = "beban" if fields.get("account") else "penjualan-tunai"
    with pytest.raises(error) as caught:
        post(stocked, kind, **fields)
    assert caught.value.field == field
    assert entries(stocked) == before


def test_unknown_form_and_missing_party(book: Book) -> None:
    with pytest.raises(InputError, match="tidak dikenal"):
        post(book, "hadiah", amount=1)
    with pytest.raises(InputError) as caught:
        post(book, "penjualan-kredit", amount=1000)
    assert caught.value.field == "party"
    with pytest.raises(NotFoundError):
        post(book, "terima-piutang", amount=1000, party="Belum Pernah Ada")


def test_closed_period_refuses_dates_up_to_the_close(book: Book) -> None:
    post(book, "setoran-modal", amount=100_000, date="2026-01-31")
    with book.write() as conn:
        close_period(conn, through=__import__("datetime").date(2026, 1, 31))
    with pytest.raises(ClosedPeriodError):
        post(book, "beban", amount=1000, date="2026-01-31")
    post(book, "beban", amount=1000, date="2026-02-01")


def test_negative_cash_is_warned_not_refused(book: Book) -> None:
    posted = post(book, "beban", amount=10_000)
    assert any("minus" in w for w in posted.warnings)
