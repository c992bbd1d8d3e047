"""Cadangan: a backup now, the folder for automatic backups (a USB drive), and restoring."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.books import dates
from desktop.books.backup import (
    AUTO_KEEP,
    SUFFIX,
    BackupInfo,
    BackupSettings,
    SavedBackup,
    backup_name,
    backup_now,
    backup_settings,
    inspect_backup,
    restore,
    set_backup_folder,
)
from desktop.books.errors import AuthError, InputError
from desktop.books.i18n import tr
from desktop.books.pin import PIN_MAX_DIGITS
from desktop.books.store.registry import BusinessRef
from desktop.ui.errors import show_error
from desktop.ui.pages.settings_common import (
    ConfirmBar,
    FieldErrors,
    ProgressBox,
    Section,
    field_text,
    inform,
    left,
    main_window,
    new_form,
    part_label,
    strong,
    when_text,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import big_button, muted

FILE_FILTER = "Lumbung (*.lumbung *.sqlite3)"


class BackupSection(Section):
    """Backups an owner can carry away; restoring the open business closes and reopens it."""

    key = "cadangan"

    @classmethod
    def title(cls) -> str:
        return tr("Cadangan")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.settings = BackupSettings(None, None, False)
        self.last = strong(tr("Cadangan terakhir: belum pernah"))
        self.last.setObjectName("last-backup")
        self.body.addWidget(self.last)
        self._nowpart_label()
        self._folderpart_label()
        self._restorepart_label()
        self.confirm = ConfirmBar()
        self.body.addWidget(self.confirm)
        self.body.addStretch()

    def _nowpart_label(self) -> None:
        self.body.addWidget(part_label(tr("Buat cadangan sekarang")))
        self.body.addWidget(muted(tr("Simpan salinan seluruh buku ke satu berkas, misalnya di "
                                     "flashdisk, dan simpan di tempat lain dari komputer ini.")))
        self.now_button = big_button(tr("Buat cadangan sekarang…"), primary=True)
        self.now_button.setObjectName("backup-now")
        self.now_button.clicked.connect(lambda: self.make_backup())
        self.body.addLayout(left(self.now_button))
        self.body.addWidget(self.errors.add("out", self.now_button))

    def _folderpart_label(self) -> None:
        self.body.addWidget(part_label(tr("Cadangan otomatis")))
        self.body.addWidget(muted(tr(
            "Setiap kali buku dikunci atau ditutup, Lumbung menyimpan cadangan ke folder ini "
            "(misalnya flashdisk). {keep} cadangan terbaru disimpan; yang lebih lama dihapus.",
            keep=AUTO_KEEP)))
        self.folder = QLabel()
        self.folder.setObjectName("backup-folder")
        self.folder.setWordWrap(True)
        self.missing = QLabel(tr("Folder itu tidak ditemukan sekarang (flashdisk belum "
                                 "dicolok?). Cadangan otomatis dilewati sampai folder itu "
                                 "ada lagi."))
        self.missing.setProperty("error", True)
        self.missing.setWordWrap(True)
        self.missing.hide()
        self.folder_button = QPushButton(tr("Pilih folder…"))
        self.folder_button.setObjectName("backup-folder-choose")
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        self.stop_button = QPushButton(tr("Berhenti memakai folder ini"))
        self.stop_button.clicked.connect(self.stop_folder)
        for widget in (self.folder, self.missing):
            self.body.addWidget(widget)
        self.body.addLayout(left(self.folder_button, self.stop_button))
        self.body.addWidget(self.errors.add("folder", self.folder_button))

    def _restorepart_label(self) -> None:
        self.body.addWidget(part_label(tr("Pulihkan dari cadangan")))
        self.body.addWidget(muted(tr("Mengganti isi buku dengan isi berkas cadangan. Buku "
                                     "yang sekarang selalu disimpan dulu sebagai salinan "
                                     "pengaman.")))
        form = new_form()
        self.restore_file = QLineEdit()
        self.restore_file.setObjectName("restore-file")
        browse = QPushButton(tr("Pilih berkas…"))
        browse.clicked.connect(self._browse)
        line = QHBoxLayout()
        line.addWidget(self.restore_file, 1)
        line.addWidget(browse)
        holder = QWidget()
        holder.setLayout(line)
        line.setContentsMargins(0, 0, 0, 0)
        self.restore_pin = QLineEdit()
        self.restore_pin.setObjectName("restore-pin")
        self.restore_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.restore_pin.setMaxLength(PIN_MAX_DIGITS)
        self.restore_pin.setMaximumWidth(240)
        self.restore_pin.returnPressed.connect(self.ask_restore)
        self.errors.row(form, tr("Berkas cadangan"), "file", holder)
        self.errors.row(form, tr("PIN di berkas itu"), "pin", self.restore_pin)
        self.restore_button = QPushButton(tr("Pulihkan…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.ask_restore)
        form.addRow("", left(self.restore_button))
        self.body.addLayout(form)
        self.errors.widgets["file"] = self.restore_file

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the folder and the time of the last backup."""
        self.session.run(lambda book: backup_settings(book.conn), done=self._show)

    def _show(self, settings: BackupSettings) -> None:
        self.settings = settings
        self.last.setText(tr("Cadangan terakhir: {when}", when=when_text(settings.last))
                          if settings.last else tr("Cadangan terakhir: belum pernah"))
        self.folder.setText(tr("Folder: {folder}", folder=str(settings.folder))
                            if settings.folder else tr("Belum ada folder cadangan otomatis."))
        self.missing.setVisible(settings.folder is not None and not settings.reachable)
        self.stop_button.setEnabled(settings.folder is not None)

    # -- backup now ----------------------------------------------------------------------------
    def make_backup(self, path: str | None = None) -> None:
        """Ask where to save (unless `path` is given), then write and verify the backup."""
        if path is None:
            slug = self.session.business.slug if self.session.business else "lumbung"
            start = self.settings.folder if self.settings.reachable else Path.home()
            assert start is not None
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Simpan cadangan"), str(start / backup_name(slug, dates.today())),
                FILE_FILTER)
            if not path:
                return
        target = Path(path)
        if not target.suffix:
            target = target.with_name(target.name + SUFFIX)
        self.errors.clear()
        self.say("")
        box = ProgressBox(self, tr("Membuat cadangan…"))

        def done(saved: SavedBackup) -> None:
            box.finish()
            self.say(tr("Cadangan tersimpan di {path} ({entries} transaksi) dan sudah "
                        "diperiksa utuh.", path=str(saved.path), entries=saved.info.entries))

        def failed(exc: BaseException) -> None:
            box.finish()
            self.errors.show(exc)

        self.session.run(lambda book: backup_now(book, target, progress=box.progress),
                         done=done, failed=failed, changes={"settings"})

    # -- automatic backups ---------------------------------------------------------------------
    def choose_folder(self, path: str | None = None) -> None:
        """Pick the folder for automatic backups (or use `path`)."""
        if path is None:
            path = QFileDialog.getExistingDirectory(self, tr("Pilih folder cadangan otomatis"))
            if not path:
                return
        folder = Path(path)
        self.errors.clear()
        self.session.run(lambda book: set_backup_folder(book, folder), failed=self.errors.show,
                         done=lambda s: self.say(tr("Cadangan otomatis akan disimpan di {folder}.",
                                                    folder=str(s.folder))),
                         changes={"settings"})

    def stop_folder(self) -> None:
        """Stop the automatic backups into the chosen folder."""
        self.session.run(lambda book: set_backup_folder(book, None), failed=self.errors.show,
                         done=lambda _s: self.say(tr("Cadangan otomatis ke folder dihentikan.")),
                         changes={"settings"})

    # -- restore -------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas cadangan"), str(Path.home()),
                                              FILE_FILTER)
        if path:
            self.restore_file.setText(path)
            self.restore_pin.setFocus()

    def ask_restore(self) -> None:
        """Check the file and its PIN, then say plainly what restoring it will do."""
        text, pin = self.restore_file.text().strip(), self.restore_pin.text()
        self.errors.clear()
        self.say("")
        if not text:
            self.errors.show(InputError("Pilih berkas cadangan dulu", field="file"))
            return
        path = Path(text)
        self.session.run_plain(lambda: inspect_backup(path, pin=pin), failed=self._refused,
                               done=lambda info: self._confirm(path, pin, info))

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, AuthError):
            self.errors.clear()
            self.errors.labels["pin"].show_message(field_text(exc))
            self.restore_pin.selectAll()
            self.restore_pin.setFocus()
        else:
            self.errors.show(exc)

    def _confirm(self, path: Path, pin: str, info: BackupInfo) -> None:
        current = self.session.business
        same = current is not None and current.id == info.business_id
        if same:
            text = tr("Berkas ini berisi buku {name} dengan {entries} transaksi. Isi buku yang "
                      "terbuka sekarang akan diganti dengan isi berkas itu. Buku yang sekarang "
                      "tetap disimpan dulu sebagai salinan pengaman. Lumbung menutup buku ini, "
                      "memulihkan, lalu membukanya lagi dengan PIN dari berkas itu.",
                      name=info.name, entries=info.entries)
        else:
            text = tr("Berkas ini berisi buku usaha lain: {name} dengan {entries} transaksi. "
                      "Usaha itu akan muncul di daftar usaha. Bila usaha itu sudah ada di "
                      "komputer ini, bukunya yang sekarang disimpan dulu sebagai salinan "
                      "pengaman.", name=info.name, entries=info.entries)
        self.confirm.ask(text, tr("Ya, pulihkan"), lambda: self.restore_now(path, pin, same))

    def restore_now(self, path: Path, pin: str, reopen: bool) -> None:
        """Restore; the open business is closed first and opened again afterwards."""
        session, data_dir = self.session, self.session.data_dir
        window = main_window(self)
        parent: QWidget = window or self
        if reopen:
            if window is not None:
                window.lock()  # closes the books (with their automatic backup) first
            else:
                session.close()
        box = ProgressBox(parent, tr("Memulihkan buku…"))

        def done(ref: BusinessRef) -> None:
            box.finish()
            if reopen:
                session.open(ref.id, pin, done=lambda _ref: inform(parent, tr(
                    "Buku sudah dipulihkan dari cadangan. Buku sebelumnya disimpan sebagai "
                    "salinan pengaman di folder cadangan Lumbung.")))
            else:
                self.say(tr("Buku {name} sudah dipulihkan. Pilih usaha itu lewat Ganti usaha.",
                            name=ref.name))

        def failed(exc: BaseException) -> None:
            box.finish()
            show_error(parent, exc)

        session.run_plain(lambda: restore(data_dir, path, pin=pin, progress=box.progress),
                          done=done, failed=failed)

