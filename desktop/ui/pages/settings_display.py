"""Tampilan: language, text size and the automatic lock, which belong to this PC."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from desktop.books.i18n import N_, tr
from desktop.ui.pages.settings_common import Section, left, main_window, new_form
from desktop.ui.session import Session
from desktop.ui.settings import AppSettings
from desktop.ui.widgets.common import muted, primary_button

LANGUAGES = (("id", "Bahasa Indonesia"), ("en", "English"))  # each in its own language
SIZES = (("normal", N_("Normal")), ("besar", N_("Besar")))
MAX_LOCK_MINUTES = 240


class DisplaySection(Section):
    """Reads the window's settings; Terapkan hands the new ones to the window, which rebuilds."""

    key = "tampilan"

    @classmethod
    def title(cls) -> str:
        return tr("Tampilan")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.body.addWidget(muted(tr("Pilihan ini berlaku untuk semua usaha di komputer ini.")))
        form = new_form()
        self.language = QComboBox()
        self.language.setObjectName("language")
        for key, label in LANGUAGES:
            self.language.addItem(label, key)
        self.text_size = QComboBox()
        self.text_size.setObjectName("text-size")
        for key, label in SIZES:
            self.text_size.addItem(tr(label), key)
        self.lock = QSpinBox()
        self.lock.setObjectName("lock-minutes")
        self.lock.setRange(0, MAX_LOCK_MINUTES)
        self.lock.setSuffix(tr(" menit"))
        self.lock.setSpecialValueText(tr("Tidak pernah"))
        for widget in (self.language, self.text_size, self.lock):
            widget.setMaximumWidth(320)
        form.addRow(tr("Bahasa"), self.language)
        form.addRow(tr("Ukuran huruf"), self.text_size)
        form.addRow(tr("Kunci otomatis setelah"), self.lock)
        self.pendamping = QCheckBox(tr("Tampilkan kode akun dan debit/kredit (untuk pendamping)"))
        self.pendamping.setObjectName("pendamping")
        form.addRow("", self.pendamping)
        form.addRow("", muted(tr("Buku dikunci bila komputer tidak disentuh selama itu, "
                                 "lalu perlu PIN lagi. 0 berarti tidak pernah dikunci "
                                 "otomatis.")))
        self.apply_button = primary_button(tr("Terapkan"))
        self.apply_button.setObjectName("display-apply")
        self.apply_button.clicked.connect(self.apply)
        form.addRow("", left(self.apply_button))
        self.body.addLayout(form)
        self.body.addStretch()

    def refresh(self) -> None:
        """Show the window's current settings."""
        window = main_window(self)
        settings = window.settings if window else AppSettings()
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.text_size.setCurrentIndex(max(self.text_size.findData(settings.text_size), 0))
        self.lock.setValue(round(settings.lock_minutes))
        self.pendamping.setChecked(settings.pendamping)

    def chosen(self, base: AppSettings) -> AppSettings:
        """The settings as chosen on screen."""
        return replace(base, language=str(self.language.currentData()),
                       text_size=str(self.text_size.currentData()),
                       lock_minutes=float(self.lock.value()),
                       pendamping=self.pendamping.isChecked())

    def apply(self) -> None:
        """Save and apply; the whole workspace is rebuilt in the new language and size."""
        window = main_window(self)
        if window is None:
            return
        from PySide6.QtWidgets import QApplication

        from desktop.ui.pages.settings import SettingsPage

        # Rebuilding every page takes a few seconds: show that work is going on.
        self.apply_button.setText(tr("Menerapkan tampilan…"))
        self.apply_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            window.apply_settings(self.chosen(window.settings))
        finally:
            QApplication.restoreOverrideCursor()
        page = window.workspace.pages.get(SettingsPage.key) if window.workspace else None
        if isinstance(page, SettingsPage):  # the rebuilt page, in the new language
            page.show_section(self.key).say(tr("Tampilan sudah diterapkan."))
