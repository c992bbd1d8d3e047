"""Journal rules: references, balance, reversal instead of editing, closing."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.errors import ClosedPeriodError, InputError, NotFoundError
from desktop.books.history import list_entries
from desktop.books.journal import post_journal
from desktop.books.ledger import close_period, get_entry, reverse_entry
from desktop.books.outbox import pending_count
from desktop.books.stock import add_item, stock_level
from tests.books.conftest import balance, lines_of, post


def reverse(book: Book, ref: str, reason: str = "salah ketik", date: str | None = None) -> str:
    with book.write() as conn:
        return reverse_entry(conn, ref=ref, reason=reason, device_id=book.device_id,
                             date=date).ref


def test_refs_are_per_form_and_year(book: Book) -> None:
    first = post(book, "setoran-modal", amount=1000, date="2026-01-05")
    second = post(book, "setoran-modal", amount=1000, date="2026-02-05")
    next_year = post(book, "setoran-modal", amount=1000, date="2027-01-05")
    journal = post_journal(book, date="2026-03-01", memo="Koreksi", debits=[("1102", "10")],
                           credits=[("1101", "10")])
    assert (first.ref, second.ref, next_year.ref) == (
        "SM-2026-000001", "SM-2026-000002", "SM-2027-000001")
    assert journal.ref == "JU-2026-000001"


def test_free_journal_must_balance_and_know_its_accounts(book: Book) -> None:
    with pytest.raises(InputError, match="tidak seimbang"):
        post_journal(book, date="2026-03-01", memo="x", debits=[("1101", "100")],
                     credits=[("3101", "90")])
    with pytest.raises(NotFoundError) as caught:
        post_journal(book, date="2026-03-01", memo="x", debits=[("1199", "100")],
                     credits=[("3101", "100")])
    assert caught.value.value == "1199"
    assert book.conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 0


def test_reversal_mirrors_and_marks_the_original(book: Book) -> None:
    with book.write() as conn:
        add_item(conn, sku="K", name="Keripik", unit="bks", price=1_500_000)
    post(book, "pembelian-persediaan", item="K", qty=10, amount=90_000)
    sale = post(book, "penjualan-kredit", item="K", qty=2, party="Bu Komang")
    before = {code: balance(book, code) for code in ("1201", "4101", "5101", "1301")}
    reversal = reverse(book, sale.ref)
    assert lines_of(book, reversal) == [(a, c, d) for a, d, c in lines_of(book, sale.ref)]
    assert all(balance(book, code) == before[code] - dict(
        (a, d - c) for a, d, c in lines_of(book, sale.ref))[code] for code in before)
    assert stock_level(book.conn, book.conn.execute(
        "SELECT id FROM item").fetchone()[0]).qty == 10_000
    assert get_entry(book.conn, sale.ref).reversed_by == reversal
    statuses = {e.ref: e.status for e in list_entries(
        book.conn, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))}
    assert statuses[sale.ref] == "dibatalkan" and statuses[reversal] == "pembatalan"


def test_a_reversal_cannot_be_reversed_and_nothing_twice(book: Book) -> None:
    posted = post(book, "setoran-modal", amount=1000)
    reversal = reverse(book, posted.ref)
    with pytest.raises(InputError, match="pembatalan tidak bisa dibatalkan"):
        reverse(book, reversal)
    with pytest.raises(InputError, match="sudah dibatalkan"):
        reverse(book, posted.ref)
    with pytest.raises(InputError):
        reverse(book, posted.ref, reason=" ")
    with pytest.raises(NotFoundError):
        reverse(book, "XX-2026-000001")


def test_closing_locks_dates_and_reversal_needs_an_open_date(book: Book) -> None:
    posted = post(book, "setoran-modal", amount=1000, date="2026-01-10")
    with book.write() as conn:
        close_period(conn, through=dt.date(2026, 1, 31))
    with pytest.raises(ClosedPeriodError, match="koreksi periode lalu"):
        reverse(book, posted.ref)
    with pytest.raises(ClosedPeriodError):
        reverse(book, posted.ref, date="2026-01-31")
    reverse(book, posted.ref, date="2026-02-01")
    with pytest.raises(InputError), book.write() as conn:
        close_period(conn, through=dt.date(2026, 1, 1))


def test_every_change_leaves_an_outbox_row_in_the_same_transaction(book: Book) -> None:
    start = pending_count(book.conn)
    post(book, "setoran-modal", amount=1000)
    post(book, "penjualan-kredit", amount=1000, party="Pelanggan Baru")  # new party too
    assert pending_count(book.conn) == start + 3
    with pytest.raises(InputError):
        post(book, "penjualan-tunai", amount="-1")
    assert pending_count(book.conn) == start + 3


def test_kept_totals_match_the_lines_after_back_dated_postings(book: Book) -> None:
    from desktop.books.totals import net_between

    for day, amount in (("2026-03-20", 500), ("2026-01-05", 700), ("2026-03-20", 40),
                        ("2026-02-11", 90), ("2025-12-31", 3_000), ("2026-03-21", 11)):
        post(book, "setoran-modal", date=day, amount=amount)
        post(book, "beban", date=day, amount=amount // 2, account="5203", via="kas")

    def naive(start: str, end: str) -> dict[str, int]:
        rows = book.conn.execute("SELECT account, SUM(debit - credit) FROM line "
                                 "WHERE date BETWEEN ? AND ? GROUP BY account", (start, end))
        return {code: net for code, net in rows if net}

    for start, end in (("2000-01-01", "2026-12-31"), ("2026-01-01", "2026-03-20"),
                       ("2026-02-11", "2026-02-11"), ("2026-03-21", "2030-01-01"),
                       ("2026-02-12", "2026-03-19")):
        kept = net_between(book.conn, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        assert kept == naive(start, end), (start, end)
