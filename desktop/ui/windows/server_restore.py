"""Pulihkan dari server: a new or repaired PC takes a business's books back from the mall."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import InputError, UserFacingError
from desktop.books.i18n import N_, tr
from desktop.books.pin import validate_pin
from desktop.books.store.registry import BusinessRef
from desktop.ui.errors import message_for
from desktop.ui.pages.settings_common import FieldErrors, new_form
from desktop.ui.widgets.common import heading, muted, primary_button
from desktop.ui.worker import SyncWorker, Worker
from sync_client.engine import Progress, SyncResult


class _Bridge(QObject):
    moved = Signal(object)  # emitted on the network thread, delivered on the GUI thread


class ServerRestoreDialog(QDialog):
    """Server, account and a new PIN; the books arrive with a progress bar and can be stopped."""

    restored = Signal(object, object)  # BusinessRef, SyncResult

    def __init__(self, data_dir: Path, net: Worker | SyncWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("server-restore")
        self.setWindowTitle(tr("Pulihkan dari server"))
        self.setMinimumWidth(560)
        self.data_dir, self.net = data_dir, net
        self.running = False
        self._cancel = threading.Event()
        self._bridge = _Bridge()
        self._bridge.moved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Pulihkan dari server")))
        layout.addWidget(muted(tr(
            "Buku usaha diambil dari Mall kabupaten ke PC ini. Pakai akun yang sama dengan PC "
            "lama, lalu buat PIN baru untuk membuka buku di PC ini.")))
        self.errors = FieldErrors(self)
        form = new_form()
        self.fields: dict[str, QLineEdit] = {}
        for name, label, secret in (("server", tr("Alamat Mall"), False),
                                    ("username", tr("Nama pengguna"), False),
                                    ("password", tr("Kata sandi"), True),
                                    ("pin", tr("PIN baru"), True),
                                    ("again", tr("Ulangi PIN baru"), True)):
            edit = QLineEdit()
            edit.setObjectName(f"restore-{name}")
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.returnPressed.connect(self.start)
            self.fields[name] = edit
            self.errors.row(form, label, name, edit,
                            tr("4 sampai 12 angka.") if name == "pin" else "")
        self.fields["server"].setPlaceholderText("https://mall.karangasemkab.go.id")
        layout.addLayout(form)
        self.bar = QProgressBar()
        self.bar.setObjectName("restore-progress")
        self.bar.hide()
        self.state = muted("")
        self.state.setObjectName("restore-state")
        layout.addWidget(self.bar)
        layout.addWidget(self.state)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancel_button = QPushButton(tr("Batal"))
        self.cancel_button.clicked.connect(self.reject)
        self.go = primary_button(tr("Pulihkan"))
        self.go.setObjectName("restore-start")
        self.go.clicked.connect(self.start)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.go)
        layout.addLayout(buttons)

    def value(self, name: str) -> str:
        """A field's text, trimmed (PINs and passwords as typed)."""
        text = self.fields[name].text()
        return text if name in ("password", "pin", "again") else text.strip()

    def check(self) -> str:
        """Raise for a missing or wrong field; returns the server address with its scheme."""
        for name, message in (("server", N_("Isi alamat Mall")),
                              ("username", N_("Isi nama pengguna")),
                              ("password", N_("Isi kata sandi"))):
            if not self.value(name):
                raise InputError(message, field=name)
        validate_pin(self.value("pin"))
        if self.value("pin") != self.value("again"):
            raise InputError("Kedua PIN tidak sama; ketik ulang", field="again")
        server = self.value("server")
        return server if server.startswith(("http://", "https://")) else "https://" + server

    def start(self) -> None:
        """Check the form, log in and pull the books on the network thread."""
        if self.running:
            return
        self.errors.clear()
        try:
            server = self.check()
        except UserFacingError as exc:
            self.errors.show(exc)
            return
        from sync_client.link import LOGIN_TROUBLE, explain_login_error, restore_from_server

        username, password, pin = (self.value(n) for n in ("username", "password", "pin"))
        cancel = self._cancel = threading.Event()

        def work() -> tuple[BusinessRef, SyncResult]:
            try:
                return restore_from_server(self.data_dir, server=server, username=username,
                                           password=password, pin=pin,
                                           on_progress=self._bridge.moved.emit,
                                           should_cancel=cancel.is_set)
            except LOGIN_TROUBLE as exc:
                raise explain_login_error(exc, server) from exc

        self._busy(True)
        self.state.setText(tr("Masuk ke Mall…"))
        self.net.submit(work, done=self._done, failed=self._failed)

    def _busy(self, running: bool) -> None:
        self.running = running
        self.bar.setVisible(running)
        self.bar.setRange(0, 0)
        self.go.setEnabled(not running)
        for edit in self.fields.values():
            edit.setEnabled(not running)
        self.cancel_button.setText(tr("Hentikan") if running else tr("Batal"))

    def _moved(self, progress: Progress) -> None:
        kb = progress.bytes_received // 1024
        self.state.setText(tr("Menerima buku: {done} perubahan ({kb} KB)…",
                              done=progress.done, kb=kb))

    def _done(self, outcome: tuple[BusinessRef, SyncResult]) -> None:
        self._busy(False)
        ref, result = outcome
        self.restored.emit(ref, result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.state.setText("")
        if isinstance(exc, UserFacingError) and exc.field in self.errors.labels:
            self.errors.show(exc)
        else:
            self.state.setText(message_for(exc) or "")

    def reject(self) -> None:
        """Close; while the books are arriving, stop them first (what arrived is kept)."""
        if self.running:
            self._cancel.set()
            self.state.setText(tr("Menghentikan…"))
            return
        super().reject()
