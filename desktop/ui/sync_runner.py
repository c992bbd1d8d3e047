"""Sync with the mall for the open business: on request, and by itself every few minutes.

Network work runs on its own thread (the `net` worker) with its own connection to the books,
so a slow village link never holds up the database worker the pages use. The runner keeps
the last status and result; the indicator and Pengaturan → Mall only draw what it announces.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.books.book import Book
from desktop.books.business import open_again
from desktop.ui.session import CHANGES, Session
from desktop.ui.worker import Failed, SyncWorker, Worker
from sync_client.engine import Syncer, SyncResult
from sync_client.status import SyncStatus, sync_status

AUTO_MINUTES = 5
FIRST_AUTO_MS = 15_000  # soon after opening, once the window has settled


class SyncRunner(QObject):
    """One sync at a time for the open business; announces status, progress and results."""

    status_changed = Signal(object)  # SyncStatus
    progress = Signal(object)        # sync_client.engine.Progress
    running_changed = Signal(bool)
    finished = Signal(object)        # SyncResult

    def __init__(self, session: Session, net: Worker | SyncWorker,
                 auto_minutes: int = AUTO_MINUTES) -> None:
        super().__init__()
        self.session = session
        self.net = net
        self.status: SyncStatus | None = None
        self.result: SyncResult | None = None
        self.running = False
        self._cancel = threading.Event()
        self.timer = QTimer(self)
        self.timer.setInterval(auto_minutes * 60_000)
        self.timer.timeout.connect(lambda: self.sync_now(auto=True))
        session.opened.connect(lambda _ref: self._opened())
        session.closed.connect(self._closed)
        session.changed.connect(lambda _flags: self.refresh())

    # -- status --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the link state from the books (no network)."""
        self.session.run(lambda book: sync_status(book.conn), done=self._got_status)

    def _got_status(self, status: SyncStatus) -> None:
        first = self.status is None or not self.status.linked
        self.status = status
        if status.linked and first and not self.timer.isActive():
            self.timer.start()
            QTimer.singleShot(FIRST_AUTO_MS, lambda: self.sync_now(auto=True))
        self.status_changed.emit(status)

    def _opened(self) -> None:
        self.status, self.result = None, None
        self.refresh()

    def _closed(self) -> None:
        self.timer.stop()
        self._cancel.set()  # a running sync stops at its next batch and closes its connection
        self.status, self.result = None, None

    # -- work on the network thread ------------------------------------------------------------
    def _on_own_connection(self, work: Callable[[Book], Any], done: Callable[[Any], None],
                           failed: Failed | None = None) -> bool:
        """Run `work` with a second connection to the open business on the network thread."""
        opened = self.session.business
        if opened is None or self.running:
            return False
        data_dir = self.session.data_dir
        key = self.session.book_key
        self._cancel = threading.Event()
        self.running = True
        self.running_changed.emit(True)

        def job() -> Any:
            own = open_again(data_dir, opened, key=key)
            try:
                return work(own)
            finally:
                own.close()

        def finish(result: Any) -> None:
            self.running = False
            self.running_changed.emit(False)
            if self.session.business is opened:
                done(result)

        def fail(exc: BaseException) -> None:
            self.running = False
            self.running_changed.emit(False)
            (failed or self.session.on_error or (lambda _e: None))(exc)

        self.net.submit(job, done=finish, failed=fail)
        return True

    def sync_now(self, *, auto: bool = False) -> bool:
        """Start a sync; False when one is running, nothing is open, or it is not linked."""
        if auto and (self.status is None or not self.status.linked):
            return False
        cancel = threading.Event()

        def work(book: Book) -> SyncResult:
            return Syncer(book.conn, book.data_dir, on_progress=self.progress.emit,
                          should_cancel=cancel.is_set).run()

        started = self._on_own_connection(work, self._synced)
        if started:
            self._cancel = cancel
        return started

    def cancel(self) -> None:
        """Stop the running sync between batches (what was sent stays sent)."""
        self._cancel.set()

    def _synced(self, result: SyncResult) -> None:
        self.result = result
        if result.pulled:
            self.session.changed.emit(frozenset(CHANGES))  # also re-reads the status
        else:
            self.refresh()
        self.finished.emit(result)

    def link(self, server: str, username: str, password: str, *,
             done: Callable[[dict[str, object]], None], failed: Failed) -> bool:
        """Join the open business to its mall account, then sync at once."""
        from sync_client.link import LOGIN_TROUBLE, explain_login_error, link

        def work(book: Book) -> dict[str, object]:
            try:
                return link(book, server=server, username=username, password=password)
            except LOGIN_TROUBLE as exc:
                raise explain_login_error(exc, server) from exc

        def linked(info: dict[str, object]) -> None:
            self.status = None
            done(info)
            self.refresh()
            self.sync_now()

        return self._on_own_connection(work, linked, failed)
