"""One serial worker for all database work, so the window never waits on SQLite.

Jobs run one at a time on a single thread (the books' connection is only ever used there);
results and errors come back to the GUI thread by signal. Tests use `SyncWorker`, which runs
each job at once in the caller's thread, so a test can click and then assert.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from desktop.books.errors import Cancelled

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Progress:
    """Handed to long jobs: report how far they are, and notice a cancel between steps."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        """Report progress; raises `Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()
        if self._report:
            self._report(done, total)

    def cancel(self) -> None:
        """Ask the job to stop at its next report (its transaction then rolls back)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether a cancel was asked for."""
        return self._cancel.is_set()


@dataclass
class Job:
    """Work for the worker thread and what to call on the GUI thread afterwards."""

    work: Callable[[], Any]
    done: Done | None = None
    failed: Failed | None = None
    result: Any = None
    error: BaseException | None = field(default=None, repr=False)


class Worker(QObject):
    """Runs jobs on its own thread, in the order they were given."""

    _finished = Signal(object)

    def __init__(self, name: str = "lumbung-db") -> None:
        super().__init__()
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._finished.connect(self._deliver)
        self._thread.start()

    def submit(self, work: Callable[[], Any], *, done: Done | None = None,
               failed: Failed | None = None) -> None:
        """Queue a job; `done(result)` or `failed(error)` is called on the GUI thread."""
        self._jobs.put(Job(work, done, failed))

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job.result = job.work()
            except BaseException as exc:  # handed to the GUI thread, which decides
                job.error = exc
            self._finished.emit(job)

    def _deliver(self, job: Job) -> None:
        if job.error is not None:
            if job.failed:
                job.failed(job.error)
        elif job.done:
            job.done(job.result)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until every queued job has run (for shutdown)."""
        marker = threading.Event()
        self._jobs.put(Job(marker.set))
        marker.wait(timeout)

    def stop(self) -> None:
        """Finish queued jobs, then end the thread."""
        self._jobs.put(None)
        self._thread.join(timeout=10)


class SyncWorker(QObject):
    """The same interface, running each job immediately (tests and the smoke run)."""

    def submit(self, work: Callable[[], Any], *, done: Done | None = None,
               failed: Failed | None = None) -> None:
        """Run now; deliver the result or error before returning."""
        try:
            result = work()
        except BaseException as exc:
            if failed:
                failed(exc)
            else:
                raise
            return
        if done:
            done(result)

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Nothing is ever pending."""

    def stop(self) -> None:
        """Nothing to stop."""


def is_gui_thread() -> bool:
    """Whether the caller runs on the Qt GUI thread."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()
