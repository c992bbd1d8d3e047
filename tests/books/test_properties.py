"""Property-based tests: the books stay balanced whatever sequence the owner posts."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.errors import InputError, UserFacingError
from desktop.books.forms import TxInput, post_tx
from desktop.books.journal_csv import export_journal, import_journal
from desktop.books.ledger import reverse_entry
from desktop.books.opening import OpeningInput, post_opening
from desktop.books.parties import list_parties
from desktop.books.reports.flows import arus_kas, perubahan_ekuitas
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from desktop.books.stock import add_item, get_item, last_average, stock_level

PIN = "2468"
KINDS = ("penjualan-tunai", "penjualan-kredit", "terima-piutang", "pembelian-persediaan",
         "bayar-utang", "beban", "pendapatan-lain", "setoran-modal", "prive", "pinjaman",
         "bayar-pinjaman", "pembelian-aset", "penyesuaian-stok", "pindah-dana")
VIAS = ("kas", "bank", "qris")
SKUS = ("KRP", "GULA")
PARTIES = ("Warung Sari", "Toko Made", "UD Tani Makmur")
CASH = ("1101", "1102", "1103")
DATES = st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
REPORT_DATES = st.dates(dt.date(2024, 12, 1), dt.date(2027, 1, 31))
BOUNDARY = (dt.date(2024, 12, 31), dt.date(2025, 12, 31), dt.date(2026, 1, 1),
            dt.date(2026, 12, 31))
SEN = st.one_of(st.integers(1, 99_999), st.integers(100_000, 50_000_000))
QTY = st.integers(1, 20_000)
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def money(sen: int) -> str:
    """Integer sen as the text a form takes, e.g. 1250050 -> '12500.50'."""
    return f"{sen // 100}.{sen % 100:02d}"


def qty_text(milli: int) -> str:
    """Thousandths as form text, e.g. 2500 -> '2.500'."""
    return f"{milli // 1000}.{milli % 1000:03d}"


@dataclass(frozen=True)
class Reverse:
    """Cancel the index-th earlier posting (modulo), on its own date or on `date`."""

    index: int
    date: dt.date | None


@st.composite
def forms(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS) -> TxInput:
    """One filled-in form of a random type, with the fields that type uses."""
    kind = draw(st.sampled_from(kinds))
    tx = TxInput(type=kind, date=draw(DATES).isoformat(), amount=money(draw(SEN)),
                 via=draw(st.sampled_from(VIAS)), confirm=draw(st.booleans()))
    party = draw(st.sampled_from(PARTIES))
    if kind == "penyesuaian-stok" or (kind in KINDS[:4] and kind != "terima-piutang"
                                      and draw(st.booleans())):
        tx.item, tx.qty = draw(st.sampled_from(SKUS)), qty_text(draw(QTY))
        if kind == "penyesuaian-stok":
            tx.qty = qty_text(draw(st.integers(0, 20_000)))
        if kind != "pembelian-persediaan" and draw(st.booleans()):
            tx.amount = None
    if kind in ("pembelian-persediaan", "pembelian-aset"):
        tx.via = draw(st.sampled_from((*VIAS, "utang")))
    if kind in ("penjualan-kredit", "terima-piutang", "bayar-utang") or tx.via == "utang" \
            or (kind in ("penjualan-tunai", "pinjaman") and draw(st.booleans())):
        tx.party = party
    if kind == "beban":
        tx.account = draw(st.sampled_from(("5201", "5202", "5203", "5205", "5299", "5301",
                                           "5401")))
    elif kind in ("pinjaman", "bayar-pinjaman"):
        tx.account = draw(st.sampled_from(("2201", "2202")))
        if kind == "bayar-pinjaman" and draw(st.booleans()):
            tx.interest = money(draw(SEN))
    elif kind == "pembelian-aset":
        tx.account, tx.name = draw(st.sampled_from(("1501", "1503", "1504"))), "Mesin pengiris"
    elif kind == "pindah-dana":
        tx.into = draw(st.sampled_from(VIAS))
    return tx


OPS = st.lists(st.one_of(forms(), forms(), forms(), st.builds(
    Reverse, st.integers(0, 100), st.one_of(st.none(), DATES))), min_size=1, max_size=30)
OPENING = st.one_of(st.none(), st.builds(
    OpeningInput, date=DATES,
    accounts=st.lists(st.tuples(st.sampled_from(("1101", "1102", "1401", "2201")), SEN),
                      max_size=3, unique_by=lambda pair: pair[0]),
    receivables=st.lists(st.tuples(st.sampled_from(PARTIES[:2]), SEN), max_size=2,
                         unique_by=lambda pair: pair[0]),
    payables=st.lists(st.tuples(st.just(PARTIES[2]), SEN), max_size=1),
    stock=st.lists(st.tuples(st.sampled_from(SKUS), QTY, SEN), max_size=2,
                   unique_by=lambda t: t[0])))


@contextmanager
def fresh_book(data_dir: Path, name: str = "Keripik Bu Made") -> Iterator[Book]:
    """A new business with two stock items, closed afterwards."""
    ref = create_business(data_dir, name=name, pin=PIN)
    book = open_business(data_dir, ref.id, PIN)
    try:
        with book.write() as conn:
            add_item(conn, sku="KRP", name="Keripik pisang", unit="bks", price=1_250_000)
            add_item(conn, sku="GULA", name="Gula aren", unit="kg", account="1302")
        yield book
    finally:
        book.close()


def entry_count(conn: sqlite3.Connection) -> int:
    """Number of stored entries the owner made (Penyesuaian HPP are derived by the costing)."""
    return int(conn.execute("SELECT COUNT(*) FROM entry WHERE kind != 'penyesuaian-hpp'"
                            ).fetchone()[0])


def play(book: Book, opening: OpeningInput | None, ops: list[TxInput | Reverse]) -> list[str]:
    """Post the opening and every operation; a refused one must leave nothing behind."""
    refs: list[str] = []
    if opening is not None:
        try:
            refs.append(post_opening(book, opening).ref)
        except UserFacingError:
            assert entry_count(book.conn) == 0
    for op in ops:
        before = entry_count(book.conn)
        try:
            if isinstance(op, TxInput):
                refs.append(post_tx(book, op).ref)
            elif refs:
                with book.write() as conn:
                    reverse_entry(conn, ref=refs[op.index % len(refs)], reason="salah catat",
                                  device_id=book.device_id, date=op.date)
        except UserFacingError:
            assert entry_count(book.conn) == before, op
    return refs


def cash_on(conn: sqlite3.Connection, day: dt.date) -> int:
    """Kas + bank + QRIS straight from the kept balances."""
    return int(conn.execute(
        "SELECT COALESCE(SUM(debit - credit), 0) FROM account_day WHERE account IN (?, ?, ?) "
        "AND date <= ?", (*CASH, day.isoformat())).fetchone()[0])


def period(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    """The two dates in order."""
    return (a, b) if a <= b else (b, a)


@SETTINGS
@given(opening=OPENING, ops=OPS, days=st.lists(REPORT_DATES, min_size=1, max_size=5))
def test_debits_equal_credits_everywhere(opening: OpeningInput | None,
                                         ops: list[TxInput | Reverse],
                                         days: list[dt.date]) -> None:
    """Neraca saldo, every entry and the whole ledger balance after any postings."""
    with tempfile.TemporaryDirectory() as tmp, fresh_book(Path(tmp)) as book:
        play(book, opening, ops)
        conn = book.conn
        for day in [*days, *BOUNDARY]:
            trial = neraca_saldo(conn, as_of=day)
            assert sum(ln.debit for ln in trial.lines) == sum(ln.credit for ln in trial.lines)
            json = trial.to_json()
            assert json["total_debit"] == json["total_credit"], day
        debit, credit = conn.execute("SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) "
                                     "FROM line").fetchone()
        assert debit == credit
        assert conn.execute("SELECT entry_seq FROM line GROUP BY entry_seq "
                            "HAVING SUM(debit) != SUM(credit) OR COUNT(*) < 2").fetchall() == []
        kept = conn.execute("SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) "
                            "FROM account_day").fetchone()
        assert kept == (debit, credit)


@SETTINGS
@given(opening=OPENING, ops=OPS, days=st.lists(st.tuples(REPORT_DATES, REPORT_DATES),
                                                min_size=1, max_size=4))
def test_statements_agree_on_any_date(opening: OpeningInput | None,
                                      ops: list[TxInput | Reverse],
                                      days: list[tuple[dt.date, dt.date]]) -> None:
    """Aset = liabilitas + ekuitas; laba rugi, arus kas and perubahan ekuitas tie to it."""
    with tempfile.TemporaryDirectory() as tmp, fresh_book(Path(tmp)) as book:
        play(book, opening, ops)
        conn = book.conn
        pairs = [*days, *((dt.date(d.year, 1, 1), d) for d in BOUNDARY)]
        for first, last in (period(a, b) for a, b in pairs):
            for day in (first, last):
                pos = posisi_keuangan(conn, as_of=day)
                assert pos.total_aset == pos.total_liabilitas + pos.total_ekuitas, day
                current = [ln.amount for ln in pos.ekuitas if ln.account is None]
                profit = laba_rugi(conn, start=dt.date(day.year, 1, 1), end=day).laba_bersih
                assert len(current) <= 1 and sum(current) == profit, day
            flows = arus_kas(conn, start=first, end=last)
            assert flows.saldo_awal + flows.kenaikan_bersih == flows.saldo_akhir, (first, last)
            assert flows.saldo_akhir == cash_on(conn, last)
            assert flows.saldo_awal == cash_on(conn, first - dt.timedelta(days=1)) + sum(
                amount for (amount,) in conn.execute(
                    "SELECT amount FROM cashflow_day WHERE category = 'saldo-awal' "
                    "AND date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())))
            equity = perubahan_ekuitas(conn, start=first, end=last)
            assert equity.saldo_akhir == posisi_keuangan(conn, as_of=last).total_ekuitas


def snapshot(conn: sqlite3.Connection) -> dict[str, dict[object, object]]:
    """Every kept balance that is not zero: accounts per day, cash flows, stock, parties."""
    return {
        "account_day": {(a, d): v for a, d, v in conn.execute(
            "SELECT account, date, debit - credit FROM account_day") if v},
        "cashflow_day": {(d, c): v for d, c, v in conn.execute(
            "SELECT date, category, amount FROM cashflow_day") if v},
        "stock": {i: (q, v) for i, q, v in conn.execute(
            "SELECT item_id, qty, value FROM stock_balance") if q or v},
        "average": {i: last_average(conn, i) for (i,) in conn.execute("SELECT id FROM item")},
        "parties": {p.id: (p.receivable, p.payable) for p in list_parties(conn)
                    if p.receivable or p.payable},
    }


@SETTINGS
@given(opening=OPENING, history=st.lists(forms(), max_size=8),
       tx=st.one_of(forms(), forms(("pembelian-persediaan", "penyesuaian-stok", *KINDS[:2]))))
@example(opening=None, history=[], tx=TxInput(type="pembelian-persediaan", date="2025-03-02",
                                              amount="50000", item="KRP", qty="10"))
def test_reversal_restores_every_balance(opening: OpeningInput | None, history: list[TxInput],
                                         tx: TxInput) -> None:
    """Posting a form and cancelling it leaves every balance as it was; no double cancel."""
    with tempfile.TemporaryDirectory() as tmp, fresh_book(Path(tmp)) as book:
        play(book, opening, list(history))
        before, count = snapshot(book.conn), entry_count(book.conn)
        try:
            posted = post_tx(book, tx)
        except UserFacingError:
            assert snapshot(book.conn) == before
            assert entry_count(book.conn) == count
            return
        with book.write() as conn:
            cancel = reverse_entry(conn, ref=posted.ref, reason="salah ketik",
                                   device_id=book.device_id)
        after = snapshot(book.conn)
        assert {k: v for k, v in after.items() if k != "average"} == \
            {k: v for k, v in before.items() if k != "average"}
        assert after["average"] == before["average"], "last known average cost changed"
        for ref in (posted.ref, cancel.ref):
            with pytest.raises(InputError), book.write() as conn:
                reverse_entry(conn, ref=ref, reason="lagi", device_id=book.device_id)
        assert entry_count(book.conn) == count + 2


def reports(conn: sqlite3.Connection, days: list[tuple[dt.date, dt.date]]) -> list[object]:
    """Posisi keuangan, laba rugi, neraca saldo, arus kas and ekuitas JSON per period."""
    out: list[object] = []
    for first, last in (period(a, b) for a, b in days):
        out += [posisi_keuangan(conn, as_of=last).to_json(),
                laba_rugi(conn, start=first, end=last).to_json(),
                neraca_saldo(conn, as_of=last).to_json(),
                arus_kas(conn, start=first, end=last).to_json(),
                perubahan_ekuitas(conn, start=first, end=last).to_json()]
    return out


@SETTINGS
@given(opening=OPENING, ops=OPS, days=st.lists(st.tuples(REPORT_DATES, REPORT_DATES),
                                                min_size=1, max_size=4))
def test_export_import_gives_identical_reports(opening: OpeningInput | None,
                                               ops: list[TxInput | Reverse],
                                               days: list[tuple[dt.date, dt.date]]) -> None:
    """A journal exported and imported into a new business reports exactly the same."""
    days = [*days, (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
            (dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with fresh_book(data) as book:
            play(book, opening, ops)
            buffer = io.StringIO()
            export_journal(book.conn, buffer)
            expected = reports(book.conn, days)
            # every entry travels, Penyesuaian HPP included: the import has no stock moves to
            # re-cost, so the adjustments the costing booked must come across as they are
            entries = book.conn.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
        csv_file = data / "jurnal.csv"
        csv_file.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        with fresh_book(data, name="Salinan Bu Made") as copy:
            result = import_journal(copy, csv_file)
            assert result.entries == entries
            assert reports(copy.conn, days) == expected


TRADE = st.lists(st.tuples(st.sampled_from(("beli", "beli-utang", "jual", "jual-kredit")),
                           st.one_of(st.integers(1, 3), QTY), st.one_of(st.integers(1, 150), SEN),
                           st.booleans()), min_size=1, max_size=25)


@SETTINGS
@given(trades=TRADE)
@example(trades=[("beli", 2000, 15060, False), ("jual", 1999, 1, False),
                 ("jual", 1, 1, False)])
@example(trades=[("jual", 1, 1, False), ("beli", 1, 50, False)])
@example(trades=[("jual", 1, 1, False), ("beli", 1, 1, False)])
def test_moving_average_stock_matches_ledger(trades: list[tuple[str, int, int, bool]]) -> None:
    """Stock value equals the 1301 balance and quantity the sum of moves, after every step."""
    with tempfile.TemporaryDirectory() as tmp, fresh_book(Path(tmp)) as book:
        conn = book.conn
        item = get_item(conn, "KRP")
        for number, (action, qty, sen, priced) in enumerate(trades):
            level = stock_level(conn, item.id)
            day = (dt.date(2025, 1, 1) + dt.timedelta(days=number * 20)).isoformat()
            kind = "pembelian-persediaan" if action.startswith("beli") else (
                "penjualan-kredit" if action == "jual-kredit" else "penjualan-tunai")
            tx = TxInput(type=kind, date=day, amount=money(sen), item="KRP", qty=qty_text(qty),
                         via="utang" if action == "beli-utang" else "kas", party=PARTIES[0])
            if kind != "pembelian-persediaan" and priced:
                tx.amount = None
            post_tx(book, tx)
            after = stock_level(conn, item.id)
            ledger = conn.execute("SELECT COALESCE(SUM(debit - credit), 0) FROM account_day "
                                  "WHERE account = '1301'").fetchone()[0]
            # quantities are what was moved; values as costed in date order (Penyesuaian HPP
            # entries carry what the postings' own moves did not)
            moved = conn.execute("SELECT COALESCE(SUM(qty), 0), COALESCE(SUM(value), 0) "
                                 "FROM stock_cost WHERE item_id = ?", (item.id,)).fetchone()
            assert after.value == ledger, (number, level, after)
            assert (after.qty, after.value) == tuple(moved)
            assert after.qty < 0 or after.value >= 0, ("negative value on hand", level, after)
            assert after.qty != 0 or after.value == 0, ("value without stock", level, after)
            if kind == "pembelian-persediaan":
                assert after.qty == level.qty + qty
                if level.qty >= 0:
                    assert after.value == level.value + sen
            else:
                assert after.qty == level.qty - qty
                if 0 < qty <= level.qty:
                    cost = level.value - after.value
                    assert abs(cost * level.qty - level.value * qty) <= 50 * level.qty
