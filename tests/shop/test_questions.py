"""Buyers' questions answered from the desktop, and the owner's payment instructions on the mall."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import requests

from desktop.books.book import Book
from desktop.books.business import get_profile, update_profile
from desktop.books.errors import InputError, NotFoundError
from desktop.shop.listings import add_listing
from desktop.shop.questions import answer_question, get_question, list_questions, store_question
from sync_client.apply import apply_changes
from sync_client.link import link
from tests.cli.test_cli import Cli
from tests.shop.test_loop import mall  # noqa: F401 - the live server fixture
from tests.sync.helpers import sync
from tests.sync.live import LiveServer

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def _ask(url: str, slug: str, name: str, text: str) -> None:
    """Ask on the product page the way a buyer's phone does (form page, cookie, post)."""
    buyer = requests.Session()
    form = buyer.get(f"{url}/produk/{slug}/tanya", timeout=10)
    asked = buyer.post(f"{url}/produk/{slug}/tanya", timeout=10, data={
        "csrf": TOKEN.findall(form.text)[0], "nama": name, "pertanyaan": text})
    assert asked.status_code == 200 and asked.url.endswith("#tanya-jawab"), asked.text[:300]


def _outbox(book: Book, entity: str) -> list[str]:
    return [row[0] for row in book.conn.execute(
        "SELECT data FROM outbox WHERE entity = ? ORDER BY seq", (entity,))]


def test_question_answered_on_the_desktop_shows_on_the_product_page(
        shop: Book, mall: LiveServer) -> None:  # noqa: F811
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    update_profile(shop, payment_transfer="BRI 1234-01-000123-50-1 a.n. Made Sari",
                   payment_cod="Hanya untuk Kecamatan Abang")
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original", price=1_500_000,
                    publish=True)
    assert sync(shop).rejected == []
    slug = requests.get(f"{mall.url}/api/v1/products", timeout=10).json()["items"][0]["slug"]
    order_form = requests.get(f"{mall.url}/produk/{slug}/pesan", timeout=10).text
    assert "BRI 1234-01-000123-50-1 a.n. Made Sari" in order_form
    assert "Hanya untuk Kecamatan Abang" in order_form

    _ask(mall.url, slug, "Wayan", "Apakah pedas? <b>tolong</b> jawab")
    assert sync(shop).pulled >= 1
    (question,) = list_questions(shop.conn, unanswered=True)
    assert (question.sku, question.name, question.question) == (
        "KRP-ORI", "Wayan", "Apakah pedas? <b>tolong</b> jawab")
    with shop.write() as conn:
        answer_question(conn, question.id[:8], "Tidak pedas, rasa original & gurih.")
    assert list_questions(shop.conn, unanswered=True) == []
    assert sync(shop).rejected == []
    page = requests.get(f"{mall.url}/produk/{slug}", timeout=10).text
    assert "Tidak pedas, rasa original &amp; gurih." in page
    assert "&lt;b&gt;tolong&lt;/b&gt;" in page and "<b>tolong</b>" not in page

    with shop.write() as conn:  # a corrected answer replaces the first one
        answer_question(conn, question.id, "Tidak pedas. Ada juga varian balado.")
    assert sync(shop).rejected == []
    page = requests.get(f"{mall.url}/produk/{slug}", timeout=10).text
    assert "varian balado" in page and "rasa original" not in page


def test_answer_to_a_question_the_mall_does_not_hold_is_refused_by_name(
        shop: Book, mall: LiveServer) -> None:  # noqa: F811
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    stray = str(uuid.uuid4())  # e.g. another business's question id, typed in by hand
    with shop.write() as conn:
        store_question(conn, stray, {"listing": str(uuid.uuid4()), "name": "X",
                                     "question": "?", "created_at": "2026-11-20T10:00:00"})
        answer_question(conn, stray, "Jawaban")
    result = sync(shop)
    assert [r["reason"] for r in result.rejected] == ["Pertanyaan tidak ditemukan"]


