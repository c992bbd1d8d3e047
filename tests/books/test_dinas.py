"""Consent, the Dinas profile and monthly summaries (issue 16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.books.book import Book
from desktop.books.dinas import (
    get_consent,
    get_dinas_profile,
    missing_certificates,
    set_consent,
    update_dinas_profile,
)
from desktop.books.dinas_summary import month_summary, queue_summaries, summary_id
from desktop.books.errors import InputError
from desktop.books.reports.statements import laba_rugi, posisi_keuangan
from protocol import entities
from protocol.dinas import size_class
from tests.books.conftest import fill_worked, post

TODAY = dt.date(2026, 2, 10)


def _queued(book: Book, entity: str) -> list[tuple[str, dict[str, object]]]:
    return [(r[0], json.loads(r[1])) for r in book.conn.execute(
        "SELECT entity_id, data FROM outbox WHERE entity = ? ORDER BY seq", (entity,))]


def test_consent_starts_at_none_and_changes_sync(book: Book) -> None:
    assert get_consent(book.conn) == "none"
    set_consent(book, level="ringkasan")
    set_consent(book, level="ringkasan")  # no change, nothing queued twice
    assert get_consent(book.conn) == "ringkasan"
    assert _queued(book, "consent") == [(book.business.id, {"dinas": "ringkasan"})]
    with pytest.raises(InputError, match="semua"):
        set_consent(book, level="semua")


def test_no_summary_leaves_without_consent(book: Book) -> None:
    fill_worked(book)
    with book.write() as conn:
        assert queue_summaries(conn, today=TODAY, business_id=book.business.id) == 0
    assert _queued(book, "summary") == []


def test_summaries_equal_the_statements_and_pass_the_protocol(book: Book) -> None:
    fill_worked(book)
    set_consent(book, level="profil")
    with book.write() as conn:
        assert queue_summaries(conn, today=TODAY, business_id=book.business.id) == 3
    queued = _queued(book, "summary")
    assert [d["month"] for _id, d in queued] == ["2025-12", "2026-01", "2026-02"]
    for entity_id, data in queued:
        entities.check("summary", "update", data)
        assert entity_id == summary_id(book.business.id, str(data["month"]))
    jan = month_summary(book.conn, "2026-01")
    lr = laba_rugi(book.conn, start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    pk = posisi_keuangan(book.conn, as_of=dt.date(2026, 1, 31))
    assert jan.laba == lr.laba_bersih and jan.omzet == 75_000 * 100
    assert (jan.aset, jan.utang, jan.modal) == (pk.total_aset, pk.total_liabilitas,
                                                pk.total_ekuitas)
    assert jan.kas == sum(x.amount for x in pk.aset if x.account in ("1101", "1102", "1103"))
    assert jan.notas == 1 and jan.channels == {"toko": jan.omzet}
    assert jan.kelas == "mikro" and jan.tahap == "persiapan"


def test_a_back_dated_entry_re_sends_the_months_it_changed(book: Book) -> None:
    fill_worked(book)
    set_consent(book, level="ringkasan")
    with book.write() as conn:
        queue_summaries(conn, today=TODAY, business_id=book.business.id)
    before = len(_queued(book, "summary"))
    with book.write() as conn:  # nothing changed: nothing queued
        assert queue_summaries(conn, today=TODAY, business_id=book.business.id) == 0
    post(book, "beban", date="2026-01-05", amount=50_000, account="5203")
    with book.write() as conn:
        assert queue_summaries(conn, today=TODAY, business_id=book.business.id) == 2
    months = [d["month"] for _id, d in _queued(book, "summary")[before:]]
    assert months == ["2026-01", "2026-02"]  # February's balances changed too, December not


def test_dinas_profile_is_checked_by_the_protocol_and_syncs(book: Book) -> None:
    update_dinas_profile(book, paid_women=2, family_men=1, halal_no="ID123",
                         halal_until="2025-12-31", materials=[["benang", "desa", 70]])
    profile = get_dinas_profile(book.conn)
    assert profile["paid_women"] == 2 and profile["materials"] == [["benang", "desa", 70]]
    (_id, data), = _queued(book, "dinas_profile")
    entities.check("dinas_profile", "update", data)
    assert "halal" in missing_certificates(profile, today=dt.date(2026, 1, 1))
    with pytest.raises(InputError, match="paid_men"):
        update_dinas_profile(book, paid_men=-1)
    with pytest.raises(InputError, match="materials"):
        update_dinas_profile(book, materials=[["benang", "mars", 10]])


def test_tenaga_kerja_enters_the_summary(book: Book) -> None:
    fill_worked(book)
    update_dinas_profile(book, paid_women=2, paid_men=1, family_women=1)
    assert month_summary(book.conn, "2026-01").tenaga_kerja == 4


@pytest.mark.parametrize(("modal", "omzet", "kelas"), [
    (1_000_000_000, 2_000_000_000, "mikro"), (1_000_000_001, 0, "kecil"),
    (0, 2_000_000_001, "kecil"), (5_000_000_001, 0, "menengah"),
    (0, 50_000_000_001, "besar")])
def test_size_class_follows_pp_7_2021(modal: int, omzet: int, kelas: str) -> None:
    assert size_class(modal_rupiah=modal, annual_omzet_rupiah=omzet) == kelas


def _listed(book: Book, day: str) -> None:
    from desktop.books.stock import add_item

    with book.write() as conn:
        item = add_item(conn, sku="TNN", name="Tenun", unit="lbr", price=50_000_000)
        conn.execute("INSERT INTO listing (id, item_id, slug, title, category, price, published, "
                     "created_at, updated_at) VALUES ('l1', ?, 'tenun', 'Tenun', 'kain-tenun', "
                     "50000000, 1, ?, ?)", (item.id, day, day))


def test_the_stage_follows_the_books_month_by_month(book: Book) -> None:
    post(book, "penjualan-tunai", date="2026-01-10", amount=100_000)
    assert month_summary(book.conn, "2026-01").tahap == "persiapan"
    _listed(book, "2026-02-01T08:00:00+00:00")
    assert month_summary(book.conn, "2026-01").tahap == "persiapan"  # listed only in February
    assert month_summary(book.conn, "2026-02").tahap == "kehadiran"
    with book.write() as conn:
        conn.execute("INSERT INTO shop_question (id, listing_id, name, question, answer, "
                     "asked_at, answered_at) VALUES ('q1', 'l1', 'Ani', 'Ada merah?', 'Ada', "
                     "'2026-03-02', '2026-03-03T10:00:00+00:00')")
    assert month_summary(book.conn, "2026-03").tahap == "portal"
    for day in ("2026-04-02", "2026-04-09", "2026-04-16"):
        post(book, "penjualan-tunai", date=day, amount=100_000)
    assert month_summary(book.conn, "2026-04").tahap == "portal"  # no digital payment yet
    post(book, "penjualan-tunai", date="2026-04-23", amount=100_000, via="qris")
    assert month_summary(book.conn, "2026-04").tahap == "ti"


def test_mall_sales_are_their_own_channel(book: Book) -> None:
    mall_sale = post(book, "penjualan-tunai", date="2026-01-10", amount=300_000, via="bank")
    post(book, "penjualan-tunai", date="2026-01-11", amount=100_000)
    with book.write() as conn:
        conn.execute(
            "INSERT INTO shop_order (id, code, sku, qty, unit_price, total, buyer_name, "
            "buyer_phone, address, payment_method, status, sale_ref, created_at, updated_at) "
            "VALUES ('o1', 'MALL1', 'X', 1, 30000000, 30000000, 'Budi', '62812', 'Jl', "
            "'transfer', 'selesai', ?, '2026-01-09', '2026-01-10')", (mall_sale.ref,))
    jan = month_summary(book.conn, "2026-01")
    assert jan.channels == {"toko": 10_000_000, "mall": 30_000_000}
    assert jan.omzet == 40_000_000 and jan.notas == 2


def test_a_notas_channel_and_its_cancellation_split_the_omzet(book: Book) -> None:
    from desktop.books.forms import TxInput, post_tx
    from desktop.books.ledger import reverse_entry

    post_tx(book, TxInput(type="penjualan-tunai", date="2026-01-05",
                          lines=["*Nasi kotak:2@25000"], channel="whatsapp"))
    shopee = post_tx(book, TxInput(type="penjualan-tunai", date="2026-01-06",
                                   lines=["*Kue lapis:1@70000"], channel="shopee"))
    post(book, "penjualan-tunai", date="2026-01-07", amount=20_000)
    jan = month_summary(book.conn, "2026-01")
    assert jan.channels == {"toko": 2_000_000, "whatsapp": 5_000_000, "shopee": 7_000_000}
    with book.write() as conn:
        reverse_entry(conn, ref=shopee.ref, reason="salah catat", device_id=book.device_id,
                      date="2026-01-08")
    jan = month_summary(book.conn, "2026-01")
    assert jan.channels == {"toko": 2_000_000, "whatsapp": 5_000_000}
    assert sum(jan.channels.values()) == jan.omzet
