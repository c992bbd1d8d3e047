"""Businesses on PCs that sync to a live mall, and a Dinas officer signed in to it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.dinas import set_consent
from desktop.books.forms import TxInput, post_tx
from server.security import create_user
from sync_client.link import link
from tests.sync.conftest import _no_os_keyring, db_url, live  # noqa: F401 - fixtures
from tests.sync.helpers import sync
from tests.sync.live import LiveServer

PIN = "2468"


class Mall:
    """A live mall, the PCs linked to it, and a way to sign in as a Dinas officer."""

    def __init__(self, server: LiveServer, root: Path) -> None:
        self.live, self.root = server, root
        self.books: dict[str, Book] = {}

    def business(self, name: str, *, consent: str, desa: str = "Tenganan",
                 kecamatan: str = "Manggis", secret: str = "") -> Book:
        """A linked business with two sales in January–February 2026, one to a named buyer."""
        data = self.root / name.replace(" ", "-")
        ref = create_business(data, name=name, pin=PIN, desa=desa, kecamatan=kecamatan,
                              category="makanan olahan")
        book = open_business(data, ref.id, PIN)
        post_tx(book, TxInput(type="penjualan-tunai", date="2026-01-10", amount="150000",
                              memo=f"memo rahasia {secret}"))
        post_tx(book, TxInput(type="penjualan-kredit", date="2026-02-03", amount="90000",
                              party=f"Pembeli {secret}"))
        user = re.sub(r"[^a-z]", "", name.lower())[:20]
        link(book, server=self.live.url, username=user,
             password=self.live.user(user, name))
        set_consent(book, level=consent)
        assert sync(book).status == "ok"
        self.books[name] = book
        return book

    def officer(self, role: str = "dinas") -> TestClient:
        """A browser signed in to /dinas."""
        with Session(self.live.app.state.engine) as session:
            create_user(session, username=f"petugas-{role}", password="rahasia-dinas",
                        role=role)
        client = TestClient(self.live.app)
        page = client.get("/dinas/masuk").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        reply = client.post("/dinas/masuk", data={"csrf": csrf.group(1),
                                                  "nama": f"petugas-{role}",
                                                  "sandi": "rahasia-dinas"},
                            follow_redirects=False)
        assert reply.status_code == 303, reply.text
        return client


@pytest.fixture
def mall(live: LiveServer, tmp_path: Path) -> Iterator[Mall]:  # noqa: F811
    made = Mall(live, tmp_path)
    yield made
    for book in made.books.values():
        book.close()
