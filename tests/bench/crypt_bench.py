"""(m) What encryption at rest costs: the same work on encrypted books and on a plain twin.

The plain twin is the encrypted book decrypted with `sqlcipher_export` in this run, opened
through the same `connect` without a key; both are timed in this process, alternating.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop.books.book import Book
from desktop.books.business import _open_file, create_business, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.journal_csv import import_journal
from desktop.books.reports.statements import laba_rugi, posisi_keuangan
from desktop.books.store import keyfile
from desktop.books.store.connection import open_db
from desktop.books.store.registry import BusinessRef, Registry
from tests.bench.generate import BookFiles
from tests.bench.measure import Result, time_calls

PIN = "1234"
RUNS = {"import": 2, "report": 11, "posts": 100, "open": 5, "kdf": 5}


def crypt_rows(book: BookFiles, data_dir: Path, slug: str, work: Path,
               checks: dict[str, bool], *, say: Callable[[str], None]) -> list[Result]:
    """Import, a report, a post and open+report, encrypted against plain, and the KDF cost."""
    end = dt.date.fromisoformat(str(book.meta["end"]))
    start = dt.date.fromisoformat(str(book.meta["start"]))
    ref = Registry(data_dir).find(slug)
    say("(m) encryption: plain twin of the imported book")
    plain_dir = work / "polos"
    plain_ref = _plain_twin(data_dir, ref, plain_dir)
    enc, plain = open_business(data_dir, slug, PIN), _open_file(plain_dir, plain_ref, None)
    try:
        checks["(m) the plain twin gives the same statements"] = (
            posisi_keuangan(enc.conn, as_of=end).to_json()
            == posisi_keuangan(plain.conn, as_of=end).to_json())
        say(f"(m) reports: {RUNS['report']} runs each")
        rep_enc = time_calls(lambda: laba_rugi(enc.conn, start=start, end=end), RUNS["report"])
        rep_plain = time_calls(lambda: laba_rugi(plain.conn, start=start, end=end),
                               RUNS["report"])
        say(f"(m) posting: {RUNS['posts']} forms each")
        post_enc = time_calls(_poster(enc, end), RUNS["posts"])
        post_plain = time_calls(_poster(plain, end), RUNS["posts"])
    finally:
        enc.close()
        plain.close()
    say(f"(m) open + report: {RUNS['open']} runs each")
    open_enc = time_calls(lambda: _open_report(lambda: open_business(data_dir, slug, PIN), end),
                          RUNS["open"])
    open_plain = time_calls(lambda: _open_report(lambda: _open_file(plain_dir, plain_ref, None),
                                                 end), RUNS["open"])
    say(f"(m) import of {book.csv.name}: {RUNS['import']} × (encrypted, plain)")
    imp_enc, imp_plain = _imports(book.csv, work, RUNS["import"])
    kdf_pin = _kdf(keyfile.PIN_COST)
    kdf_code = _kdf(keyfile.RECOVERY_COST)
    same = "same work on the plain twin (same run)"
    note = "ratio = encrypted ÷ plain"
    return [
        Result("m", "journal import (in-process), encrypted", "s", imp_enc, None, same,
               imp_plain, note=note),
        Result("m", f"laba_rugi({start}..{end}) in-process, encrypted", "s", rep_enc, None,
               same, rep_plain, note=note),
        Result("m", "post_tx(penjualan-tunai) per posting, encrypted", "s", post_enc, None,
               same, post_plain, note=note),
        Result("m", "open (PIN, scrypt) + posisi_keuangan, encrypted", "s", open_enc, None,
               "open without key + posisi_keuangan (plain)", open_plain,
               note="the PIN's scrypt is most of the difference; it runs once per open"),
        Result("m", "scrypt of the PIN (N=2^17, r=8, p=1, 128 MiB)", "s", kdf_pin,
               note="once per CLI command that opens a business, and per unlock in the app"),
        Result("m", "scrypt of the recovery code (N=2^14, r=8, p=1)", "s", kdf_code,
               note="at business create, reset-pin and recovery-code"),
    ]


def _plain_twin(data_dir: Path, ref: BusinessRef, plain_dir: Path) -> BusinessRef:
    """Decrypt the book into another data directory, registered there under the same id."""
    key = keyfile.unlock_with_pin(keyfile.keyfile_path(ref.file), PIN)
    target = plain_dir / "books" / ref.file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = open_db(ref.file, key=key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute("ATTACH DATABASE ? AS polos KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('polos')")
        conn.execute(f"PRAGMA polos.user_version = {version}")
        conn.execute(f"PRAGMA polos.application_id = {app_id}")
        conn.execute("DETACH DATABASE polos")
    finally:
        conn.close()
    return Registry(plain_dir).add(business_id=ref.id, name=ref.name, file=target)


def _poster(book: Book, day: dt.date) -> Callable[[], object]:
    return lambda: post_tx(book, TxInput(type="penjualan-tunai", date=day.isoformat(),
                                         amount="15000"))


def _open_report(opener: Callable[[], Book], end: dt.date) -> None:
    book = opener()
    try:
        posisi_keuangan(book.conn, as_of=end)
    finally:
        book.close()


def _imports(csv: Path, work: Path, runs: int) -> tuple[list[float], list[float]]:
    """Import the journal into a fresh encrypted book and its fresh plain twin, alternating."""
    encrypted: list[float] = []
    plain: list[float] = []
    for n in range(runs):
        folder, plain_dir = work / f"impor-{n}", work / f"impor-polos-{n}"
        ref = create_business(folder, name="Toko Bench Enkripsi", pin=PIN)
        twin_ref = _plain_twin(folder, ref, plain_dir)  # both empty, same chart
        books = ((open_business(folder, ref.id, PIN), encrypted),
                 (_open_file(plain_dir, twin_ref, None), plain))
        for opened, samples in books:
            try:
                samples += time_calls(lambda b=opened: import_journal(b, csv), 1)  # type: ignore[misc]
            finally:
                opened.close()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(plain_dir, ignore_errors=True)
    return encrypted, plain


def _kdf(cost: keyfile.Cost) -> list[float]:
    salt = b"\x00" * 16
    return time_calls(lambda: hashlib.scrypt(b"123456", salt=salt, n=cost.n, r=cost.r,
                                             p=cost.p, maxmem=cost.maxmem, dklen=32),
                      RUNS["kdf"])
