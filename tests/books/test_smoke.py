"""The demo business builds and its statements balance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.books.business import open_business
from desktop.books.demo import DEMO_PIN, create_demo
from desktop.books.reports.statements import neraca_saldo, posisi_keuangan


def test_demo_statements_balance(tmp_path: Path) -> None:
    ref, created = create_demo(tmp_path, today=dt.date(2026, 11, 23))
    assert created
    book = open_business(tmp_path, ref.slug, DEMO_PIN)
    pos = posisi_keuangan(book.conn, as_of=dt.date(2026, 10, 31))
    assert pos.total_aset == pos.total_liabilitas + pos.total_ekuitas
    assert pos.total_aset > 0
    trial = neraca_saldo(book.conn, as_of=dt.date(2026, 10, 31)).to_json()
    assert trial["total_debit"] == trial["total_credit"]
    assert create_demo(tmp_path)[1] is False
    book.close()
