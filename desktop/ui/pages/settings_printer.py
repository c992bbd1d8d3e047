"""Printer kasir: where this PC prints the counter's notas (network, USB/serial, or the
system printer) and on which paper. Kept in this PC's copy of the books, never synced."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.books.book import Book
from desktop.books.i18n import N_, tr
from desktop.books.kasir import (
    PAPERS,
    printer_kind,
    printer_setting,
    printer_target,
    save_printer,
)
from desktop.ui.pages.settings_common import FieldErrors, Section, left, new_form
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button

KINDS = (("none", N_("Tidak dicetak")),
         ("network", N_("Printer thermal lewat jaringan (LAN/Wi-Fi)")),
         ("device", N_("Printer thermal USB atau serial")),
         ("system", N_("Printer sistem (Windows/macOS/Linux)")))
HINTS = {"none": N_("Nota tidak dicetak otomatis; alamat tidak perlu diisi"),
         "network": N_("Alamat IP dan port, misalnya 192.168.1.50:9100"),
         "device": N_("Berkas perangkat, misalnya /dev/usb/lp0 (Linux) atau COM3 (Windows)"),
         "system": N_("Nota dikirim ke printer bawaan komputer ini sebagai halaman")}


class PrinterSection(Section):
    """Kind of printer, its address and the paper width; Simpan keeps them for this PC."""

    key = "printer"

    @classmethod
    def title(cls) -> str:
        return tr("Printer kasir")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.body.addWidget(muted(tr("Nota dari layar Kasir langsung dicetak ke printer ini "
                                     "setelah Bayar. Pengaturan ini hanya untuk komputer ini.")))
        form = new_form()
        self.kind = QComboBox()
        self.kind.setObjectName("printer-kind")
        for key, label in KINDS:
            self.kind.addItem(tr(label), key)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_hint())
        form.addRow(tr("Printer"), self.kind)
        self.address = QLineEdit()
        self.address.setObjectName("printer-address")
        self.hint = muted("")
        self.errors.row(form, tr("Alamat"), "printer", self.address, self.hint)
        self.paper = QComboBox()
        self.paper.setObjectName("printer-paper")
        self.paper.addItems(list(PAPERS))
        form.addRow(tr("Kertas"), self.paper)
        self.body.addLayout(form)
        self.save_button = primary_button(tr("Simpan printer"))
        self.save_button.setObjectName("printer-save")
        self.save_button.clicked.connect(self.save)
        self.body.addLayout(left(self.save_button))
        self.body.addStretch()
        self._show_hint()

    def _show_hint(self) -> None:
        kind = str(self.kind.currentData())
        self.address.setEnabled(kind in ("network", "device"))
        self.hint.setText(tr(HINTS[kind]))

    def refresh(self) -> None:
        """Show this PC's printer."""
        self.session.run(lambda book: printer_setting(book.conn), done=self._show)

    def _show(self, setting: tuple[str, str]) -> None:
        target, paper = setting
        kind = printer_kind(target)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.address.setText(target.removeprefix("tcp://") if kind in ("network", "device")
                             else "")
        self.paper.setCurrentText(paper)
        self._show_hint()

    def save(self) -> None:
        """Keep the printer for the counter's notas."""
        kind, address, paper = str(self.kind.currentData()), self.address.text(), \
            self.paper.currentText()
        self.errors.clear()
        self.say("")

        def work(book: Book) -> tuple[str, str]:
            target = printer_target(kind, address)
            with book.write() as conn:
                return save_printer(conn, target=target, paper=paper)

        self.session.run(work, done=self._saved, failed=self.errors.show,
                         changes={"settings"})

    def _saved(self, setting: tuple[str, str]) -> None:
        self._show(setting)
        self.say(tr("Printer kasir disimpan."))
