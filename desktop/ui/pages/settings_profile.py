"""Profil usaha: identity, address, contact, permit numbers (checked by the books) and the logo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.business import Profile, get_logo, get_profile, set_logo, update_profile
from desktop.books.i18n import N_, tr
from desktop.ui.pages.settings_common import FieldErrors, Section, left, new_form, part_label
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button

# (field, label, hint) per group of the form; the hint says the format the books accept.
TEXT_FIELDS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (N_("Identitas"), (
        ("name", N_("Nama usaha"), ""),
        ("owner", N_("Nama pemilik"), ""),
        ("category", N_("Kategori produk"), N_("Misalnya makanan ringan, kerajinan, minuman.")),
    )),
    (N_("Alamat"), (
        ("address", N_("Jalan / banjar"), ""),
        ("desa", N_("Desa"), ""),
        ("kecamatan", N_("Kecamatan"), ""),
        ("kabupaten", N_("Kabupaten"), ""),
        ("provinsi", N_("Provinsi"), ""),
    )),
    (N_("Kontak"), (
        ("phone", N_("Telepon / WhatsApp"), ""),
        ("email", N_("Email"), ""),
    )),
    (N_("Izin dan sertifikat"), (
        ("nib", N_("NIB"), N_("13 angka (Nomor Induk Berusaha dari OSS).")),
        ("npwp", N_("NPWP"), N_("15 atau 16 angka; titik dan tanda hubung boleh.")),
        ("pirt", N_("P-IRT"), N_("15 angka (Sertifikat Produksi Pangan Industri Rumah Tangga).")),
        ("halal", N_("Sertifikat halal"), N_("Diawali ID lalu 10 sampai 20 angka.")),
        ("sni", N_("Sertifikat SNI"), N_("Huruf, angka, titik, garis miring, tanda hubung.")),
    )),
    (N_("Cara bayar di Mall"), (
        ("payment_transfer", N_("Transfer bank"),
         N_("Misalnya: BRI 1234-01-000123-50-1 a.n. Ni Luh Sari.")),
        ("payment_qris", N_("QRIS"), N_("Misalnya: QRIS dikirim lewat WhatsApp setelah pesanan "
                                        "diterima.")),
        ("payment_cod", N_("Bayar di tempat"), N_("Misalnya: hanya untuk Kecamatan Abang.")),
    )),
)
TYPES = (("dagang", N_("Dagang (jual beli barang)")), ("produksi", N_("Produksi (membuat barang)")),
         ("jasa", N_("Jasa")))
TAXPAYERS = (("orang-pribadi", N_("Orang pribadi")), ("badan", N_("Badan usaha (CV, PT, koperasi)")))
LOGO_SIZE = 96


class ProfileSection(Section):
    """The business's identity as printed on report covers and receipts; saved in one go."""

    key = "profil"

    @classmethod
    def title(cls) -> str:
        return tr("Profil usaha")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.fields: dict[str, QLineEdit] = {}
        self.type = _combo(TYPES)
        self.taxpayer = _combo(TAXPAYERS)
        form = new_form()  # one form, so every label column lines up
        for group, rows in TEXT_FIELDS:
            form.addRow(part_label(tr(group)))
            for field, label, hint in rows:
                edit = QLineEdit()
                edit.setObjectName(f"profile-{field}")
                edit.returnPressed.connect(self.save)
                self.fields[field] = edit
                self.errors.row(form, tr(label), field, edit, tr(hint) if hint else "")
            if group == "Identitas":
                self.errors.row(form, tr("Jenis usaha"), "type", self.type)
            if group == "Izin dan sertifikat":
                self.errors.row(form, tr("Jenis wajib pajak"), "taxpayer", self.taxpayer,
                                tr("Menentukan batas bebas PPh Final Rp500 juta setahun."))
        self.body.addLayout(form)
        self.body.addWidget(part_label(tr("Logo")))
        self.body.addWidget(self._logo_row())
        self.body.addStretch()
        self.save_button = primary_button(tr("Simpan profil"))
        self.save_button.setObjectName("profile-save")
        self.save_button.clicked.connect(self.save)
        self.footer.addWidget(self.save_button)
        self.footer.addWidget(muted(tr("Profil dipakai di sampul laporan, di nota, dan di "
                                       "halaman toko di Mall.")), 1)

    def _logo_row(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo = QLabel()
        self.logo.setObjectName("logo-preview")
        self.logo.setFixedSize(LOGO_SIZE + 8, LOGO_SIZE + 8)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border: 1px solid #c9d1c4; background: white;")
        self.choose_logo_button = QPushButton(tr("Pilih logo…"))
        self.choose_logo_button.clicked.connect(lambda: self.choose_logo())
        self.remove_logo_button = QPushButton(tr("Hapus logo"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons = QVBoxLayout()
        buttons.addLayout(left(self.choose_logo_button, self.remove_logo_button))
        buttons.addWidget(muted(tr("Gambar PNG atau JPEG, paling besar 5 MB.")))
        buttons.addWidget(self.errors.add("logo", self.choose_logo_button))
        buttons.addStretch()
        row.addWidget(self.logo)
        row.addLayout(buttons, 1)
        return holder

    def refresh(self) -> None:
        """Load the profile and the logo."""
        def load(book: Book) -> tuple[Profile, bytes | None]:
            return get_profile(book.conn), get_logo(book.conn)

        self.session.run(load, done=self._show)

    def _show(self, loaded: tuple[Profile, bytes | None]) -> None:
        profile, logo = loaded
        values = profile.as_dict()
        for field, edit in self.fields.items():
            edit.setText(values[field])
        _pick(self.type, profile.type)
        _pick(self.taxpayer, profile.taxpayer)
        self._show_logo(logo)

    def _show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo.setPixmap(pixmap.scaled(LOGO_SIZE, LOGO_SIZE,
                                              Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(tr("Belum ada logo"))
            self.logo.setWordWrap(True)  # two short lines in Besar rather than a cut word
        self.remove_logo_button.setEnabled(bool(data))

    def values(self) -> dict[str, str]:
        """What the form holds, by profile field."""
        values = {field: edit.text() for field, edit in self.fields.items()}
        values["type"] = str(self.type.currentData())
        values["taxpayer"] = str(self.taxpayer.currentData())
        return values

    def save(self) -> None:
        """Store the whole profile; a refused value is explained under its field."""
        values = self.values()
        self.errors.clear()
        self.say("")
        self.session.run(lambda book: update_profile(book, **values), done=self._saved,
                         failed=self.errors.show, changes={"profile"})

    def _saved(self, _profile: Profile) -> None:
        self.say(tr("Profil usaha sudah disimpan."))

    def choose_logo(self, path: str | None = None) -> None:
        """Pick a PNG or JPEG (or use `path`) and store it as the logo."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Pilih logo"), str(Path.home()),
                                                  tr("Gambar (*.png *.jpg *.jpeg)"))
            if not path:
                return
        chosen = Path(path)
        self.errors.clear()
        self.session.run(lambda book: set_logo(book, chosen), failed=self.errors.show,
                         done=lambda _digest: self.say(tr("Logo sudah disimpan.")),
                         changes={"profile"})

    def remove_logo(self) -> None:
        """Remove the logo from the books."""
        self.session.run(lambda book: set_logo(book, None), failed=self.errors.show,
                         done=lambda _digest: self.say(tr("Logo sudah dihapus.")),
                         changes={"profile"})


def _combo(choices: tuple[tuple[str, str], ...]) -> QComboBox:
    combo = QComboBox()
    for key, label in choices:
        combo.addItem(tr(label), key)
    return combo


def _pick(combo: QComboBox, key: str) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)
