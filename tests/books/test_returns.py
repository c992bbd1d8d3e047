"""Returns (issue 12, defect 10): retur-penjualan and retur-pembelian, at the original's cost."""

from __future__ import annotations

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.ledger import reverse_entry
from desktop.books.parties import PAYABLE, RECEIVABLE, find_party, party_balance
from desktop.books.stock import add_item, get_item, stock_level
from tests.books.conftest import balance, lines_of, post

RP = 100  # sen per rupiah


def _start(book: Book) -> None:
    with book.write() as conn:
        add_item(conn, sku="BRS", name="Beras", unit="kg")
    post(book, "setoran-modal", date="2026-03-01", amount=10_000_000)


def _level(book: Book) -> tuple[int, int]:
    level = stock_level(book.conn, get_item(book.conn, "BRS").id)
    return level.qty, level.value


def _owed(book: Book, name: str, account: str) -> int:
    return party_balance(book.conn, find_party(book.conn, name).id, account)


def test_sales_return_on_a_credit_sale_lowers_piutang_sales_and_hpp(book: Book) -> None:
    _start(book)
    post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=100, amount=1_000_000)
    sale = post(book, "penjualan-kredit", date="2026-03-05", item="BRS", qty=40,
                amount=600_000, party="Warung Ani")
    back = post(book, "retur-penjualan", date="2026-03-08", of=sale.ref, qty=10, via="")
    assert back.ref.startswith("RJ-2026-")
    # 10 of 40 kg: Rp150.000 of sales and Rp100.000 of cost come back; the bill goes down.
    assert lines_of(book, back.ref) == [("4101", 150_000 * RP, 0), (RECEIVABLE, 0, 150_000 * RP),
                                        ("1301", 100_000 * RP, 0), ("5101", 0, 100_000 * RP)]
    assert _owed(book, "Warung Ani", RECEIVABLE) == 450_000 * RP
    assert balance(book, "4101") == -450_000 * RP
    assert balance(book, "5101") == 300_000 * RP          # 30 kg sold at 10.000
    assert _level(book) == (70_000, 700_000 * RP)
    memo = book.conn.execute("SELECT memo FROM entry WHERE ref = ?", (back.ref,)).fetchone()[0]
    assert memo.startswith(f"Retur dari {sale.ref}")


def test_return_quantity_is_capped_at_what_the_nota_moved(book: Book) -> None:
    _start(book)
    post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=100, amount=1_000_000)
    sale = post(book, "penjualan-tunai", date="2026-03-05", item="BRS", qty=40, amount=600_000)
    post(book, "retur-penjualan", date="2026-03-06", of=sale.ref, qty=25)
    with pytest.raises(InputError) as refused:
        post(book, "retur-penjualan", date="2026-03-07", of=sale.ref, qty=16)
    assert refused.value.field == "qty" and "15" in str(refused.value)
    last = post(book, "retur-penjualan", date="2026-03-07", of=sale.ref)  # the 15 left
    # Cash sale: the money goes back from kas by default (Rp225.000 for 15 kg).
    assert lines_of(book, last.ref)[:2] == [("4101", 225_000 * RP, 0), ("1101", 0, 225_000 * RP)]
    assert _level(book) == (100_000, 1_000_000 * RP)
    assert balance(book, "5101") == 0


def test_a_nota_with_standing_returns_cannot_be_cancelled(book: Book) -> None:
    _start(book)
    post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=100, amount=1_000_000)
    sale = post(book, "penjualan-tunai", date="2026-03-05", item="BRS", qty=40, amount=600_000)
    back = post(book, "retur-penjualan", date="2026-03-06", of=sale.ref, qty=5)
    with book.write() as conn, pytest.raises(InputError) as refused:
        reverse_entry(conn, ref=sale.ref, reason="salah", device_id=book.device_id)
    assert back.ref in str(refused.value) and "batalkan returnya dulu" in str(refused.value)
    with book.write() as conn:
        reverse_entry(conn, ref=back.ref, reason="salah", device_id=book.device_id)
        reverse_entry(conn, ref=sale.ref, reason="salah", device_id=book.device_id)
    assert _level(book) == (100_000, 1_000_000 * RP)
    assert balance(book, "4101") == 0 and balance(book, "5101") == 0


