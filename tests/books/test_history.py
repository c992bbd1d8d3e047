"""The cash book read: keyset pages, filters, cash effect, status, detail and index use."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.history import (
    Cursor,
    EntryFilter,
    count_entries,
    entry_detail,
    entry_page,
    filter_choices,
    list_entries,
    page_query,
)
from desktop.books.journal import post_journal
from desktop.books.ledger import check_reversible, reverse_entry
from tests.books.conftest import post

D = dt.date


def walk(book: Book, filters: EntryFilter, limit: int) -> list[str]:
    """Every ref the filter keeps, page by page."""
    refs: list[str] = []
    after: Cursor | None = None
    while True:
        page = entry_page(book.conn, filters=filters, after=after, limit=limit)
        assert len(page.rows) <= limit
        refs += [row.ref for row in page.rows]
        if page.next is None:
            return refs
        after = page.next


def newest_first(book: Book) -> list[str]:
    return [r[0] for r in book.conn.execute("SELECT ref FROM entry ORDER BY date DESC, seq DESC")]


@pytest.fixture
def filled(book: Book) -> Book:
    """A small book with every kind of cash effect, two parties and a cancelled entry."""
    post(book, "setoran-modal", date="2026-01-02", amount=5_000_000)
    post(book, "penjualan-tunai", date="2026-01-05", amount=150_000, memo="Keripik 10 bks")
    post(book, "penjualan-tunai", date="2026-01-05", amount=90_000, via="bank",
         memo="Transfer 100% lunas")
    post(book, "penjualan-kredit", date="2026-01-06", amount=300_000, party="Warung Bu Komang")
    post(book, "terima-piutang", date="2026-02-01", amount=100_000, party="Warung Bu Komang")
    post(book, "beban", date="2026-02-03", amount=75_000, account="5203", memo="Listrik")
    post(book, "pindah-dana", date="2026-02-04", amount=1_000_000, via="kas", into="bank")
    post(book, "pembelian-persediaan", date="2026-02-10", amount=200_000, via="utang",
         party="UD Sumber Tani", account="1302")
    wrong = post(book, "beban", date="2026-03-01", amount=50_000, memo="Salah catat")
    with book.write() as conn:
        reverse_entry(conn, ref=wrong.ref, reason="dobel", device_id=book.device_id)
    return book


def rows(book: Book, **filters: object) -> list[tuple[str, str, int, str]]:
    page = entry_page(book.conn, filters=EntryFilter(**filters))  # type: ignore[arg-type]
    return [(r.ref, r.kind, r.cash, r.status) for r in page.rows]


def test_pages_walk_the_whole_book_newest_first_without_gaps(book: Book) -> None:
    for n in range(45):  # many entries share a date, so the seq must break the ties
        post(book, "penjualan-tunai", date=f"2026-03-{1 + n % 4:02d}", amount=1000 + n)
    expected = newest_first(book)
    for limit in (1, 7, 45, 200):
        assert walk(book, EntryFilter(), limit) == expected
    page = entry_page(book.conn, filters=EntryFilter(), limit=45)
    assert page.next is not None  # exactly full: one more (empty) page says it was the last
    assert entry_page(book.conn, filters=EntryFilter(), after=page.next, limit=45).rows == []


def test_rows_carry_amount_cash_effect_party_and_status(filled: Book) -> None:
    by_ref = {r.ref: r for r in entry_page(filled.conn, filters=EntryFilter()).rows}
    effects = {r.kind + ("-bank" if "Transfer" in r.memo else ""): r.cash
               for r in by_ref.values() if r.status == "aktif"}
    assert effects["setoran-modal"] == 5_000_000_00
    assert effects["penjualan-tunai"] == 150_000_00
    assert effects["penjualan-tunai-bank"] == 90_000_00
    assert effects["penjualan-kredit"] == 0  # no money moved yet
    assert effects["terima-piutang"] == 100_000_00
    assert effects["beban"] == -75_000_00
    assert effects["pindah-dana"] == 0  # from kas into bank: nothing left the business
    statuses = sorted(r.status for r in by_ref.values() if r.memo.startswith(("Salah",
                                                                               "Pembatalan")))
    assert statuses == ["dibatalkan", "pembatalan"]
    credit = next(r for r in by_ref.values() if r.kind == "penjualan-kredit")
    assert (credit.party, credit.amount, credit.cash_in, credit.cash_out) == (
        "Warung Bu Komang", 300_000_00, 0, 0)
    assert [r.ref for r in list_entries(filled.conn, start=D(2026, 1, 1), end=D(2026, 12, 31))] \
        == list(by_ref)


def test_an_account_filter_on_a_cash_account_shows_that_account_only(filled: Book) -> None:
    kas = dict((kind, cash) for _ref, kind, cash, _s in rows(filled, account="1101"))
    bank = dict((kind, cash) for _ref, kind, cash, _s in rows(filled, account="1102"))
    assert kas["pindah-dana"] == -1_000_000_00 and bank["pindah-dana"] == 1_000_000_00
    assert "penjualan-kredit" not in kas
    assert bank["penjualan-tunai"] == 90_000_00


def test_filters_narrow_by_form_account_party_words_and_dates(filled: Book) -> None:
    assert {k for _r, k, _c, _s in rows(filled, kind="beban")} == {"beban"}
    assert len(rows(filled, kind="beban")) == 2
    assert [k for _r, k, _c, _s in rows(filled, account="5203")] == ["beban"]
    komang = filter_choices(filled.conn).parties
    party_id = next(key for key, name in komang if name == "Warung Bu Komang")
    assert [k for _r, k, _c, _s in rows(filled, party_id=party_id)] == ["terima-piutang",
                                                                        "penjualan-kredit"]
    assert [k for _r, k, _c, _s in rows(filled, text="komang")] == ["terima-piutang",
                                                                   "penjualan-kredit"]
    assert [k for _r, k, _c, _s in rows(filled, text="keripik bks")] == ["penjualan-tunai"]
    assert len(rows(filled, text="100%")) == 1  # % and _ are matched as typed, not wildcards
    assert rows(filled, text="_") == []
    assert len(rows(filled, text="PT-2026")) == 2
    january = rows(filled, start=D(2026, 1, 1), end=D(2026, 1, 31))
    assert [k for _r, k, _c, _s in january] == ["penjualan-kredit", "penjualan-tunai",
                                               "penjualan-tunai", "setoran-modal"]
    assert rows(filled, start=D(2025, 1, 1), end=D(2025, 12, 31)) == []


def test_counts_match_the_pages_for_every_filter(filled: Book) -> None:
    party_id = filter_choices(filled.conn).parties[0][0]
    for filters in (EntryFilter(), EntryFilter(kind="beban"), EntryFilter(account="1101"),
                    EntryFilter(account="1101", text="keripik"), EntryFilter(party_id=party_id),
                    EntryFilter(start=D(2026, 2, 1), end=D(2026, 2, 28)),
                    EntryFilter(text="zzz")):
        assert count_entries(filled.conn, filters=filters) == len(walk(filled, filters, 2))


def test_an_entry_with_two_lines_on_the_account_is_listed_once(book: Book) -> None:
    post(book, "setoran-modal", date="2026-01-02", amount=1_000_000)
    post_journal(book, date="2026-01-03", memo="Dua baris kas",
                 debits=[("1101", "100"), ("1101", "50")], credits=[("3101", "150")])
    post_journal(book, date="2026-01-03", memo="Lagi", debits=[("1101", "10"), ("1101", "5")],
                 credits=[("3101", "15")])
    filters = EntryFilter(account="1101")
    for limit in (1, 2, 3, 10):
        refs = walk(book, filters, limit)
        assert len(refs) == len(set(refs)) == 3
    assert count_entries(book.conn, filters=filters) == 3
    first = entry_page(book.conn, filters=filters).rows[0]
    assert (first.memo, first.cash) == ("Lagi", 15_00)


def test_detail_lists_lines_and_cancellation_links(filled: Book) -> None:
    page = entry_page(filled.conn, filters=EntryFilter(kind="pembatalan")).rows
    mirror = entry_detail(filled.conn, seq=page[0].seq)
    assert mirror.status == "pembatalan" and mirror.reason == "dobel"
    original = entry_detail(filled.conn, seq=entry_page(
        filled.conn, filters=EntryFilter(kind="beban", text=mirror.reverses or "")).rows[0].seq)
    assert (original.status, original.reversed_by, original.reason) == (
        "dibatalkan", mirror.ref, "dobel")
    assert [(ln.account, ln.name, ln.debit, ln.credit) for ln in original.lines] == [
        ("5299", "Beban Usaha Lain-lain", 50_000_00, 0), ("1101", "Kas", 0, 50_000_00)]
    assert original.amount == 50_000_00
    with pytest.raises(InputError, match="pembatalan tidak bisa dibatalkan"):
        check_reversible(filled.conn, ref=mirror.ref)
    with pytest.raises(InputError, match="sudah dibatalkan oleh"):
        check_reversible(filled.conn, ref=original.ref)
    check_reversible(filled.conn, ref=entry_page(filled.conn, filters=EntryFilter()).rows[-1].ref)


@pytest.mark.parametrize("filters", [
    EntryFilter(start=D(2026, 1, 1), end=D(2026, 12, 31)),
    EntryFilter(start=D(2026, 1, 1), end=D(2026, 12, 31), kind="beban", text="listrik"),
    EntryFilter(account="1101"),
    EntryFilter(account="5203", kind="beban"),
])
def test_pages_read_an_index_range_and_never_sort(filled: Book, filters: EntryFilter) -> None:
    for after in (None, Cursor(D(2026, 2, 1), 3)):
        query = page_query(filters, after=after)
        plan = [row[3] for row in filled.conn.execute("EXPLAIN QUERY PLAN " + query.sql,
                                                      query.params)]
        assert any("INDEX entry_" in p or "INDEX line_account_date" in p for p in plan), plan
        assert not any(p.startswith("SCAN") or "TEMP B-TREE" in p for p in plan), plan
        assert not any("line USING" in p and "line_account_date" in p and "la" not in p
                       for p in plan), plan
