"""The first screen on a PC with no business yet: create, try the demo, or restore."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.books.i18n import tr
from desktop.ui.widgets.common import big_button, heading, muted


class Welcome(QWidget):
    """Four large choices; the window acts on the signal."""

    wants_new = Signal()
    wants_demo = Signal()
    wants_restore = Signal()
    wants_server = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QWidget()
        box.setMaximumWidth(560)
        layout = QVBoxLayout(box)
        layout.setSpacing(14)
        layout.addWidget(heading(tr("Selamat datang di Lumbung")))
        layout.addWidget(muted(tr("Pembukuan usaha yang tetap jalan tanpa internet. "
                                  "Pilih salah satu untuk mulai:")))
        for text, hint, signal, primary in (
                (tr("Buat usaha baru"), tr("Isi nama usaha, alamat, PIN dan uang kas awal."),
                 self.wants_new, True),
                (tr("Coba dengan data contoh"),
                 tr("Keripik Pisang Bu Made, tiga bulan transaksi. PIN: 1234."), self.wants_demo, False),
                (tr("Pulihkan dari cadangan"), tr("Buka kembali buku dari berkas cadangan."),
                 self.wants_restore, False),
                (tr("Pulihkan dari server"),
                 tr("PC baru atau rusak? Ambil buku usaha dari Mall kabupaten dengan akun Anda."),
                 self.wants_server, False)):
            button = big_button(text, primary=primary)
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
            layout.addWidget(muted(hint))
        outer.addWidget(box)
