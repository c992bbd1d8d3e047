"""A nota's lines travel with its entry: PC A -> server -> PC B gives identical lines, and the
mall refuses a nota whose lines do not add up (issue 13)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from desktop.books.business import create_business, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.nota import nota_of
from desktop.books.stock import add_item
from protocol.entities import Invalid, check
from sync_client.wire import entry_data
from tests.sync.helpers import linked_pair, sync
from tests.sync.live import LiveServer


def _rows(conn: Any, entry_id: str) -> tuple[Any, list[Any]]:
    seq = conn.execute("SELECT seq FROM entry WHERE id = ?", (entry_id,)).fetchone()[0]
    head = conn.execute("SELECT channel, discount, total FROM nota WHERE entry_seq = ?",
                        (seq,)).fetchone()
    lines = conn.execute("SELECT line_no, item_id, name, qty, price, discount, total "
                         "FROM nota_line WHERE entry_seq = ? ORDER BY line_no", (seq,)).fetchall()
    return head, lines


def test_nota_lines_round_trip_between_two_pcs(live_sqlite: LiveServer, tmp_path: Path) -> None:
    ref = create_business(tmp_path / "pc1", name="Warung Nota", pin="1234")
    first = open_business(tmp_path / "pc1", ref.id, "1234")
    with first.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000,
                 barcode="8991234567890")
        add_item(conn, sku="SMB", name="Sambal", unit="btl", price=2_000_000)
    post_tx(first, TxInput(type="pembelian-persediaan", date="2026-03-01",
                           lines=["KRP:10@10000", "SMB:5@12000"], discount="10000"))
    second = linked_pair(live_sqlite, tmp_path, first)
    sold = post_tx(first, TxInput(type="penjualan-tunai", date="2026-03-03", via="qris",
                                  channel="whatsapp", discount="1000",
                                  lines=["8991234567890:3", "SMB:1-2000", "*Ongkir:1@5000"]))
    assert sync(first).status == "ok"
    assert sync(second).status == "ok"
    mine, theirs = _rows(first.conn, sold.entry_id), _rows(second.conn, sold.entry_id)
    assert mine[0] == ("whatsapp", 100_000, 6_700_000)
    assert len(mine[1]) == 3 and theirs == mine
    ref_b = second.conn.execute("SELECT ref FROM entry WHERE id = ?", (sold.entry_id,)
                                ).fetchone()[0]
    assert nota_of(second.conn, ref_b).to_json() == nota_of(first.conn, sold.ref).to_json()
    # the barcode merged too, so PC B's kasir finds the item by it
    assert second.conn.execute("SELECT sku FROM item WHERE barcode = '8991234567890'"
                               ).fetchone() == ("KRP",)
    first.close()
    second.close()


def _wire_nota(tmp_path: Path) -> dict[str, Any]:
    ref = create_business(tmp_path / "pc", name="Warung Cek", pin="1234")
    book = open_business(tmp_path / "pc", ref.id, "1234")
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000)
    posted = post_tx(book, TxInput(type="penjualan-tunai", date="2026-03-03",
                                   lines=["KRP:2", "*Bungkus:1@1000"], discount="500"))
    data = entry_data(book.conn, posted.entry_id)
    book.close()
    return data


@pytest.mark.parametrize(("tamper", "reason"), [
    (lambda n: n["lines"][0].__setitem__(5, 2_900_000), "baris nota 1: total"),
    (lambda n: n.__setitem__("total", 1), "total nota bukan jumlah baris"),
    (lambda n: n.__setitem__("channel", "pasar"), "'saluran'"),
    (lambda n: n["lines"][1].__setitem__(2, 0), "baris nota 2 jumlah"),
    (lambda n: n.__setitem__("lines", []), "nota butuh 1 sampai"),
])
def test_the_protocol_refuses_a_nota_that_does_not_add_up(tmp_path: Path, tamper: Any,
                                                          reason: str) -> None:
    data = _wire_nota(tmp_path)
    assert data["nota"]["total"] == 3_050_000  # 2 x 15.000 + 1.000 - 500
    check("entry", "insert", data)
    bad = copy.deepcopy(data)
    tamper(bad["nota"])
    with pytest.raises(Invalid, match=reason):
        check("entry", "insert", bad)


def test_the_books_and_the_protocol_share_the_channels() -> None:
    import re

    from desktop.books.store.schema_nota import V11
    from protocol.entities import CHANNELS

    listed = re.search(r"CHECK \(channel IN \(([^)]*)\)\)", V11)
    assert listed is not None
    assert tuple(re.findall(r"'([^']*)'", listed.group(1))) == CHANNELS
