"""The owner's static QRIS comes back from the mall: on a PC restored from the server and on
the business's other PCs, last writer wins like every profile field."""

from __future__ import annotations

from pathlib import Path

from desktop.books.business import create_business, open_business
from desktop.books.qris import get_qris, save_qris
from sync_client.apply import SetAside, apply_changes
from tests.books.test_qris import qris_payload
from tests.sync.helpers import linked_pair, sync
from tests.sync.live import LiveServer


def test_a_restored_pc_gets_the_qris_and_later_changes_travel_both_ways(
        live_sqlite: LiveServer, tmp_path: Path) -> None:
    ref = create_business(tmp_path / "pc1", name="Keripik Pisang Bu Made", pin="1234")
    first = open_business(tmp_path / "pc1", ref.id, "1234")
    save_qris(first, qris_payload())
    second = linked_pair(live_sqlite, tmp_path, first)
    try:
        restored = get_qris(second.conn)
        assert restored is not None and restored.payload == qris_payload()
        assert restored.merchant == "WARUNG BU SARI"
        # a new code saved on the second PC reaches the first; removing it does too
        save_qris(second, qris_payload(merchant="BU MADE"))
        assert sync(second).status == "ok" and sync(first).status == "ok"
        assert get_qris(first.conn).merchant == "BU MADE"  # type: ignore[union-attr]
        save_qris(first, None)
        assert sync(first).status == "ok" and sync(second).status == "ok"
        assert get_qris(second.conn) is None
    finally:
        second.close()
        first.close()


def test_an_older_pulled_qris_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    ref = create_business(tmp_path / "pc", name="Warung Bu Sari", pin="1234")
    book = open_business(tmp_path / "pc", ref.id, "1234")
    try:
        save_qris(book, qris_payload(merchant="BARU"))
        old = {"entity": "profile", "entity_id": ref.id, "op": "update",
               "hlc": "000000000000001:00000:a1", "data": {"qris_payload": qris_payload()}}
        with book.write() as conn:
            apply_changes(conn, [old])
        assert get_qris(book.conn).merchant == "BARU"  # type: ignore[union-attr]
        # a newer change whose payload is no QRIS is set aside, the saved code stays
        (mine,) = book.conn.execute("SELECT hlc FROM field_clock WHERE entity = 'profile' "
                                    "AND field = 'qris_payload'").fetchone()
        millis, counter, node = mine.split(":")
        newer = f"{millis}:{int(counter) + 1:05d}:{node}"
        broken = dict(old, hlc=newer, data={"qris_payload": "000201rusak", "owner": "Sari"})
        aside: list[SetAside] = []
        with book.write() as conn:
            apply_changes(conn, [broken], aside=aside)
        assert get_qris(book.conn).merchant == "BARU"  # type: ignore[union-attr]
        assert len(aside) == 1 and "qris_payload" in aside[0].reason
    finally:
        book.close()
