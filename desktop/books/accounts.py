"""The chart of accounts (bagan akun): the SAK EMKM default and the owner's own additions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.books.errors import InputError, NotFoundError
from desktop.books.ids import new_id
from desktop.books.outbox import record_change

# group code -> (name, section, normal side)
GROUPS: dict[str, tuple[str, str, str]] = {
    "11": ("Kas dan setara kas", "aset", "D"),
    "12": ("Piutang", "aset", "D"),
    "13": ("Persediaan", "aset", "D"),
    "14": ("Aset lancar lain", "aset", "D"),
    "15": ("Aset tetap", "aset", "D"),
    "21": ("Liabilitas jangka pendek", "liabilitas", "C"),
    "22": ("Liabilitas jangka panjang", "liabilitas", "C"),
    "31": ("Modal", "ekuitas", "C"),
    "32": ("Saldo laba", "ekuitas", "C"),
    "41": ("Pendapatan usaha", "pendapatan", "C"),
    "42": ("Pendapatan lain", "pendapatan", "C"),
    "51": ("Harga pokok penjualan", "beban", "D"),
    "52": ("Beban usaha", "beban", "D"),
    "53": ("Beban lain-lain", "beban", "D"),
    "54": ("Beban pajak penghasilan", "beban", "D"),
}

SECTION_OF_DIGIT = {"1": "aset", "2": "liabilitas", "3": "ekuitas", "4": "pendapatan", "5": "beban"}

# (code, name, normal)
DEFAULT_CHART: tuple[tuple[str, str, str], ...] = (
    ("1101", "Kas", "D"),
    ("1102", "Bank", "D"),
    ("1103", "Dompet Digital / QRIS", "D"),
    ("1201", "Piutang Usaha", "D"),
    ("1202", "Piutang Lain-lain", "D"),
    ("1301", "Persediaan Barang Dagang / Barang Jadi", "D"),
    ("1302", "Persediaan Bahan Baku", "D"),
    ("1401", "Perlengkapan & Beban Dibayar di Muka", "D"),
    ("1402", "Uang Muka Pembelian", "D"),
    ("1501", "Tanah", "D"),
    ("1502", "Bangunan", "D"),
    ("1503", "Peralatan", "D"),
    ("1504", "Kendaraan", "D"),
    ("1509", "Akumulasi Penyusutan", "C"),
    ("2101", "Utang Usaha", "C"),
    ("2102", "Beban Masih Harus Dibayar", "C"),
    ("2103", "Utang Pajak", "C"),
    ("2104", "Uang Muka Pelanggan", "C"),
    ("2201", "Utang Bank", "C"),
    ("2202", "Pinjaman Lain (koperasi/keluarga)", "C"),
    ("3101", "Modal Pemilik", "C"),
    ("3102", "Prive", "D"),
    ("3201", "Saldo Laba", "C"),
    ("4101", "Penjualan", "C"),
    ("4102", "Retur & Potongan Penjualan", "D"),
    ("4201", "Pendapatan Lain-lain", "C"),
    ("4202", "Laba Pelepasan Aset Tetap", "C"),
    ("5101", "Harga Pokok Penjualan", "D"),
    ("5201", "Beban Gaji / Upah", "D"),
    ("5202", "Beban Sewa", "D"),
    ("5203", "Beban Listrik, Air & Telepon", "D"),
    ("5204", "Beban Transportasi & Pengiriman", "D"),
    ("5205", "Beban Pemasaran & Kemasan", "D"),
    ("5206", "Beban Penyusutan", "D"),
    ("5299", "Beban Usaha Lain-lain", "D"),
    ("5301", "Beban Bunga", "D"),
    ("5302", "Rugi Pelepasan Aset Tetap", "D"),
    ("5401", "Beban Pajak Penghasilan", "D"),
)

CASH_CATEGORY = "kas"
# Arus kas (direct method) lines: the category of the account on the other side of the cash.
CASHFLOW_LABELS: dict[str, tuple[str, str]] = {
    "op-pelanggan": ("operasi", "Penerimaan dari pelanggan"),
    "op-lain": ("operasi", "Penerimaan (pembayaran) lain-lain"),
    "op-pemasok": ("operasi", "Pembayaran kepada pemasok"),
    "op-beban": ("operasi", "Pembayaran beban usaha"),
    "op-bunga": ("operasi", "Pembayaran bunga"),
    "op-pajak": ("operasi", "Pembayaran pajak"),
    "inv-aset": ("investasi", "Pembelian (penjualan) aset tetap"),
    "fin-pinjaman": ("pendanaan", "Penerimaan (pelunasan) pinjaman"),
    "fin-modal": ("pendanaan", "Setoran modal pemilik"),
    "fin-prive": ("pendanaan", "Pengambilan prive"),
}
_CASHFLOW_BY_CODE = {
    "1202": "op-lain", "1402": "op-pemasok", "2102": "op-beban", "2103": "op-pajak",
    "2104": "op-pelanggan", "3102": "fin-prive",
    # The gain or loss on selling an asset is part of what the sale brought in: investasi.
    "4202": "inv-aset", "5302": "inv-aset",
}
_CASHFLOW_BY_GROUP = {
    "11": CASH_CATEGORY, "12": "op-pelanggan", "13": "op-pemasok", "14": "op-beban",
    "15": "inv-aset", "21": "op-pemasok", "22": "fin-pinjaman", "31": "fin-modal",
    "32": "fin-modal", "41": "op-pelanggan", "42": "op-lain", "51": "op-pemasok",
    "52": "op-beban", "53": "op-bunga", "54": "op-pajak",
}

CONTRA = frozenset({"1509", "3102", "4102"})


@dataclass(frozen=True)
class Account:
    """One account: its code, name, group and whether it can still receive postings."""

    code: str
    name: str
    group: str
    normal: str
    active: bool
    cashflow: str = ""

    @property
    def section(self) -> str:
        """aset, liabilitas, ekuitas, pendapatan or beban."""
        return SECTION_OF_DIGIT[self.code[0]]

    @property
    def is_result(self) -> bool:
        """Whether the account belongs to the laba rugi (pendapatan or beban)."""
        return self.code[0] in "45"


def cashflow_category(code: str) -> str:
    """Return the arus-kas category for an account code (by code, then by group)."""
    return _CASHFLOW_BY_CODE.get(code) or _CASHFLOW_BY_GROUP[code[:2]]


def install_default_chart(conn: sqlite3.Connection) -> None:
    """Insert the SAK EMKM default chart into a new business (the schema may have begun it)."""
    install_missing_builtins(conn)


def install_missing_builtins(conn: sqlite3.Connection) -> list[str]:
    """Add default accounts a book made by an older version lacks (codes the owner used stay)."""
    used = {row[0] for row in conn.execute("SELECT code FROM account")}
    missing = [(c, n, side) for c, n, side in DEFAULT_CHART if c not in used]
    conn.executemany(
        "INSERT INTO account (code, id, name, grp, normal, cashflow, active, builtin) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, 1)",
        [(c, new_id(), n, c[:2], side, cashflow_category(c)) for c, n, side in missing],
    )
    return [c for c, _n, _side in missing]


def list_accounts(conn: sqlite3.Connection, *, include_inactive: bool = True) -> list[Account]:
    """Return the chart in code order."""
    sql = "SELECT code, name, grp, normal, active, cashflow FROM account"
    if not include_inactive:
        sql += " WHERE active = 1"
    return [_account(r) for r in conn.execute(sql + " ORDER BY code")]


def get_account(conn: sqlite3.Connection, code: str, *, field: str = "account",
                row: int | None = None) -> Account:
    """Return one account or say clearly that the code is unknown."""
    found = conn.execute(
        "SELECT code, name, grp, normal, active, cashflow FROM account WHERE code = ?", (code.strip(),)
    ).fetchone()
    if found is None:
        raise NotFoundError("Kode akun '{value}' tidak dikenal", field=field, row=row, value=code)
    return _account(found)


def resolve_group(group: str) -> str:
    """Accept a two-digit group code or a group name and return the code."""
    wanted = group.strip().lower()
    if wanted in GROUPS:
        return wanted
    for code, (name, _section, _normal) in GROUPS.items():
        if name.lower() == wanted:
            return code
    raise InputError(
        "Kelompok akun '{value}' tidak dikenal; pakai kode dua angka seperti 52 ({choices})",
        field="group", value=group, choices=", ".join(GROUPS),
    )


def add_account(conn: sqlite3.Connection, *, code: str, name: str, group: str) -> Account:
    """Add an account inside an existing group; the code must start with the group's digits."""
    grp = resolve_group(group)
    code = code.strip()
    if not (len(code) == 4 and code.isdigit()):
        raise InputError("Kode akun harus 4 angka, bukan '{value}'", field="code", value=code)
    if code[:2] != grp:
        raise InputError(
            "Kode akun '{value}' harus diawali {group} agar masuk kelompok {name}",
            field="code", value=code, group=grp, name=GROUPS[grp][0],
        )
    if not name.strip():
        raise InputError("Nama akun wajib diisi", field="name", value=name)
    if conn.execute("SELECT 1 FROM account WHERE code = ?", (code,)).fetchone():
        raise InputError("Kode akun '{value}' sudah dipakai", field="code", value=code)
    account_id = new_id()
    normal = GROUPS[grp][2]
    conn.execute(
        "INSERT INTO account (code, id, name, grp, normal, cashflow) VALUES (?, ?, ?, ?, ?, ?)",
        (code, account_id, name.strip(), grp, normal, cashflow_category(code)),
    )
    record_change(conn, "account", account_id, "insert",
                  {"code": code, "name": name.strip(), "group": grp})
    return Account(code, name.strip(), grp, normal, True)


