"""Issue 12 defect 3 and 7: the asset lifecycle and reversal dates, with hand-worked figures."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.assets import depreciate_month, list_assets
from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.journal import post_journal
from desktop.books.ledger import reverse_entry
from desktop.books.opening import OpeningAsset, OpeningInput, post_opening
from tests.books.conftest import balance, lines_of, post

RP = 100
LATER = dt.date(2031, 1, 1)  # "today" for tests that post many months


def depreciate(book: Book, month: str, today: dt.date = LATER) -> str:
    year, mon = (int(p) for p in month.split("-"))
    with book.write() as conn:
        return depreciate_month(conn, year=year, month=mon, device_id=book.device_id,
                                today=today).ref


def cancel(book: Book, ref: str, date: str | None = None) -> str:
    with book.write() as conn:
        return reverse_entry(conn, ref=ref, reason="salah", device_id=book.device_id,
                             date=date).ref


def freezer(book: Book) -> str:
    """Freezer Rp4.800.000 on 10 Jan 2026, 48 months: Rp100.000 a month."""
    return post(book, "pembelian-aset", amount=4_800_000, name="Freezer", account="1503",
                life_months=48, date="2026-01-10").ref


def test_purchase_with_depreciation_is_cancelled_only_after_its_depreciation(book: Book) -> None:
    bought = freezer(book)
    jan, feb = depreciate(book, "2026-01"), depreciate(book, "2026-02")
    with pytest.raises(InputError, match=f"Freezer.*{feb}, {jan}"):
        cancel(book, bought)
    cancel(book, feb)
    cancel(book, jan)
    cancel(book, bought)
    assert balance(book, "1503") == 0 and balance(book, "1509") == 0
    assert balance(book, "5206") == 0
    assert list_assets(book.conn) == []


def test_selling_an_asset_books_the_loss_and_stops_its_depreciation(book: Book) -> None:
    freezer(book)
    for month in ("2026-01", "2026-02", "2026-03"):
        depreciate(book, month)
    sold = post(book, "pelepasan-aset", name="freezer", amount=4_000_000, date="2026-04-15")
    # Book value 4.800.000 - 300.000 = 4.500.000; sold for 4.000.000: rugi 500.000.
    assert lines_of(book, sold.ref) == [("1101", 4_000_000 * RP, 0), ("1509", 300_000 * RP, 0),
                                        ("5302", 500_000 * RP, 0), ("1503", 0, 4_800_000 * RP)]
    assert balance(book, "1503") == 0 and balance(book, "1509") == 0
    assert list_assets(book.conn) == []
    assert [a.name for a in list_assets(book.conn, as_of=dt.date(2026, 4, 14))] == ["Freezer"]
    with pytest.raises(InputError, match="Tidak ada aset"):
        depreciate(book, "2026-04")
    with pytest.raises(InputError, match="dilepas"):
        cancel(book, "SU-2026-000003")
    cancel(book, sold.ref)  # the sale cancelled: the freezer is back and depreciates again
    assert lines_of(book, depreciate(book, "2026-04"))[0] == ("5206", 100_000 * RP, 0)


def test_selling_above_book_value_is_a_gain_and_scrapping_needs_no_price(book: Book) -> None:
    freezer(book)
    depreciate(book, "2026-01")
    post(book, "pembelian-aset", amount=600_000, name="Sealer", account="1503", life_months=12,
         date="2026-01-10")
    sold = post(book, "pelepasan-aset", name="Freezer", amount=5_000_000, via="bank",
                date="2026-02-01")
    assert lines_of(book, sold.ref) == [("1102", 5_000_000 * RP, 0), ("1509", 100_000 * RP, 0),
                                        ("1503", 0, 4_800_000 * RP), ("4202", 0, 300_000 * RP)]
    scrapped = post(book, "pelepasan-aset", name="Sealer", date="2026-02-01")
    assert lines_of(book, scrapped.ref) == [("5302", 600_000 * RP, 0),
                                            ("1503", 0, 600_000 * RP)]
    assert balance(book, "1503") == 0 and balance(book, "1509") == 0


def test_disposal_waits_for_depreciation_of_its_month_to_be_cancelled(book: Book) -> None:
    freezer(book)
    depreciate(book, "2026-01")
    march = depreciate(book, "2026-03")
    with pytest.raises(InputError, match=march):
        post(book, "pelepasan-aset", name="Freezer", amount=1, date="2026-03-20")


def test_a_free_journal_on_an_asset_account_enters_the_register(book: Book) -> None:
    post_journal(book, date="2026-02-03", memo="Etalase kaca", debits=[("1503", "960000")],
                 credits=[("1101", "360000"), ("2202", "600000")])
    (asset,) = list_assets(book.conn)
    assert (asset.name, asset.cost, asset.life_months) == ("Etalase kaca", 960_000 * RP, 48)
    assert lines_of(book, depreciate(book, "2026-02"))[0] == ("5206", 20_000 * RP, 0)
    for debits, credits in (([("1101", "1")], [("1503", "1")]),
                            ([("5206", "1")], [("1509", "1")])):
        with pytest.raises(InputError, match="formulir aset"):
            post_journal(book, date="2026-02-03", memo="x", debits=debits, credits=credits)


def test_depreciation_only_from_acquisition_or_saldo_awal_to_the_current_month(
        book: Book) -> None:
    post_opening(book, OpeningInput(date="2025-12-01", accounts=[("1101", 1_000_000 * RP)],
                                    assets=[OpeningAsset("Oven", "1503", 2_400_000 * RP,
                                                         dt.date(2025, 6, 1), 24,
                                                         600_000 * RP)]))
    with pytest.raises(InputError, match="Tidak ada aset"):
        depreciate(book, "2025-11")  # before the saldo awal: already in its accumulated
    with pytest.raises(InputError, match="belum berjalan"):
        depreciate(book, "2029-01", today=dt.date(2026, 12, 5))
    assert lines_of(book, depreciate(book, "2025-12"))[0] == ("5206", 100_000 * RP, 0)


def test_the_rounding_remainder_falls_in_the_last_month_of_the_life(book: Book) -> None:
    # 1.000.000 / 48 = 20.833,33: 47 months of 20.833 and 20.849 in month 48, then nothing.
    post(book, "pembelian-aset", amount=1_000_000, name="Rak", account="1503", life_months=48,
         date="2026-01-05")
    amounts = []
    day = dt.date(2026, 1, 1)
    for _ in range(48):
        amounts.append(lines_of(book, depreciate(book, day.strftime("%Y-%m")))[0][1])
        day = (day + dt.timedelta(days=32)).replace(day=1)
    assert amounts[:47] == [20_833 * RP] * 47 and amounts[47] == 20_849 * RP
    with pytest.raises(InputError, match="Tidak ada aset"):
        depreciate(book, "2030-01")
    assert sum(amounts) == 1_000_000 * RP


def test_a_reversal_is_never_dated_before_its_original(book: Book) -> None:
    sale = post(book, "penjualan-kredit", amount=700_000, party="Bu Komang", date="2026-03-20")
    with pytest.raises(InputError, match="lebih awal"):
        cancel(book, sale.ref, date="2026-01-05")
    assert balance(book, "4101") == -700_000 * RP
    later = cancel(book, sale.ref, date="2026-03-25")
    assert lines_of(book, later)[1] == ("4101", 700_000 * RP, 0)
