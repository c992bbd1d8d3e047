"""The sync state at the foot of the sidebar: online or not, last sync, waiting, refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.books import dates
from desktop.books.i18n import tr
from desktop.ui.pages.settings_common import when_text
from desktop.ui.sync_runner import SyncRunner
from desktop.ui.widgets.lifetime import connect_while_alive
from sync_client.engine import Progress, SyncResult
from sync_client.status import SyncStatus

STYLE = """
#sync-box { background: #2a4a38; border-radius: 6px; }
#sync-box QLabel { color: #e8f0e8; }
#sync-box QLabel#sync-state { font-weight: bold; }
#sync-box QLabel[tone="ok"] { color: #a5d6a7; }
#sync-box QLabel[tone="off"] { color: #cfd8cf; }
#sync-box QLabel[tone="bad"] { color: #ffab91; }
#sync-box QPushButton { color: #1f3b2d; background: #e8f0e8; border-radius: 4px;
    padding: 6px 10px; text-align: center; font-size: inherit; }
#sync-box QPushButton:hover { background: #ffffff; }
#sync-box QProgressBar { background: #1f3b2d; border: 1px solid #5f8a70; border-radius: 3px;
    color: #e8f0e8; max-height: 14px; text-align: center; }
#sync-box QProgressBar::chunk { background: #81c784; }
"""


def last_sync_text(moment: dt.datetime | None) -> str:
    """"Terakhir sinkron: hari ini 14.05", in this PC's time zone."""
    if moment is None:
        return tr("Belum pernah sinkron")
    local = moment.astimezone()
    if local.date() == dates.today():
        return tr("Terakhir sinkron: hari ini {time}", time=when_text(local).split(" ")[-1])
    return tr("Terakhir sinkron: {when}", when=when_text(local))


def state_text(status: SyncStatus, result: SyncResult | None) -> tuple[str, str]:
    """The first line and its tone (ok, off, bad) from the link and the last sync."""
    if not status.linked:
        return tr("Belum terhubung ke Mall"), "off"
    if result is None:
        return tr("Terhubung ke Mall"), "ok"
    return {"ok": (tr("● Online"), "ok"),
            "offline": (tr("● Offline — data aman di PC ini"), "off"),
            "cancelled": (tr("Sinkron dihentikan"), "off"),
            "busy": (tr("Sinkron sedang berjalan di jendela lain"), "off"),
            }.get(result.status, (tr("● Ada masalah — lihat Pengaturan"), "bad"))


class SyncIndicator(QWidget):
    """Always on screen while a business is open; the button syncs now or stops a sync."""

    wants_settings = Signal()

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("sync-box")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        self.state = QLabel(tr("Memeriksa…"))
        self.state.setObjectName("sync-state")
        self.last = QLabel("")
        self.last.setObjectName("sync-last")
        self.waiting = QLabel("")
        self.waiting.setObjectName("sync-waiting")
        self.refused = QLabel("")
        self.refused.setObjectName("sync-refused")
        self.refused.setProperty("tone", "bad")
        for label in (self.state, self.last, self.waiting, self.refused):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.bar = QProgressBar()
        self.bar.setObjectName("sync-progress")
        self.bar.hide()
        layout.addWidget(self.bar)
        self.button = QPushButton(tr("Sinkronkan"))
        self.button.setObjectName("sync-now")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self._clicked)
        layout.addWidget(self.button)
        connect_while_alive(runner.status_changed, self, lambda _s: self.redraw())
        connect_while_alive(runner.finished, self, lambda _r: self.redraw())
        connect_while_alive(runner.running_changed, self, self._running)
        connect_while_alive(runner.progress, self, self._progress)
        self.redraw()

    def _clicked(self) -> None:
        status = self.runner.status
        if self.runner.running:
            self.runner.cancel()
        elif status is not None and not status.linked:
            self.wants_settings.emit()
        else:
            self.runner.sync_now()

    def redraw(self) -> None:
        """Draw the runner's last status and result."""
        status, result = self.runner.status, self.runner.result
        if status is None:
            return
        text, tone = state_text(status, result)
        self.state.setText(text)
        self.state.setProperty("tone", tone)
        self.state.style().polish(self.state)
        tip = result.message if result is not None and result.status != "ok" else ""
        if status.clock_warning:
            tip = (tip + "\n" if tip else "") + clock_text(status)
        self.setToolTip(tip)
        self.last.setVisible(status.linked)
        self.last.setText(last_sync_text(status.last_ok))
        self.waiting.setVisible(status.linked and status.pending > 0)
        self.waiting.setText(tr("{count} perubahan menunggu dikirim", count=status.pending))
        self.refused.setVisible(bool(status.rejected))
        self.refused.setText(tr("{count} ditolak Mall — lihat Pengaturan",
                                count=len(status.rejected)))
        if not self.runner.running:
            self.button.setText(tr("Sinkronkan") if status.linked else tr("Hubungkan…"))

    def _running(self, running: bool) -> None:
        self.bar.setVisible(running)
        self.bar.setRange(0, 0)
        self.button.setText(tr("Hentikan") if running else tr("Sinkronkan"))
        if running:
            self.state.setText(tr("Menyinkronkan…"))
        else:
            self.redraw()

    def _progress(self, progress: Progress) -> None:
        if progress.total > 0 and progress.phase == "kirim":
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)  # receiving: the total is not known in advance
        kb = (progress.bytes_sent + progress.bytes_received) // 1024
        phase = tr("Mengirim") if progress.phase == "kirim" else tr("Menerima")
        self.state.setText(tr("{phase} {done} perubahan ({kb} KB)…", phase=phase,
                              done=progress.done, kb=kb))


def clock_text(status: SyncStatus) -> str:
    """The warning for a PC clock that is far from the mall's."""
    minutes = abs(status.clock_minutes)
    if status.clock_minutes > 0:
        return tr("Jam komputer ini terlambat {minutes} menit dari jam Mall. Betulkan jam dan "
                  "tanggal komputer agar tanggal transaksi benar.", minutes=minutes)
    return tr("Jam komputer ini lebih cepat {minutes} menit dari jam Mall. Betulkan jam dan "
              "tanggal komputer agar tanggal transaksi benar.", minutes=minutes)