def rename_account(conn: sqlite3.Connection, *, code: str, name: str) -> Account:
    """Give an account a clearer name; its code and history stay."""
    account = get_account(conn, code, field="code")
    if not name.strip():
        raise InputError("Nama akun wajib diisi", field="name", value=name)
    conn.execute("UPDATE account SET name = ? WHERE code = ?", (name.strip(), account.code))
    _record_update(conn, account.code, {"name": name.strip()})
    return get_account(conn, code)


def set_account_active(conn: sqlite3.Connection, *, code: str, active: bool) -> Account:
    """Deactivate an account (no new postings) or bring it back; history is untouched."""
    account = get_account(conn, code, field="code")
    conn.execute("UPDATE account SET active = ? WHERE code = ?", (int(active), account.code))
    _record_update(conn, account.code, {"active": active})
    return get_account(conn, code)


def delete_account(conn: sqlite3.Connection, *, code: str) -> None:
    """Delete an account that was added by mistake and never used."""
    account = get_account(conn, code, field="code")
    builtin = conn.execute("SELECT builtin, id FROM account WHERE code = ?", (code,)).fetchone()
    if builtin[0]:
        raise InputError("Akun bawaan '{value}' tidak bisa dihapus; nonaktifkan saja",
                         field="code", value=code)
    used = conn.execute("SELECT 1 FROM line WHERE account = ? LIMIT 1", (code,)).fetchone() or \
        conn.execute("SELECT 1 FROM item WHERE account = ? LIMIT 1", (code,)).fetchone() or \
        conn.execute("SELECT 1 FROM asset WHERE account = ? LIMIT 1", (code,)).fetchone()
    if used:
        raise InputError(
            "Akun '{value}' sudah dipakai dan tidak bisa dihapus; nonaktifkan saja",
            field="code", value=account.code,
        )
    conn.execute("DELETE FROM account WHERE code = ?", (code,))
    record_change(conn, "account", builtin[1], "delete", {"code": code})


def _record_update(conn: sqlite3.Connection, code: str, data: dict[str, object]) -> None:
    account_id = conn.execute("SELECT id FROM account WHERE code = ?", (code,)).fetchone()[0]
    record_change(conn, "account", account_id, "update", {"code": code, **data})


def _account(row: tuple[str, str, str, str, int, str]) -> Account:
    return Account(row[0], row[1], row[2], row[3], bool(row[4]), row[5])
