"""The new-business wizard: name and type, address, PIN, opening cash. Four short steps."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.books.business import BUSINESS_TYPES, validate_profile
from desktop.books.errors import InputError, UserFacingError
from desktop.books.i18n import N_, tr
from desktop.books.money import parse_amount
from desktop.books.pin import PIN_MAX_DIGITS, validate_pin
from desktop.ui.errors import plain_message
from desktop.ui.widgets.common import ErrorLabel, muted
from desktop.ui.widgets.money import MoneyEdit

TYPE_LABELS = {"dagang": N_("Dagang (jual beli barang)"),
               "produksi": N_("Produksi (membuat barang)"), "jasa": N_("Jasa")}


@dataclass(frozen=True)
class NewBusiness:
    """What the wizard collected."""

    profile: dict[str, str]
    pin: str
    opening_cash: int


class _Step(QWizardPage):
    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.box = QVBoxLayout(self)
        self.box.addWidget(muted(hint))
        self.form = QFormLayout()
        self.box.addLayout(self.form)
        self.error = ErrorLabel()
        self.box.addWidget(self.error)

    def check(self) -> None:
        """Raise the books' error for bad values (override)."""

    def validatePage(self) -> bool:
        try:
            self.check()
        except UserFacingError as exc:
            self.error.show_message(plain_message(exc))
            return False
        self.error.show_message("")
        return True


class NewBusinessWizard(QWizard):
    """Collects a `NewBusiness`; `result_data()` after `accept`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Buat usaha baru"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(560, 420)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Lanjut"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Batal"))
        self.name, self.type = QLineEdit(), QComboBox()
        self.name.setObjectName("name")
        for key in BUSINESS_TYPES:
            self.type.addItem(tr(TYPE_LABELS[key]), key)
        self.owner = QLineEdit()
        self.desa, self.kecamatan, self.kabupaten, self.phone, self.address = (
            QLineEdit() for _ in range(5))
        self.pin, self.pin_again = QLineEdit(), QLineEdit()
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(PIN_MAX_DIGITS)
        self.cash = MoneyEdit()
        self.addPage(self._identity())
        self.addPage(self._address())
        self.addPage(self._pin())
        self.addPage(self._cash())

    def _identity(self) -> QWizardPage:
        step = _Step(tr("Nama usaha"), tr("Nama yang tertulis di nota dan laporan."))
        step.form.addRow(tr("Nama usaha"), self.name)
        step.form.addRow(tr("Nama pemilik"), self.owner)
        step.form.addRow(tr("Jenis usaha"), self.type)
        def check() -> None:
            validate_profile({"name": self.name.text()})

        step.check = check  # type: ignore[method-assign]
        return step

    def _address(self) -> QWizardPage:
        step = _Step(tr("Alamat"), tr("Alamat dipakai di sampul laporan dan nota. Boleh dikosongkan."))
        for label, field in ((tr("Jalan / banjar"), self.address), (tr("Desa"), self.desa),
                             (tr("Kecamatan"), self.kecamatan), (tr("Kabupaten"), self.kabupaten),
                             (tr("Telepon / WhatsApp"), self.phone)):
            step.form.addRow(label, field)
        return step

    def _pin(self) -> QWizardPage:
        step = _Step(tr("PIN"), tr("4 sampai 12 angka. PIN dipakai setiap kali membuka buku ini; "
                                   "simpan baik-baik."))
        step.form.addRow(tr("PIN"), self.pin)
        step.form.addRow(tr("Ulangi PIN"), self.pin_again)

        def check() -> None:
            validate_pin(self.pin.text())
            if self.pin.text() != self.pin_again.text():
                raise InputError("Kedua PIN tidak sama; ketik ulang", field="pin")

        step.check = check  # type: ignore[method-assign]
        return step

    def _cash(self) -> QWizardPage:
        step = _Step(tr("Uang kas awal"), tr("Berapa uang tunai usaha saat ini? Boleh 0; saldo "
                                            "lain bisa dicatat nanti."))
        step.form.addRow(tr("Kas awal (Rp)"), self.cash)
        def check() -> None:
            parse_amount(self.cash.amount_text() or "0", field="kas awal")

        step.check = check  # type: ignore[method-assign]
        return step

    def result_data(self) -> NewBusiness:
        """The collected values, ready for `create_business`."""
        profile = {"name": self.name.text(), "owner": self.owner.text(),
                   "type": str(self.type.currentData()), "address": self.address.text(),
                   "desa": self.desa.text(), "kecamatan": self.kecamatan.text(),
                   "kabupaten": self.kabupaten.text(), "phone": self.phone.text()}
        cash = parse_amount(self.cash.amount_text() or "0", field="kas awal")
        return NewBusiness({k: v.strip() for k, v in profile.items()}, self.pin.text(), cash)