def test_answers_are_checked_and_nothing_half_done_is_kept(shop: Book) -> None:
    ids = [f"aaaaaaaa-0000-4000-8000-00000000000{n}" for n in (1, 2)]
    with shop.write() as conn:
        for n, qid in enumerate(ids):
            store_question(conn, qid, {"listing": "L", "name": f"Pembeli {n}",
                                       "question": "Ada ukuran 500 g?",
                                       "created_at": f"2026-11-2{n}T08:00:00"})
    with shop.write() as conn, pytest.raises(InputError, match="Jawaban wajib diisi"):
        answer_question(conn, ids[0], "   ")
    with shop.write() as conn, pytest.raises(InputError, match="paling panjang 2000"):
        answer_question(conn, ids[0], "x" * 2001)
    with shop.write() as conn, pytest.raises(InputError, match="lebih dari satu"):
        answer_question(conn, "aaaaaaaa", "Ada")
    with shop.write() as conn, pytest.raises(NotFoundError, match="tidak ada"):
        answer_question(conn, "bbbbbbbb-0000", "Ada")
    assert _outbox(shop, "answer") == []
    assert [q.name for q in list_questions(shop.conn)] == ["Pembeli 1", "Pembeli 0"]


def test_an_older_answer_from_another_pc_does_not_overwrite_a_newer_one(shop: Book) -> None:
    qid = "cccccccc-0000-4000-8000-000000000001"
    with shop.write() as conn:
        store_question(conn, qid, {"listing": "L", "name": "Ayu", "question": "Halal?",
                                   "created_at": "2026-11-20T08:00:00"})
        answer_question(conn, qid, "Sudah halal, nomor ID3110000123.")
    older = {"entity": "answer", "entity_id": qid, "op": "insert", "hlc": None,
             "received_at": "2020-01-01T00:00:00.000+00:00",
             "data": {"question": qid, "answer": "Jawaban lama"}}
    with shop.write() as conn:
        assert apply_changes(conn, [older]) == 0
    assert get_question(shop.conn, qid).answer == "Sudah halal, nomor ID3110000123."
    newer = {**older, "received_at": "2099-01-01T00:00:00+00:00",
             "data": {"question": qid, "answer": "Jawaban dari PC kedua"}}
    with shop.write() as conn:
        assert apply_changes(conn, [newer]) == 1
    assert get_question(shop.conn, qid).answer == "Jawaban dari PC kedua"


def test_payment_instructions_are_limited(shop: Book) -> None:
    queued = _outbox(shop, "profile")
    with pytest.raises(InputError, match="paling panjang 500") as refused:
        update_profile(shop, payment_qris="q" * 501)
    assert refused.value.field == "payment_qris"
    assert get_profile(shop.conn).payment_qris == ""
    assert _outbox(shop, "profile") == queued


def test_question_cli(tmp_path: Path) -> None:
    from desktop.books.business import open_business

    cli = Cli(tmp_path / "data")
    cli("demo")
    me = ("--business", "keripik-pisang-bu-made", "--pin", "1234")
    book = open_business(tmp_path / "data", "keripik-pisang-bu-made", "1234")
    try:
        with book.write() as conn:
            store_question(conn, "dddddddd-0000-4000-8000-000000000001",
                           {"listing": "L", "name": "Komang", "question": "Bisa kirim ke Bima?",
                            "created_at": "2026-11-22T09:00:00"})
    finally:
        book.close()
    listed = cli.json("question", "list", *me, "--unanswered", "--json")
    assert [(q["name"], q["answer"]) for q in listed] == [("Komang", "")]  # type: ignore
    done = cli.json("question", "answer", "dddddddd", "--text", "Bisa, lewat JNE.", *me,
                    "--json")
    assert done["answer"] == "Bisa, lewat JNE." and done["answered_at"]  # type: ignore[index]
    assert cli.json("question", "list", *me, "--unanswered", "--json") == []
    empty = cli("question", "answer", "dddddddd", "--text", " ", *me, ok=False)
    assert empty.returncode == 2 and "Jawaban wajib diisi" in empty.stderr


def test_a_question_the_kurator_hid_leaves_the_desktop(shop: Book) -> None:
    qid = "ffffffff-0000-4000-8000-000000000001"
    asked = {"entity": "question", "entity_id": qid, "op": "insert", "hlc": None,
             "data": {"listing": "ffffffff-0000-4000-8000-0000000000aa", "name": "Iseng", "question": "spam",
                      "created_at": "2026-11-20T08:00:00"}}
    with shop.write() as conn:
        assert apply_changes(conn, [asked, asked]) == 1  # pulled twice, kept once
    assert [q.id for q in list_questions(shop.conn)] == [qid]
    with shop.write() as conn:
        assert apply_changes(conn, [{**asked, "op": "delete", "data": {}}]) == 1
    assert list_questions(shop.conn) == []
