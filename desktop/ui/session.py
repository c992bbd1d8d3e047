"""The open business of the window, and the only way pages reach the books."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.books.backup import auto_backup
from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.store.registry import BusinessRef, Registry
from desktop.ui.errors import log_unexpected
from desktop.ui.worker import Failed, SyncWorker, Worker

if TYPE_CHECKING:
    from desktop.ui.sync_runner import SyncRunner

T = TypeVar("T")

# What a write can change; each page says which of these make it stale.
CHANGES = ("entries", "stock", "parties", "accounts", "profile", "assets", "period", "settings",
           "shop")


class Session(QObject):
    """Holds the one open `Book`; runs every job on the serial worker; announces changes.

    The `Book` is only touched inside jobs, so SQLite is only used on the worker's thread.
    Closing the session (lock, switch business) closes the connection and forgets the
    business, so nothing of the previous owner stays in memory.
    """

    opened = Signal(object)   # BusinessRef
    closed = Signal()
    changed = Signal(object)  # frozenset of CHANGES
    renamed = Signal(object)  # BusinessRef, after the profile's name changed

    def __init__(self, data_dir: Path, worker: Worker | SyncWorker,
                 on_error: Failed | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.worker = worker
        self.on_error = on_error
        self.business: BusinessRef | None = None
        self._book: Book | None = None
        self.sync: SyncRunner | None = None  # given by the main window
        self.pendamping = False  # show account codes and debit/credit (the window's setting)
        self.seen_hints: set[str] = set()  # forms whose one first-time hint was shown
        self.hint_seen: Callable[[str], None] | None = None
        self.changed.connect(self._follow_profile)

    def _follow_profile(self, changes: frozenset[str]) -> None:
        """Keep the business's name (sidebar, window title) in step with its profile."""
        if "profile" not in changes or self._book is None:
            return

        def reread(book: Book) -> BusinessRef | None:
            ref = Registry(self.data_dir).get(book.business.id)
            if ref is not None:
                book.business = ref
            return ref

        def renamed(ref: BusinessRef | None) -> None:
            if ref is not None and self._book is not None:
                self.business = ref
                self.renamed.emit(ref)

        self.run(reread, done=renamed)

    @property
    def book_key(self) -> bytes | None:
        """The open books' data key, for a second connection on another thread."""
        return self._book.key if self._book is not None else None

    def take_recovery_code(self) -> str | None:
        """The recovery code made when opening just encrypted older plain books (once)."""
        book = self._book
        if book is None or not book.recovery_code:
            return None
        code, book.recovery_code = book.recovery_code, None
        return code

    @property
    def is_open(self) -> bool:
        """Whether a business is open."""
        return self.business is not None

    def open(self, key: str, pin: str, *, done: Callable[[BusinessRef], None] | None = None,
             failed: Failed | None = None) -> None:
        """Open a business with its PIN; a wrong PIN reaches `failed` as an AuthError."""
        self.close()

        def work() -> Book:
            return open_business(self.data_dir, key, pin)

        def opened(book: Book) -> None:
            self._book = book
            self.business = book.business
            self.opened.emit(book.business)
            if done:
                done(book.business)

        self.worker.submit(work, done=opened, failed=failed or self.on_error)

    def close(self) -> None:
        """Close the open business (lock or switch) and forget its data."""
        if self._book is None:
            return
        book, self._book, self.business = self._book, None, None
        # First a copy into the owner's backup folder (a USB drive), if one is chosen; a
        # missing drive or a failed copy never stops the closing, it is only logged.
        self.worker.submit(lambda: auto_backup(book), failed=_log_only)
        self.worker.submit(book.close)
        self.closed.emit()

    def run(self, work: Callable[[Book], T], *, done: Callable[[T], None] | None = None,
            failed: Failed | None = None, changes: Iterable[str] = ()) -> None:
        """Run `work(book)` on the worker; then `done(result)` and announce `changes`."""
        flags = frozenset(changes)
        book = self._book
        if book is None:
            return

        def finished(result: Any) -> None:
            if self._book is not book:  # locked or switched meanwhile: its pages are gone
                return
            if done:
                done(result)
            if flags:
                self.changed.emit(flags)

        self.worker.submit(lambda: work(book), done=finished, failed=failed or self.on_error)

    def run_plain(self, work: Callable[[], T], *, done: Callable[[T], None] | None = None,
                  failed: Failed | None = None) -> None:
        """Run work that needs no open business (the registry, creating, restoring)."""
        self.worker.submit(work, done=done, failed=failed or self.on_error)


def _log_only(exc: BaseException) -> None:
    log_unexpected(exc)
