"""Impor jurnal: the pendamping brings old records from Excel as a journal CSV, all or nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QFileDialog, QWidget

from desktop.books.errors import Cancelled, UserFacingError
from desktop.books.i18n import tr
from desktop.books.journal_csv import ImportResult, import_journal
from desktop.ui.errors import plain_message, show_error
from desktop.ui.pages.settings_common import ProgressBox, Section, left
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, big_button, muted


class ImportSection(Section):
    """Pick a CSV, import it in one transaction with progress; one bad row imports nothing."""

    key = "impor"

    @classmethod
    def title(cls) -> str:
        return tr("Impor jurnal (CSV)")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.body.addWidget(muted(tr(
            "Untuk pendamping: memasukkan catatan lama dari Excel. Kolomnya date, ref, account, "
            "debit, credit, memo; satu baris satu ayat jurnal, baris dengan ref yang sama "
            "menjadi satu transaksi. Boleh dipisah koma, atau titik koma dengan desimal koma "
            "seperti Excel berbahasa Indonesia.")))
        self.body.addWidget(muted(tr(
            "Semua baris diperiksa dulu: jika satu baris salah, tidak ada yang diimpor dan "
            "baris itu disebutkan.")))
        self.skip = QCheckBox(tr("Lewati nomor ref yang sudah ada di buku (impor ulang aman)"))
        self.skip.setChecked(True)
        self.body.addWidget(self.skip)
        self.choose = big_button(tr("Pilih berkas CSV dan impor…"), primary=True)
        self.choose.clicked.connect(lambda: self.import_file())
        self.body.addLayout(left(self.choose))
        self.error = ErrorLabel()
        self.body.addWidget(self.error)
        self.body.addStretch()

    def import_file(self, path: str | None = None) -> None:
        """Ask for the file (unless given), then import it with a cancellable progress dialog."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Pilih jurnal CSV"), "",
                                                  tr("Berkas CSV (*.csv);;Semua berkas (*)"))
            if not path:
                return
        self.error.show_message("")
        self.say("")
        box = ProgressBox(self, tr("Mengimpor jurnal…"))
        skip = self.skip.isChecked()

        def done(result: ImportResult) -> None:
            box.finish()
            self.say(tr("Selesai: {entries} transaksi ({lines} baris) diimpor, {skipped} "
                        "dilewati karena sudah ada.", entries=result.entries,
                        lines=result.lines, skipped=result.skipped_entries))

        def failed(exc: BaseException) -> None:
            box.finish()
            if isinstance(exc, Cancelled):
                self.say(tr("Impor dibatalkan; tidak ada yang diubah."))
            elif isinstance(exc, UserFacingError):
                self.error.show_message(tr("Tidak ada yang diimpor. {reason}",
                                           reason=plain_message(exc)))
            else:
                show_error(self, exc)

        self.session.run(lambda book: import_journal(book, Path(path), skip_existing=skip,
                                                     progress=box.progress),
                         done=done, failed=failed,
                         changes={"entries", "accounts", "parties", "stock"})
