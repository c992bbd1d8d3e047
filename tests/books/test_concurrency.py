"""Two processes writing one business: the second waits, or fails cleanly with BusyError."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.errors import BusyError
from tests.books.conftest import PIN, post

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys, time
from pathlib import Path
from desktop.books.business import open_business
from desktop.books.forms import TxInput, post_tx

data_dir, key, pin, mode, arg, memo = sys.argv[1:7]
book = open_business(Path(data_dir), key, pin)
if mode == "hold":
    with book.write():
        print("ready", flush=True)
        time.sleep(float(arg))
    post_tx(book, TxInput(type="setoran-modal", date="2026-03-01", amount="1000", memo=memo))
else:
    print("ready", flush=True)
    for n in range(int(arg)):
        post_tx(book, TxInput(type="penjualan-tunai", date="2026-03-03", amount="100",
                              memo=f"{memo}-{n}"))
book.close()
print("done", flush=True)
"""


class Other:
    """A second Lumbung process working on the same business."""

    def __init__(self, book: Book, mode: str, arg: str, memo: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "LUMBUNG_BUSY_TIMEOUT_MS"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(book.data_dir), book.business.id, PIN, mode, arg,
             memo],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())
        self.lines.put("<eof>")

    def expect(self, word: str, timeout: float = 60) -> None:
        """Wait for a line from the other process, failing with its stderr if it died."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no '{word}' from the other process within {timeout} s")
            if line == word:
                return
            if line == "<eof>":
                assert self.proc.stderr is not None
                pytest.fail(f"other process ended before '{word}': {self.proc.stderr.read()}")

    def finish(self, timeout: float = 90) -> None:
        self.expect("done", timeout)
        assert self.proc.wait(timeout=timeout) == 0

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)


@pytest.fixture
def others() -> Iterator[list[Other]]:
    """Started processes; any still running at the end is stopped."""
    started: list[Other] = []
    yield started
    for other in started:
        other.stop()


def start(others: list[Other], book: Book, mode: str, arg: str, memo: str) -> Other:
    other = Other(book, mode, arg, memo)
    others.append(other)
    return other


def counts(book: Book) -> tuple[int, ...]:
    tables = ("entry", "line", "account_day", "cashflow_day", "outbox", "party")
    return tuple(book.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def memo_counts(book: Book) -> dict[str, int]:
    return dict(book.conn.execute("SELECT memo, count(*) FROM entry GROUP BY memo"))


def assert_sound(book: Book) -> None:
    """The file is intact and the books balance."""
    assert book.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert book.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    debit, credit = book.conn.execute("SELECT SUM(debit), SUM(credit) FROM line").fetchone()
    assert debit == credit
    kept = book.conn.execute("SELECT SUM(debit), SUM(credit) FROM account_day").fetchone()
    assert kept == (debit, credit)
    refs = book.conn.execute("SELECT count(*), count(DISTINCT ref) FROM entry").fetchone()
    assert refs[0] == refs[1]


def test_second_writer_waits_and_succeeds(book: Book, others: list[Other]) -> None:
    """While another process holds the write lock, posting waits for it, then succeeds."""
    holder = start(others, book, "hold", "1.5", "dari proses lain")
    holder.expect("ready")
    began = time.monotonic()
    post(book, "penjualan-tunai", amount=250_000, via="kas", memo="sambil menunggu")
    waited = time.monotonic() - began
    holder.finish()
    assert waited >= 0.5, f"posting did not wait for the other writer ({waited:.2f} s)"
    memos = memo_counts(book)
    assert memos.get("sambil menunggu") == 1
    assert memos.get("dari proses lain") == 1
    assert sum(memos.values()) == 2
    assert_sound(book)


def test_busy_timeout_gives_busy_error_and_stores_nothing(
    book: Book, others: list[Other], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a 200 ms busy timeout, a long-held lock gives BusyError quickly; nothing stored."""
    post(book, "setoran-modal", amount=5_000_000, via="kas", memo="modal awal")
    monkeypatch.setenv("LUMBUNG_BUSY_TIMEOUT_MS", "200")
    impatient = open_business(book.data_dir, book.business.id, PIN)
    try:
        holder = start(others, book, "hold", "5", "dari proses lain")
        holder.expect("ready")
        before = counts(impatient)
        began = time.monotonic()
        with pytest.raises(BusyError) as caught:
            post(impatient, "beban", amount=40_000, account="5201", via="kas", memo="ditolak")
        failed_after = time.monotonic() - began
        assert failed_after < 3.5, f"waited {failed_after:.2f} s despite a 200 ms timeout"
        assert holder.proc.poll() is None, "the other process let go too early for this test"
        message = caught.value.message()
        assert "sedang dipakai proses lain" in message and "coba lagi" in message
        assert caught.value.exit_code == 2
        assert not impatient.conn.in_transaction
        assert counts(impatient) == before
        holder.finish()
        post(impatient, "beban", amount=40_000, account="5201", via="kas", memo="setelahnya")
        memos = memo_counts(impatient)
        assert memos == {"modal awal": 1, "dari proses lain": 1, "setelahnya": 1}
        assert_sound(impatient)
    finally:
        impatient.close()
    assert memo_counts(book) == {"modal awal": 1, "dari proses lain": 1, "setelahnya": 1}


def test_many_writers_at_once_keep_every_entry_once(book: Book, others: list[Other]) -> None:
    """Two other processes and this one post at the same time: all entries, unique refs."""
    count = 25
    writers = [start(others, book, "many", str(count), name) for name in ("ani", "budi")]
    for writer in writers:
        writer.expect("ready")
    for n in range(count):
        post(book, "penjualan-tunai", date="2026-03-03", amount=100, via="kas", memo=f"ini-{n}")
    for writer in writers:
        writer.finish()
    memos = memo_counts(book)
    expected = {f"{who}-{n}": 1 for who in ("ani", "budi", "ini") for n in range(count)}
    assert memos == expected
    refs = [r[0] for r in book.conn.execute("SELECT ref FROM entry ORDER BY ref")]
    assert refs == [f"PT-2026-{n:06d}" for n in range(1, 3 * count + 1)]
    kas = book.conn.execute("SELECT SUM(debit) FROM line WHERE account = '1101'").fetchone()[0]
    assert kas == 3 * count * 100 * 100
    assert_sound(book)
