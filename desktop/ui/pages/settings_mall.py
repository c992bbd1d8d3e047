"""Mall: join these books to the kabupaten mall, sync now, and see what the mall refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.books.errors import InputError
from desktop.books.i18n import N_, tr
from desktop.ui.pages.settings_common import (
    FieldErrors,
    Section,
    left,
    new_form,
    part_label,
    strong,
    when_text,
)
from desktop.ui.session import Session
from desktop.ui.sync_runner import AUTO_MINUTES
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.consent import ConsentPart
from desktop.ui.widgets.lifetime import connect_while_alive
from desktop.ui.widgets.sync_indicator import clock_text, last_sync_text
from sync_client.engine import SyncResult
from sync_client.status import SyncStatus

REFUSED_COLUMNS = (N_("Jenis"), N_("Data"), N_("Alasan Mall"), N_("Dicatat"))


class MallSection(Section):
    """The link form, the sync state with a button, and the list of refused changes."""

    key = "mall"

    @classmethod
    def title(cls) -> str:
        return tr("Mall kabupaten")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        assert session.sync is not None, "the main window gives the session its sync runner"
        self.runner = session.sync
        self.errors = FieldErrors(self)
        self.state = strong(tr("Belum terhubung ke Mall"))
        self.state.setObjectName("mall-state")
        self.problem = muted("")
        self.problem.setObjectName("mall-problem")
        self.problem.setProperty("error", True)
        self.problem.hide()
        self.body.addWidget(self.state)
        self.body.addWidget(self.problem)
        self._link_part()
        self._sync_part()
        self.consent = ConsentPart(session)
        self.body.addWidget(self.consent)
        self._refused_part()
        self.body.addStretch()
        connect_while_alive(self.runner.status_changed, self, lambda _s: self.redraw())
        connect_while_alive(self.runner.finished, self, lambda _r: self.redraw())
        connect_while_alive(self.runner.running_changed, self, lambda _r: self.redraw())

    def _link_part(self) -> None:
        self.body.addWidget(part_label(tr("Hubungkan ke Mall")))
        self.body.addWidget(muted(tr(
            "Dengan akun dari Dinas, buku ini dikirim ke Mall kabupaten setiap ada internet: "
            "sebagai cadangan milik Anda dan untuk toko online. Dinas hanya melihat yang Anda "
            "pilih di bawah. Kata sandi tidak disimpan di PC ini.")))
        form = new_form()
        self.server = QLineEdit()
        self.server.setObjectName("mall-server")
        self.server.setPlaceholderText("https://mall.karangasemkab.go.id")
        self.username = QLineEdit()
        self.username.setObjectName("mall-username")
        self.password = QLineEdit()
        self.password.setObjectName("mall-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.link)
        self.errors.row(form, tr("Alamat Mall"), "server", self.server,
                        tr("Alamat yang diberikan Dinas Koperasi."))
        self.errors.row(form, tr("Nama pengguna"), "username", self.username)
        self.errors.row(form, tr("Kata sandi"), "password", self.password)
        self.link_button = primary_button(tr("Hubungkan"))
        self.link_button.setObjectName("mall-link")
        self.link_button.clicked.connect(self.link)
        form.addRow("", left(self.link_button))
        self.body.addLayout(form)

    def _sync_part(self) -> None:
        self.body.addWidget(part_label(tr("Sinkronisasi")))
        self.body.addWidget(muted(tr(
            "Lumbung menyinkronkan sendiri setiap {minutes} menit selama ada internet. Tanpa "
            "internet, semua tetap tersimpan di PC ini dan dikirim nanti.",
            minutes=AUTO_MINUTES)))
        self.last = muted("")
        self.last.setObjectName("mall-last")
        self.pending = muted("")
        self.pending.setObjectName("mall-pending")
        self.sync_button = primary_button(tr("Sinkronkan sekarang"))
        self.sync_button.setObjectName("mall-sync")
        self.sync_button.clicked.connect(self._sync_clicked)
        for widget in (self.last, self.pending):
            self.body.addWidget(widget)
        self.body.addLayout(left(self.sync_button))

    def _refused_part(self) -> None:
        self.body.addWidget(part_label(tr("Ditolak Mall")))
        self.body.addWidget(muted(tr(
            "Perubahan ini tidak diterima Mall dan tidak dikirim lagi; datanya tetap ada di PC "
            "ini. Jika sebuah transaksi salah, batalkan di Kas & Bank lalu catat ulang.")))
        self.refused = QTableWidget(0, len(REFUSED_COLUMNS))
        self.refused.setObjectName("mall-refused")
        self.refused.setHorizontalHeaderLabels([tr(c) for c in REFUSED_COLUMNS])
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.verticalHeader().hide()
        self.refused.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.refused.setMinimumHeight(160)
        self.none_refused = muted(tr("Tidak ada yang ditolak."))
        self.body.addWidget(self.refused)
        self.body.addWidget(self.none_refused)

    # -- drawing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the runner to re-read the link (drawing follows its signal), load the consent."""
        self.runner.refresh()
        self.consent.refresh()

    def redraw(self) -> None:
        """Show the runner's status and last result."""
        status = self.runner.status
        if status is None:
            return
        self.state.setText(tr("Terhubung ke {server}", server=status.server) if status.linked
                           else tr("Belum terhubung ke Mall"))
        if status.linked and not self.server.text():
            self.server.setText(status.server)
        self.link_button.setText(tr("Hubungkan ulang") if status.linked else tr("Hubungkan"))
        self._problem(status, self.runner.result)
        self.last.setText(last_sync_text(status.last_ok))
        self.pending.setText(tr("{count} perubahan menunggu dikirim", count=status.pending)
                             if status.pending else tr("Semua perubahan sudah terkirim."))
        running = self.runner.running
        self.sync_button.setEnabled(status.linked or running)
        self.sync_button.setText(tr("Hentikan") if running else tr("Sinkronkan sekarang"))
        self.link_button.setEnabled(not running)
        self._fill_refused(status)

    def _problem(self, status: SyncStatus, result: SyncResult | None) -> None:
        lines = []
        if result is not None and result.status in ("error", "offline") and result.message:
            lines.append(result.message)
        if status.clock_warning:
            lines.append(clock_text(status))
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def _fill_refused(self, status: SyncStatus) -> None:
        self.refused.setRowCount(len(status.rejected))
        for row, item in enumerate(status.rejected):
            for column, text in enumerate((tr(item.kind), item.label, item.reason,
                                           _when(item.created_at))):
                self.refused.setItem(row, column, QTableWidgetItem(text))
        self.refused.resizeColumnToContents(0)
        self.refused.setVisible(bool(status.rejected))
        self.none_refused.setVisible(not status.rejected)

    # -- actions -------------------------------------------------------------------------------
    def _sync_clicked(self) -> None:
        if self.runner.running:
            self.runner.cancel()
        else:
            self.runner.sync_now()

    def link(self) -> None:
        """Check the form, then exchange the login for this PC's token and sync."""
        self.errors.clear()
        self.say("")
        server, username = self.server.text().strip(), self.username.text().strip()
        for field, value, message in (
                ("server", server, N_("Isi alamat Mall")),
                ("username", username, N_("Isi nama pengguna")),
                ("password", self.password.text(), N_("Isi kata sandi"))):
            if not value:
                self.errors.show(InputError(message, field=field))
                return
        if not server.startswith(("http://", "https://")):
            server = "https://" + server
            self.server.setText(server)

        def linked(info: dict[str, object]) -> None:
            self.password.clear()
            self.say(tr("Terhubung ke Mall sebagai perangkat nomor {number}.",
                        number=info["device_number"]))

        self.runner.link(server, username, self.password.text(), done=linked,
                         failed=self.errors.show)


def _when(created_at: str) -> str:
    try:
        return when_text(dt.datetime.fromisoformat(created_at).astimezone())
    except ValueError:
        return created_at
