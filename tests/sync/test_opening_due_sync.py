"""A saldo awal due date set on one PC reaches the other, and both age the piutang alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.parties import set_opening_due
from desktop.books.reports.aging import umur
from tests.sync.conftest import demo_pc
from tests.sync.helpers import linked_pair, sync
from tests.sync.live import LiveServer

PARTY = "Warung Bu Komang"  # the demo's saldo awal piutang


@pytest.fixture
def pc(tmp_path: Path) -> Iterator[Book]:
    book = demo_pc(tmp_path)
    yield book
    book.close()


def _opening_due(book: Book, as_of: dt.date) -> list[dt.date]:
    report = umur(book.conn, kind="piutang", as_of=as_of)
    return [item.due for party in report.parties if party.party == PARTY
            for item in party.items if item.ref.startswith("SA-")]


def test_an_opening_due_date_syncs(pc: Book, live_sqlite: LiveServer) -> None:
    second = linked_pair(live_sqlite, pc.data_dir.parent, pc)
    try:
        opened = pc.conn.execute("SELECT date FROM entry WHERE kind = 'saldo-awal'").fetchone()[0]
        due = dt.date.fromisoformat(opened) + dt.timedelta(days=500)
        with pc.write() as conn:
            set_opening_due(conn, name=PARTY, due=due)
        assert sync(pc).status == "ok" and sync(second).status == "ok"
        as_of = due - dt.timedelta(days=1)
        assert _opening_due(second, as_of) == _opening_due(pc, as_of) == [due]
    finally:
        second.close()
