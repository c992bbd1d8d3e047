"""Joining a business on this PC to its account on the mall, and restoring from it."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.books.book import Book
from desktop.books.business import (
    NewBusiness,
    create_restored_business,
    get_profile,
    open_business,
)
from desktop.books.errors import InputError
from desktop.books.store.connection import write_tx
from desktop.books.store.registry import BusinessRef, Registry
from sync_client import state
from sync_client.credentials import save_token
from sync_client.engine import Progress, Syncer, SyncResult
from sync_client.transport import Offline, Refused, ServerTrouble, Transport, Unauthorized

LOGIN_TROUBLE = (Offline, ServerTrouble, Unauthorized, Refused)


def explain_login_error(exc: Exception, server: str) -> InputError:
    """What went wrong with a login to the mall, as a refusal naming the field to fix."""
    if isinstance(exc, Unauthorized):
        return InputError("Nama pengguna atau kata sandi salah", field="password")
    if isinstance(exc, Refused):
        return InputError("Mall menolak: {reason}", field="server", value=server,
                          reason=str(exc))
    if isinstance(exc, ServerTrouble):
        return InputError("Server Mall di {value} sedang bermasalah; coba lagi nanti",
                          field="server", value=server)
    return InputError("Tidak bisa menghubungi Mall di {value}. Periksa alamatnya dan "
                      "sambungan internet", field="server", value=server)


def _login(server: str, username: str, password: str, book_id: str | None,
           transport: Transport | None) -> dict[str, object]:
    transport = transport or Transport(server)
    reply = transport.request("POST", "/api/v1/auth/device", retry=False, body={
        "username": username, "password": password, "book_id": book_id,
        "device_name": socket.gethostname()[:120]})
    assert isinstance(reply, dict)
    return reply


def _remember(conn: sqlite3.Connection, data_dir: Path, book_id: str, server: str,
              reply: dict[str, object]) -> None:
    business = reply["business"]
    assert isinstance(business, dict)
    old = state.read(conn)
    with write_tx(conn):
        for key, value in (("sync_server", server.rstrip("/")),
                           ("sync_device_id", str(reply["device_id"])),
                           ("sync_epoch", str(business["epoch"]))):
            state.set_value(conn, key, value)
        if old is None or old.server != server.rstrip("/") or old.epoch != business["epoch"]:
            state.set_value(conn, "sync_cursor", "0")
        number = int(str(reply["device_number"]))
        # The first PC keeps plain refs; every later one numbers its own (PT-2026-000001/2).
        has_tag = conn.execute("SELECT 1 FROM meta WHERE key = 'device_tag'").fetchone()
        if number > 1 or has_tag:
            state.set_value(conn, "device_tag", str(number))
    save_token(data_dir, book_id, str(reply["token"]))


def link(book: Book, *, server: str, username: str, password: str,
         transport: Transport | None = None) -> dict[str, object]:
    """Exchange the login for this PC's token and remember the server (the login is not kept)."""
    reply = _login(server, username, password, book.business.id, transport)
    _remember(book.conn, book.data_dir, book.business.id, server, reply)
    business = reply["business"]
    assert isinstance(business, dict)
    return {"server": server, "business": business["slug"], "device_id": reply["device_id"],
            "device_number": reply["device_number"]}


def restore_from_server(data_dir: Path, *, server: str, username: str, password: str, pin: str,
                        on_progress: Callable[[Progress], None] | None = None,
                        should_cancel: Callable[[], bool] | None = None,
                        transport: Transport | None = None) -> tuple[BusinessRef, SyncResult]:
    """Create this business on this PC from the server's copy, with a new PIN.

    A restore stopped half-way (cancelled, or the link dropped) keeps what arrived; the
    business is linked, so its next sync pulls the rest from where this one stopped.
    """
    reply = _login(server, username, password, None, transport)
    business = reply["business"]
    assert isinstance(business, dict)
    book_id = str(business["book_id"])
    ref = create_restored_business(data_dir, business_id=book_id, name=str(business["name"]),
                                   pin=pin)
    book = open_business(data_dir, ref.id, pin)
    try:
        _remember(book.conn, data_dir, book_id, server, reply)
        result = Syncer(book.conn, data_dir, on_progress=on_progress, should_cancel=should_cancel,
                        transport=transport).run()
        name = get_profile(book.conn).name
    finally:
        book.close()
    if name != ref.name:
        Registry(data_dir).rename(ref.id, name)
    found = Registry(data_dir).find(ref.id)
    return NewBusiness(found.id, found.slug, found.name, found.file,
                       recovery_code=ref.recovery_code), result