def test_a_back_dated_purchase_recosts_the_sale_and_its_return(book: Book) -> None:
    _start(book)
    post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=100, amount=1_000_000)
    sale = post(book, "penjualan-tunai", date="2026-03-05", item="BRS", qty=40, amount=600_000)
    post(book, "retur-penjualan", date="2026-03-08", of=sale.ref, qty=10)
    # Typed late: 100 kg at 20.000 on 3 March. In date order the average on 5 March is
    # 3.000.000 / 200 = 15.000, so the 40 sold cost 600.000 and the 10 back bring 150.000.
    post(book, "pembelian-persediaan", date="2026-03-03", item="BRS", qty=100, amount=2_000_000)
    assert balance(book, "5101") == 450_000 * RP
    assert balance(book, "1301") == 2_550_000 * RP
    assert _level(book) == (170_000, 2_550_000 * RP)


def test_purchase_return_on_credit_goes_back_at_its_own_cost(book: Book) -> None:
    _start(book)
    first = post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=50,
                 amount=500_000, via="utang", party="UD Tani")
    second = post(book, "pembelian-persediaan", date="2026-03-02", item="BRS", qty=50,
                  amount=750_000)
    back = post(book, "retur-pembelian", date="2026-03-04", of=first.ref, qty=20, via="")
    assert back.ref.startswith("RB-2026-")
    # 20 kg leave at the first purchase's 10.000, not the 12.500 average.
    assert lines_of(book, back.ref) == [(PAYABLE, 200_000 * RP, 0), ("1301", 0, 200_000 * RP)]
    assert _owed(book, "UD Tani", PAYABLE) == 300_000 * RP
    assert _level(book) == (80_000, 1_050_000 * RP)
    # The supplier refunds only 120.000 in cash for 10 kg that cost 150.000: HPP takes 30.000.
    cheap = post(book, "retur-pembelian", date="2026-03-04", of=second.ref, qty=10,
                 amount=120_000, via="tunai")
    assert lines_of(book, cheap.ref) == [("1101", 120_000 * RP, 0), ("1301", 0, 150_000 * RP),
                                         ("5101", 30_000 * RP, 0)]
    post(book, "penjualan-tunai", date="2026-03-06", item="BRS", qty=70, amount=1_400_000)
    assert balance(book, "5101") == (30_000 + 900_000) * RP
    assert _level(book) == (0, 0)
    with pytest.raises(InputError) as refused:
        post(book, "retur-pembelian", date="2026-03-07", of=first.ref, qty=31)
    assert refused.value.field == "qty"


def test_a_return_needs_the_right_kind_of_nota_and_date(book: Book) -> None:
    _start(book)
    bought = post(book, "pembelian-persediaan", date="2026-03-02", item="BRS", qty=10,
                  amount=100_000)
    with pytest.raises(InputError) as wrong_kind:
        post(book, "retur-penjualan", date="2026-03-03", of=bought.ref, qty=1)
    assert wrong_kind.value.field == "of"
    with pytest.raises(InputError) as too_early:
        post(book, "retur-pembelian", date="2026-03-01", of=bought.ref, qty=1)
    assert too_early.value.field == "date"


def test_a_nota_of_several_items_needs_the_amount_given_back(book: Book) -> None:
    import datetime as dt

    from desktop.books.ledger import EntryDraft, LineDraft, MoveDraft, post_entry

    _start(book)
    with book.write() as conn:
        add_item(conn, sku="GLA", name="Gula", unit="kg")
    post(book, "pembelian-persediaan", date="2026-03-01", item="BRS", qty=10, amount=100_000)
    post(book, "pembelian-persediaan", date="2026-03-01", item="GLA", qty=10, amount=150_000)
    rice, sugar = get_item(book.conn, "BRS"), get_item(book.conn, "GLA")
    with book.write() as conn:  # one nota of two items, as the kasir writes it
        nota = post_entry(conn, EntryDraft(
            "penjualan-tunai", dt.date(2026, 3, 2), "Nota kasir",
            [LineDraft("1101", debit=90_000 * RP), LineDraft("4101", credit=90_000 * RP),
             LineDraft("5101", debit=55_000 * RP), LineDraft("1301", credit=55_000 * RP)],
            moves=[MoveDraft(rice.id, -4000, -40_000 * RP), MoveDraft(sugar.id, -1000,
                                                                    -15_000 * RP)]),
            device_id=book.device_id)
    with pytest.raises(InputError) as refused:
        post(book, "retur-penjualan", date="2026-03-03", of=nota.ref, item="GLA")
    assert refused.value.field == "amount"
    back = post(book, "retur-penjualan", date="2026-03-03", of=nota.ref, item="GLA",
                amount=20_000)
    assert lines_of(book, back.ref) == [("4101", 20_000 * RP, 0), ("1101", 0, 20_000 * RP),
                                        ("1301", 15_000 * RP, 0), ("5101", 0, 15_000 * RP)]
    with pytest.raises(InputError) as no_item:
        post(book, "retur-penjualan", date="2026-03-03", of=nota.ref, amount=1_000)
    assert no_item.value.field == "item"
