"""Profil untuk Dinas: workers, capital, capacity, raw materials, market, certificates, owner.

The Dinas sees this only when the owner chose `profil` in Pengaturan → Mall (docs/dinas.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from desktop.books.book import Book
from desktop.books.dinas import get_dinas_profile, update_dinas_profile
from desktop.books.errors import UserFacingError
from desktop.books.i18n import N_, tr
from desktop.books.money import parse_amount
from desktop.ui.pages.settings_common import FieldErrors, Section, new_form, part_label
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.dates import DateField
from desktop.ui.widgets.money import MoneyEdit
from protocol.dinas import AGE_GROUPS, DINAS_CERTIFICATES, MARKET_AREAS, RAW_SOURCES

WORKERS = (("paid_women", N_("Pekerja dibayar, perempuan")),
           ("paid_men", N_("Pekerja dibayar, laki-laki")),
           ("family_women", N_("Keluarga yang membantu, perempuan")),
           ("family_men", N_("Keluarga yang membantu, laki-laki")))
SOURCES = {"desa": N_("Desa sendiri"), "kabupaten": N_("Kabupaten ini"), "luar": N_("Luar kabupaten")}
AREAS = {"": N_("(belum diisi)"), "desa": N_("Desa sekitar"), "kabupaten": N_("Kabupaten"),
         "provinsi": N_("Provinsi"), "nasional": N_("Seluruh Indonesia"), "ekspor": N_("Ekspor")}
GENDERS = {"": N_("(belum diisi)"), "perempuan": N_("Perempuan"), "laki-laki": N_("Laki-laki")}
CERT_NAMES = {"nib": "NIB", "pirt": "P-IRT", "halal": N_("Halal"), "sni": "SNI", "bpom": "BPOM",
              "hki": N_("HKI / merek")}
MATERIAL_ROWS = 3
NO_DATE = QDate(2000, 1, 1)  # shown as "—": no expiry date


class DinasProfileSection(Section):
    """The profile the Dinas asks for; saved in one go, each field checked by the protocol."""

    key = "profil-dinas"

    @classmethod
    def title(cls) -> str:
        return tr("Profil untuk Dinas")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.body.addWidget(muted(tr(
            "Dinas melihat profil ini hanya bila Anda memilih \"Profil\" di Pengaturan → Mall.")))
        form = new_form()
        form.addRow(part_label(tr("Tenaga kerja")))
        self.counts: dict[str, QSpinBox] = {}
        for field, label in WORKERS:
            self.counts[field] = self._spin(field, 9999)
            self.errors.row(form, tr(label), field, self.counts[field])
        form.addRow(part_label(tr("Modal dan kapasitas")))
        self.money = {"modal_own": MoneyEdit(), "modal_borrowed": MoneyEdit()}
        self.errors.row(form, tr("Modal sendiri (Rp)"), "modal_own", self.money["modal_own"])
        self.errors.row(form, tr("Modal pinjaman (Rp)"), "modal_borrowed",
                        self.money["modal_borrowed"])
        self.founded = QLineEdit()
        self.founded.setObjectName("dinas-founded")
        self.founded.setMaxLength(4)
        self.errors.row(form, tr("Tahun berdiri"), "founded", self.founded, tr("Misalnya 2019."))
        self.counts["capacity"] = self._spin("capacity", 10_000_000)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(tr("bungkus, kg, lembar…"))
        capacity = QHBoxLayout()
        capacity.addWidget(self.counts["capacity"])
        capacity.addWidget(self.unit, 1)
        holder = QWidget()
        holder.setLayout(capacity)
        self.errors.row(form, tr("Kapasitas produksi per bulan"), "capacity", holder)
        form.addRow(part_label(tr("Bahan baku dan pemasaran")))
        self.materials = [self._material_row(form, n) for n in range(MATERIAL_ROWS)]
        self.area = _combo(AREAS, MARKET_AREAS)
        self.errors.row(form, tr("Wilayah pemasaran"), "market_area", self.area)
        form.addRow(part_label(tr("Sertifikat")))
        self.certs = {c: self._cert_row(form, c) for c in DINAS_CERTIFICATES}
        form.addRow(part_label(tr("Pemilik dan pendamping")))
        self.gender = _combo(GENDERS, tuple(GENDERS))
        self.errors.row(form, tr("Pemilik"), "owner_gender", self.gender,
                        tr("Untuk program pemberdayaan perempuan."))
        self.age = QComboBox()
        for group in AGE_GROUPS:
            self.age.addItem(group or tr("(belum diisi)"), group)
        self.errors.row(form, tr("Umur pemilik"), "owner_age", self.age)
        self.pendamping = QLineEdit()
        self.errors.row(form, tr("Nama pendamping"), "pendamping", self.pendamping)
        self.body.addLayout(form)
        self.body.addStretch()
        self.save_button = primary_button(tr("Simpan profil Dinas"))
        self.save_button.setObjectName("dinas-save")
        self.save_button.clicked.connect(self.save)
        self.footer.addWidget(self.save_button)
        self.footer.addStretch()

    def _spin(self, field: str, top: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(f"dinas-{field}")
        spin.setRange(0, top)
        return spin

    def _material_row(self, form: Any, n: int) -> tuple[QLineEdit, QComboBox, QSpinBox]:
        name, source, share = QLineEdit(), _combo(SOURCES, RAW_SOURCES), QSpinBox()
        name.setObjectName(f"dinas-material-{n}")
        name.setPlaceholderText(tr("Nama bahan"))
        share.setRange(0, 100)
        share.setSuffix(" %")
        row = QHBoxLayout()
        for widget, stretch in ((name, 2), (source, 1), (share, 0)):
            row.addWidget(widget, stretch)
        holder = QWidget()
        holder.setLayout(row)
        self.errors.row(form, tr("Bahan baku {n}", n=n + 1),
                        "materials" if n == 0 else f"materials-{n}", holder)
        return name, source, share

    def _cert_row(self, form: Any, cert: str) -> tuple[QLineEdit, DateField]:
        number, until = QLineEdit(), DateField(dt.date(2000, 1, 1))
        number.setObjectName(f"dinas-{cert}-no")
        until.setMinimumDate(NO_DATE)
        until.setSpecialValueText(tr("tanpa tanggal"))
        row = QHBoxLayout()
        row.addWidget(number, 2)
        row.addWidget(muted(tr("berlaku sampai")))
        row.addWidget(until, 1)
        holder = QWidget()
        holder.setLayout(row)
        self.errors.row(form, tr(CERT_NAMES[cert]), f"{cert}_no", holder)
        return number, until

    def refresh(self) -> None:
        """Load the stored profile."""
        def load(book: Book) -> dict[str, Any]:
            return get_dinas_profile(book.conn)

        self.session.run(load, done=self._show)

    def _show(self, profile: dict[str, Any]) -> None:
        for field, spin in self.counts.items():
            spin.setValue(int(profile.get(field) or 0))
        for field, edit in self.money.items():
            edit.set_amount(profile.get(field) or None)
        self.founded.setText(str(profile.get("founded") or ""))
        self.unit.setText(str(profile.get("capacity_unit", "")))
        rows = profile.get("materials") or []
        for n, (name, source, share) in enumerate(self.materials):
            value = rows[n] if n < len(rows) else ["", "desa", 0]
            name.setText(str(value[0]))
            source.setCurrentIndex(max(0, source.findData(value[1])))
            share.setValue(int(str(value[2])))
        self.area.setCurrentIndex(max(0, self.area.findData(profile.get("market_area", ""))))
        self.gender.setCurrentIndex(max(0, self.gender.findData(profile.get("owner_gender", ""))))
        self.age.setCurrentIndex(max(0, self.age.findData(profile.get("owner_age", ""))))
        self.pendamping.setText(str(profile.get("pendamping", "")))
        for cert, (number, until) in self.certs.items():
            number.setText(str(profile.get(f"{cert}_no", "")))
            day = profile.get(f"{cert}_until")
            until.setDate(NO_DATE if not day else QDate.fromString(day, "yyyy-MM-dd"))

    def values(self) -> dict[str, Any]:
        """What the form holds, in the protocol's fields and units (sen, counts)."""
        values: dict[str, Any] = {f: spin.value() for f, spin in self.counts.items()}
        for field, edit in self.money.items():
            values[field] = parse_amount(edit.amount_text() or "0", field=field)
        values["founded"] = int(self.founded.text()) if self.founded.text().strip().isdigit() \
            else (self.founded.text() or None)
        values["capacity_unit"] = self.unit.text()
        values["materials"] = [[name.text().strip(), source.currentData(), share.value()]
                               for name, source, share in self.materials if name.text().strip()]
        values["market_area"] = self.area.currentData()
        values["owner_gender"] = self.gender.currentData()
        values["owner_age"] = self.age.currentData()
        values["pendamping"] = self.pendamping.text()
        for cert, (number, until) in self.certs.items():
            values[f"{cert}_no"] = number.text()
            values[f"{cert}_until"] = None if until.date() == NO_DATE \
                else until.date().toString("yyyy-MM-dd")
        return values

    def save(self) -> None:
        """Store the whole profile; a refused value is explained under its field."""
        self.errors.clear()
        self.say("")
        try:
            values = self.values()
        except UserFacingError as exc:  # an amount the books refuse: shown under its field
            self.errors.show(exc)
            return
        self.session.run(lambda book: update_dinas_profile(book, **values),
                         done=lambda _p: self.say(tr("Profil untuk Dinas sudah disimpan.")),
                         failed=self.errors.show, changes={"profile"})


def _combo(labels: dict[str, str], keys: tuple[str, ...]) -> QComboBox:
    combo = QComboBox()
    for key in keys:
        combo.addItem(tr(labels.get(key, key)), key)
    return combo
