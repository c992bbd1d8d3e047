"""The `mandiri` (Autonomy) e-UMKM stage: net sales on two or more online channels in each of
the last three months, on top of the `ti` rules (docs/dinas.md)."""

from __future__ import annotations

from desktop.books.book import Book
from desktop.books.dinas_summary import month_summary
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import reverse_entry
from tests.books.conftest import book, data_dir, post  # noqa: F401 - fixtures and a helper
from tests.books.test_dinas import _listed


def _nota(book: Book, day: str, channel: str) -> str:  # noqa: F811
    return post_tx(book, TxInput(type="penjualan-tunai", date=day, lines=["*Tenun:1@50000"],
                                 channel=channel)).ref


def _month(book: Book, month: str, channels: tuple[str, ...]) -> dict[str, str]:  # noqa: F811
    """A month that meets `ti` (4+ entries, a QRIS payment) with sales on `channels`."""
    refs = {channel: _nota(book, f"{month}-{5 + n:02d}", channel)
            for n, channel in enumerate(channels)}
    post(book, "penjualan-tunai", date=f"{month}-20", amount=30_000, via="qris")
    for day in ("21", "22"):
        post(book, "penjualan-tunai", date=f"{month}-{day}", amount=10_000)
    return refs


def test_mandiri_needs_two_online_channels_three_months_running(book: Book) -> None:  # noqa: F811
    _listed(book, "2026-01-01T08:00:00+00:00")
    with book.write() as conn:
        conn.execute("INSERT INTO shop_question (id, listing_id, name, question, answer, "
                     "asked_at, answered_at) VALUES ('q1', 'l1', 'Ani', 'Ada merah?', 'Ada', "
                     "'2026-01-02', '2026-01-03T10:00:00+00:00')")
    _month(book, "2026-02", ("whatsapp", "shopee"))
    _month(book, "2026-03", ("mall", "sosmed"))
    april = _month(book, "2026-04", ("whatsapp", "tokopedia"))
    assert [month_summary(book.conn, m).tahap for m in ("2026-02", "2026-03", "2026-04")] == \
        ["ti", "ti", "mandiri"]                    # two months are not yet "steadily"
    _month(book, "2026-05", ("whatsapp", "lainnya", "toko"))
    assert month_summary(book.conn, "2026-05").tahap == "ti"  # shop and "lainnya" are offline
    with book.write() as conn:
        reverse_entry(conn, ref=april["tokopedia"], reason="batal", device_id=book.device_id,
                      date="2026-04-25")
    assert month_summary(book.conn, "2026-04").tahap == "ti"  # a cancelled sale is no sale
