"""Bagan akun: the chart of accounts, adding an account, renaming, (de)activating, deleting."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.books.accounts import (
    GROUPS,
    Account,
    add_account,
    delete_account,
    list_accounts,
    rename_account,
    set_account_active,
)
from desktop.books.book import Book
from desktop.books.i18n import N_, tr
from desktop.ui.pages.settings_common import ConfirmBar, FieldErrors, Section, new_form
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted

# The books name the groups in Indonesian; these marks give them their English.
GROUP_NAMES = {
    "11": N_("Kas dan setara kas"), "12": N_("Piutang"), "13": N_("Persediaan"),
    "14": N_("Aset lancar lain"), "15": N_("Aset tetap"), "21": N_("Liabilitas jangka pendek"),
    "22": N_("Liabilitas jangka panjang"), "31": N_("Modal"), "32": N_("Saldo laba"),
    "41": N_("Pendapatan usaha"), "42": N_("Pendapatan lain"), "51": N_("Harga pokok penjualan"),
    "52": N_("Beban usaha"), "53": N_("Beban lain-lain"), "54": N_("Beban pajak penghasilan"),
}
COLUMNS = (N_("Kode"), N_("Nama akun"), N_("Kelompok"), N_("Status"))


def group_name(code: str) -> str:
    """A group's name in the owner's language."""
    return tr(GROUP_NAMES.get(code, GROUPS.get(code, (code,))[0]))


def next_code(accounts: list[Account], group: str) -> str:
    """The first free code in a group (a suggestion for a new account), or "" when full."""
    used = {a.code for a in accounts}
    return next((code for code in (f"{group}{n:02d}" for n in range(1, 100))
                 if code not in used), "")


Change = Callable[[sqlite3.Connection], object]


class AccountsSection(Section):
    """Shows the chart; every change is one call to the books, refused by name when not allowed."""

    key = "akun"

    @classmethod
    def title(cls) -> str:
        return tr("Bagan akun")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.accounts: list[Account] = []
        self.add_errors = FieldErrors(self)
        self.chosen_errors = FieldErrors(self)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setObjectName("accounts-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(200)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.body.addWidget(self.table, 1)
        boxes = QHBoxLayout()
        boxes.addWidget(self._chosen_box(), 1)
        boxes.addWidget(self._add_box(), 1)
        self.body.addLayout(boxes)
        self.confirm = ConfirmBar()
        self.body.addWidget(self.confirm)
        self._selected()
        self.table.setColumnHidden(0, not session.pendamping)  # codes only for a pendamping

    def _chosen_box(self) -> QGroupBox:
        box = QGroupBox(tr("Akun terpilih"))
        form = new_form()
        self.rename_field = QLineEdit()
        self.rename_field.setObjectName("account-rename")
        self.rename_field.returnPressed.connect(self.rename)
        self.chosen_errors.row(form, tr("Nama"), "name", self.rename_field)
        buttons = QHBoxLayout()
        self.rename_button = QPushButton(tr("Ganti nama"))
        self.rename_button.clicked.connect(self.rename)
        self.active_button = QPushButton(tr("Nonaktifkan"))
        self.active_button.setObjectName("account-active")
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton(tr("Hapus"))
        self.delete_button.setObjectName("account-delete")
        self.delete_button.clicked.connect(self.ask_delete)
        for button in (self.rename_button, self.active_button, self.delete_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        form.addRow(self.chosen_errors.add("code", self.table))
        form.addRow(muted(tr("Pilih akun di tabel untuk mengganti nama, menonaktifkan atau "
                             "menghapusnya. Akun yang sudah dipakai tidak bisa dihapus, "
                             "tetapi bisa dinonaktifkan.")))
        box.setLayout(form)
        return box

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(tr("Tambah akun"))
        form = new_form()
        self.group = QComboBox()
        self.group.setObjectName("account-group")
        for code in GROUPS:
            self.group.addItem(f"{code} · {group_name(code)}" if self.session.pendamping
                               else group_name(code), code)
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group.setMinimumContentsLength(14)
        self.group.currentIndexChanged.connect(lambda _i: self._suggest())
        self.code = QLineEdit()
        self.code.setObjectName("account-code")
        self.code.setMaxLength(4)
        self.name = QLineEdit()
        self.name.setObjectName("account-name")
        self.name.returnPressed.connect(self.add)
        self.add_errors.row(form, tr("Kelompok"), "group", self.group)
        self.add_errors.row(form, tr("Kode"), "code", self.code)
        self.add_errors.row(form, tr("Nama akun"), "name", self.name)
        form.setRowVisible(1, self.session.pendamping)  # the code is suggested by itself
        self.add_button = QPushButton(tr("Tambah akun"))
        self.add_button.setProperty("primary", True)
        self.add_button.setObjectName("account-add")
        self.add_button.clicked.connect(self.add)
        form.addRow(self.add_button)
        box.setLayout(form)
        return box

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the chart, inactive accounts included."""
        self.session.run(lambda book: list_accounts(book.conn), done=self._show)

    def _show(self, accounts: list[Account], select: str = "") -> None:
        chosen = self.chosen()
        keep = select or (chosen.code if chosen else "")
        first = not self.accounts
        self.accounts = accounts
        self.model.removeRows(0, self.model.rowCount())
        for account in accounts:
            cells = [account.code, account.name, group_name(account.group),
                     tr("Aktif") if account.active else tr("Nonaktif")]
            items = [QStandardItem(text) for text in cells]
            if not account.active:
                for item in items:
                    item.setForeground(Qt.GlobalColor.gray)
            self.model.appendRow(items)
        if first or select:
            self._suggest()
        if keep:
            self.select(keep)
        self._selected()

    def select(self, code: str) -> None:
        """Select an account's row by code."""
        for row, account in enumerate(self.accounts):
            if account.code == code:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return

    def chosen(self) -> Account | None:
        """The selected account."""
        row = self.table.selectionModel().currentIndex().row()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def _selected(self) -> None:
        account = self.chosen()
        for widget in (self.rename_field, self.rename_button, self.active_button,
                       self.delete_button):
            widget.setEnabled(account is not None)
        self.rename_field.setText(account.name if account else "")
        self.delete_button.setProperty("danger", account is not None)  # red only when usable
        self.delete_button.style().unpolish(self.delete_button)
        self.delete_button.style().polish(self.delete_button)
        active = account is None or account.active
        self.active_button.setText(tr("Nonaktifkan") if active else tr("Aktifkan lagi"))
        self.chosen_errors.clear()
        self.confirm.hide()

    def _suggest(self) -> None:
        self.code.setText(next_code(self.accounts, str(self.group.currentData())))

    # -- changes -------------------------------------------------------------------------------
    def _write(self, change: Change, said: str, errors: FieldErrors, select: str = "",
               after: Callable[[], None] | None = None) -> None:
        def run(book: Book) -> list[Account]:
            with book.write() as conn:
                change(conn)
            return list_accounts(book.conn)

        def done(accounts: list[Account]) -> None:
            self._show(accounts, select)
            self.say(said)
            if after:
                after()

        self.add_errors.clear()
        self.chosen_errors.clear()
        self.say("")
        self.session.run(run, done=done, failed=errors.show, changes={"accounts"})

    def add(self) -> None:
        """Add the account typed in the Tambah akun box."""
        code, name = self.code.text().strip(), self.name.text().strip()
        group = str(self.group.currentData())
        self._write(lambda conn: add_account(conn, code=code, name=name, group=group),
                    tr("Akun {code} {name} sudah ditambahkan.", code=code, name=name)
                    if self.session.pendamping else
                    tr("Akun {name} sudah ditambahkan.", name=name),
                    self.add_errors, select=code, after=self.name.clear)

    def rename(self) -> None:
        """Give the chosen account the name typed for it."""
        account = self.chosen()
        if account is None:
            return
        name = self.rename_field.text().strip()
        self._write(lambda conn: rename_account(conn, code=account.code, name=name),
                    tr("Akun {code} sekarang bernama {name}.", code=account.code, name=name),
                    self.chosen_errors)

    def toggle_active(self) -> None:
        """Deactivate the chosen account (no new postings), or bring it back."""
        account = self.chosen()
        if account is None:
            return
        said = (tr("Akun {code} dinonaktifkan; riwayatnya tetap ada.", code=account.code)
                if account.active else tr("Akun {code} aktif lagi.", code=account.code))
        self._write(lambda conn: set_account_active(conn, code=account.code,
                                                    active=not account.active),
                    said, self.chosen_errors)

    def ask_delete(self) -> None:
        """Ask before deleting the chosen account."""
        account = self.chosen()
        if account is None:
            return
        self.confirm.ask(
            tr("Hapus akun {code} {name}? Hanya akun yang belum pernah dipakai yang bisa "
               "dihapus.", code=account.code, name=account.name),
            tr("Ya, hapus akun"), lambda: self.delete(account.code))
        QTimer.singleShot(0, self.table, lambda: self.table.scrollTo(
            self.table.selectionModel().currentIndex()))  # the table just got shorter

    def delete(self, code: str) -> None:
        """Delete an account (the books refuse a used or built-in one)."""
        self._write(lambda conn: delete_account(conn, code=code),
                    tr("Akun {code} sudah dihapus.", code=code), self.chosen_errors)
