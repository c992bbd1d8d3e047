"""The Si APIK-style transaction forms: what the owner fills in, turned into balanced entries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.books.assets import default_life, register_asset, validate_asset_account
from desktop.books.book import Book
from desktop.books.dates import parse_date
from desktop.books.errors import ConfirmationRequired, InputError
from desktop.books.i18n import tr
from desktop.books.ledger import EntryDraft, LineDraft, MoveDraft, Posted, post_entry
from desktop.books.money import milli_str, parse_amount, parse_qty, rupiah_share, sen_str
from desktop.books.parties import (
    PAYABLE,
    RECEIVABLE,
    Party,
    ensure_party,
    find_party,
    party_balance,
)
from desktop.books.stock import (
    Item,
    average_value,
    get_item,
    issue_cost,
    receive_stock,
    stock_level,
)
from desktop.books.totals import account_balance

VIA_ACCOUNTS = {"kas": "1101", "bank": "1102", "qris": "1103"}
CREDIT_VIA = "utang"
SALES, HPP, OTHER_INCOME, CAPITAL, DRAWINGS = "4101", "5101", "4201", "3101", "3102"
INTEREST, DEFAULT_EXPENSE, DEFAULT_LOAN = "5301", "5299", "2201"
DEFAULT_TERMS_DAYS = 30


@dataclass
class TxInput:
    """Everything a form can ask for; which fields matter depends on the form type."""

    type: str
    date: str | dt.date
    amount: str | None = None
    via: str = "kas"
    account: str | None = None
    item: str | None = None
    qty: str | None = None
    party: str | None = None
    due: str | None = None
    memo: str = ""
    confirm: bool = False
    interest: str | None = None
    materials: list[tuple[str, str]] = field(default_factory=list)
    name: str | None = None
    life_months: int | None = None
    residual: str | None = None
    into: str | None = None


@dataclass
class _Built:
    draft: EntryDraft
    warnings: list[str] = field(default_factory=list)
    after: Callable[[sqlite3.Connection, Posted], None] | None = None


Builder = Callable[[sqlite3.Connection, TxInput, dt.date], _Built]


def post_tx(book: Book, tx: TxInput) -> Posted:
    """Post one form as one balanced entry, in one transaction."""
    builder = FORMS.get(tx.type)
    if builder is None:
        raise InputError("Jenis transaksi '{value}' tidak dikenal; pilih salah satu: {choices}",
                         field="type", value=tx.type, choices=", ".join(FORMS))
    day = parse_date(tx.date)
    with book.write() as conn:
        built = builder(conn, tx, day)
        warnings = built.warnings + _negative_cash(conn, built.draft)
        posted = post_entry(conn, built.draft, device_id=book.device_id,
                            warnings=tuple(warnings))
        if built.after:
            built.after(conn, posted)
    return posted


def _negative_cash(conn: sqlite3.Connection, draft: EntryDraft) -> list[str]:
    """Warn when money paid out would take kas, bank or QRIS below zero (a missing receipt)."""
    warnings = []
    for line in draft.lines:
        if line.credit and line.account in VIA_ACCOUNTS.values():
            name = conn.execute("SELECT name FROM account WHERE code = ?",
                                (line.account,)).fetchone()[0]
            balance = account_balance(conn, line.account, draft.date)
            if balance - line.credit < 0:
                warnings.append(tr(
                    "Saldo {name} menjadi minus ({amount}); mungkin ada uang masuk yang "
                    "belum dicatat.", name=name, amount=sen_str(balance - line.credit)))
    return warnings


# -- helpers -----------------------------------------------------------------------------------

def _amount(tx: TxInput) -> int:
    if tx.amount is None:
        raise InputError("Jumlah wajib diisi (--amount)", field="amount")
    return parse_amount(tx.amount, field="amount", allow_zero=False)


def _cash(tx: TxInput, *, allow_credit: bool = False) -> str:
    via = (tx.via or "kas").strip().lower()
    if via in VIA_ACCOUNTS:
        return VIA_ACCOUNTS[via]
    if allow_credit and via == CREDIT_VIA:
        return PAYABLE
    choices = [*VIA_ACCOUNTS, *([CREDIT_VIA] if allow_credit else [])]
    raise InputError("Cara bayar '{value}' tidak dikenal; pilih: {choices}", field="via",
                     value=tx.via, choices=", ".join(choices))


def _account_in(conn: sqlite3.Connection, tx: TxInput, default: str, groups: tuple[str, ...],
                *, refuse: tuple[str, ...] = ()) -> str:
    code = (tx.account or default).strip()
    known = conn.execute("SELECT 1 FROM account WHERE code = ?", (code,)).fetchone()
    if not known or code[:2] not in groups or code in refuse:
        raise InputError("Akun '{value}' tidak bisa dipakai untuk {form}; pilih akun kelompok {groups}",
                         field="account", value=code, form=tx.type, groups="/".join(groups))
    return code


def _party(conn: sqlite3.Connection, tx: TxInput, kind: str | None) -> Party:
    """The named party; created on first use unless `kind` is None (it must already exist)."""
    if not tx.party:
        raise InputError("Nama pihak wajib diisi untuk {form} (--party)", field="party",
                         form=tx.type)
    return find_party(conn, tx.party) if kind is None else ensure_party(conn, tx.party, kind=kind)


def _due(tx: TxInput, day: dt.date) -> dt.date:
    if not tx.due:
        return day + dt.timedelta(days=DEFAULT_TERMS_DAYS)
    due = parse_date(tx.due, field="due")
    if due < day:
        raise InputError("Jatuh tempo {value} lebih awal dari tanggal transaksi", field="due",
                         value=due.isoformat())
    return due


def _check_payment(amount: int, balance: int, tx: TxInput, what: str, who: str) -> None:
    if amount > balance and not tx.confirm:
        raise ConfirmationRequired(
            "Pembayaran {value} lebih besar dari {what} {who} yang tersisa {balance}. "
            "Jika memang benar, ulangi dengan --confirm.",
            field="amount", value=sen_str(amount), what=what, who=who, balance=sen_str(balance),
        )


def _sold_item(conn: sqlite3.Connection, tx: TxInput) -> tuple[Item, int] | None:
    if not tx.item:
        if tx.qty:
            raise InputError("Jumlah barang diisi tetapi barangnya tidak (--item)", field="item")
        return None
    item = get_item(conn, tx.item)
    qty = parse_qty(tx.qty or "1")
    if qty == 0:
        raise InputError("Jumlah barang harus lebih dari nol", field="qty", value=tx.qty)
    return item, qty


def _sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date, debit: str,
          party: Party | None, kind: str, due: dt.date | None) -> _Built:
    sold = _sold_item(conn, tx)
    if tx.amount is None and sold and sold[0].price:
        amount = rupiah_share(sold[0].price, sold[1], 1000)
    else:
        amount = _amount(tx)
    lines = [LineDraft(debit, debit=amount), LineDraft(SALES, credit=amount)]
    moves: list[MoveDraft] = []
    warnings: list[str] = []
    memo = tx.memo
    if sold:
        item, qty = sold
        cost, warnings = issue_cost(conn, item, qty)
        if cost:
            lines += [LineDraft(HPP, debit=cost), LineDraft(item.account, credit=cost)]
        moves.append(MoveDraft(item.id, -qty, -cost))
        memo = memo or f"Penjualan {milli_str(qty)} {item.unit} {item.name}"
    label = "Penjualan tunai" if kind == "penjualan-tunai" else "Penjualan kredit"
    memo = memo or (f"{label} kepada {party.name}" if party else label)
    return _Built(EntryDraft(kind, day, memo, lines, party_id=party.id if party else None,
                             due_date=due, moves=moves), warnings)


def _simple(kind: str, day: dt.date, memo: str, debit: str, credit: str, amount: int,
            party: Party | None = None, due: dt.date | None = None) -> _Built:
    return _Built(EntryDraft(kind, day, memo, [LineDraft(debit, debit=amount),
                                               LineDraft(credit, credit=amount)],
                             party_id=party.id if party else None, due_date=due))


# -- the forms ---------------------------------------------------------------------------------

def cash_sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """penjualan-tunai: cash, bank or QRIS sale, with HPP when an item is sold."""
    party = ensure_party(conn, tx.party, kind="pelanggan") if tx.party else None
    return _sale(conn, tx, day, _cash(tx), party, "penjualan-tunai", None)


def credit_sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """penjualan-kredit: sale on credit to a named customer, due in 30 days unless given."""
    party = _party(conn, tx, "pelanggan")
    return _sale(conn, tx, day, RECEIVABLE, party, "penjualan-kredit", _due(tx, day))


def receive_payment(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """terima-piutang: a customer pays what they owe."""
    party, amount = _party(conn, tx, None), _amount(tx)
    _check_payment(amount, party_balance(conn, party.id, RECEIVABLE), tx, "piutang", party.name)
    memo = tx.memo or f"Terima pembayaran piutang dari {party.name}"
    return _simple("terima-piutang", day, memo, _cash(tx), RECEIVABLE, amount, party)


def buy_stock(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """pembelian-persediaan: stock bought for cash or on credit (--via utang)."""
    amount, credit = _amount(tx), _cash(tx, allow_credit=True)
    party = _party(conn, tx, "pemasok") if credit == PAYABLE else (
        ensure_party(conn, tx.party, kind="pemasok") if tx.party else None)
    bought = _sold_item(conn, tx)
    moves: list[MoveDraft] = []
    corrections: list[LineDraft] = []
    debit = _account_in(conn, tx, "1301", ("13",))
    memo = tx.memo or "Pembelian persediaan"
    if bought:
        item, qty = bought
        debit = item.account
        moves, corrections = receive_stock(conn, item, qty, amount)
        memo = tx.memo or f"Pembelian {milli_str(qty)} {item.unit} {item.name}"
    due = _due(tx, day) if credit == PAYABLE else None
    built = _simple("pembelian-persediaan", day, memo, debit, credit, amount, party, due)
    built.draft.moves = moves
    built.draft.lines += corrections
    return built


def pay_supplier(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """bayar-utang: paying a supplier what the business owes."""
    party, amount = _party(conn, tx, None), _amount(tx)
    _check_payment(amount, party_balance(conn, party.id, PAYABLE), tx, "utang", party.name)
    memo = tx.memo or f"Bayar utang kepada {party.name}"
    return _simple("bayar-utang", day, memo, PAYABLE, _cash(tx), amount, party)


def expense(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """beban: an expense paid from cash or bank; the owner picks the expense account."""
    account = _account_in(conn, tx, DEFAULT_EXPENSE, ("52", "53", "54"), refuse=("5206",))
    name = conn.execute("SELECT name FROM account WHERE code = ?", (account,)).fetchone()[0]
    return _simple("beban", day, tx.memo or name, account, _cash(tx), _amount(tx))


def other_income(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """pendapatan-lain: income outside normal sales."""
    account = _account_in(conn, tx, OTHER_INCOME, ("42",))
    return _simple("pendapatan-lain", day, tx.memo or "Pendapatan lain-lain", _cash(tx),
                   account, _amount(tx))


def capital_in(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """setoran-modal: the owner puts money into the business."""
    account = _account_in(conn, tx, CAPITAL, ("31",), refuse=(DRAWINGS,))
    return _simple("setoran-modal", day, tx.memo or "Setoran modal pemilik", _cash(tx), account,
                   _amount(tx))


def drawings(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """prive: the owner takes money out for the household."""
    return _simple("prive", day, tx.memo or "Pengambilan pribadi (prive)", DRAWINGS, _cash(tx),
                   _amount(tx))


def loan_in(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """pinjaman: a loan received from a bank, cooperative or family."""
    account = _account_in(conn, tx, DEFAULT_LOAN, ("22",))
    party = ensure_party(conn, tx.party, kind="lainnya") if tx.party else None
    return _simple("pinjaman", day, tx.memo or "Penerimaan pinjaman", _cash(tx), account,
                   _amount(tx), party)


def loan_repay(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """bayar-pinjaman: repaying loan principal, with optional interest (--interest)."""
    account = _account_in(conn, tx, DEFAULT_LOAN, ("22",))
    principal = _amount(tx)
    interest = parse_amount(tx.interest, field="interest") if tx.interest else 0
    _check_payment(principal, -account_balance(conn, account), tx, "pinjaman", account)
    party = find_party(conn, tx.party) if tx.party else None
    lines = [LineDraft(account, debit=principal)]
    if interest:
        lines.append(LineDraft(INTEREST, debit=interest))
    lines.append(LineDraft(_cash(tx), credit=principal + interest))
    return _Built(EntryDraft("bayar-pinjaman", day, tx.memo or "Angsuran pinjaman", lines,
                             party_id=party.id if party else None))


def buy_asset(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """pembelian-aset: equipment bought and entered in the asset register."""
    account = validate_asset_account(conn, (tx.account or "1503").strip())
    amount, credit = _amount(tx), _cash(tx, allow_credit=True)
    party = _party(conn, tx, "pemasok") if credit == PAYABLE else None
    residual = parse_amount(tx.residual, field="residual") if tx.residual else 0
    life = default_life(account) if tx.life_months is None else tx.life_months
    name = (tx.name or tx.memo or "").strip()
    if not name:
        raise InputError("Nama aset wajib diisi (--name), misalnya 'Mesin pengiris'",
                         field="name")
    due = _due(tx, day) if credit == PAYABLE else None
    built = _simple("pembelian-aset", day, tx.memo or f"Pembelian aset: {name}", account, credit,
                    amount, party, due)

    def register(c: sqlite3.Connection, posted: Posted) -> None:
        register_asset(c, name=name, account=account, acquired=day, cost=amount,
                       residual=residual, life_months=life, entry_seq=posted.seq)

    built.after = register
    return built


def stock_count(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """penyesuaian-stok: the counted quantity replaces the book quantity; the gap is costed."""
    if not tx.item:
        raise InputError("Barang wajib diisi (--item)", field="item")
    item = get_item(conn, tx.item)
    if tx.qty is None:
        raise InputError("Isi jumlah hasil hitung stok (--qty)", field="qty")
    counted = parse_qty(tx.qty)
    level = stock_level(conn, item.id)
    diff = counted - level.qty
    if diff == 0:
        raise InputError("Stok {name} sudah {value} {unit}; tidak ada selisih", field="qty",
                         name=item.name, value=milli_str(counted), unit=item.unit)
    if diff < 0:
        value = -issue_cost(conn, item, -diff)[0]
    elif tx.amount is not None:
        value = _amount(tx)
    else:
        value = average_value(conn, item.id, level, diff)
    if value == 0:
        raise InputError("Nilai selisih stok {name} belum diketahui; isi nilainya (--amount)",
                         field="amount", name=item.name)
    debit, credit = (item.account, HPP) if value > 0 else (HPP, item.account)
    memo = tx.memo or f"Penyesuaian stok {item.name}: {milli_str(level.qty)} → " \
                      f"{milli_str(counted)} {item.unit}"
    built = _simple("penyesuaian-stok", day, memo, debit, credit, abs(value))
    if diff > 0:
        built.draft.moves, corrections = receive_stock(conn, item, diff, value)
        built.draft.lines += corrections
    else:
        built.draft.moves = [MoveDraft(item.id, diff, value)]
    return built


def production(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """produksi: raw materials used up become finished goods at their moving-average cost."""
    if not tx.item or not tx.materials:
        raise InputError("Produksi butuh barang jadi (--item) dan bahan (--material SKU=JUMLAH)",
                         field="material")
    product = get_item(conn, tx.item)
    qty = parse_qty(tx.qty or "0")
    if qty == 0:
        raise InputError("Jumlah hasil produksi harus lebih dari nol", field="qty", value=tx.qty)
    lines: list[LineDraft] = []
    moves: list[MoveDraft] = []
    warnings: list[str] = []
    for sku, raw_qty in tx.materials:
        material = get_item(conn, sku, field="material")
        used = parse_qty(raw_qty, field="material")
        cost, notes = issue_cost(conn, material, used)
        warnings += notes
        moves.append(MoveDraft(material.id, -used, -cost))
        if cost:
            lines.append(LineDraft(material.account, credit=cost))
    total = sum(line.credit for line in lines)
    if total == 0:
        raise InputError("Bahan yang dipakai belum punya harga pokok; catat pembeliannya dulu",
                         field="material")
    output, corrections = receive_stock(conn, product, qty, total)
    memo = tx.memo or f"Produksi {milli_str(qty)} {product.unit} {product.name}"
    draft = EntryDraft("produksi", day, memo,
                       [LineDraft(product.account, debit=total), *lines, *corrections],
                       moves=moves + output)
    return _Built(draft, warnings)


def transfer(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> _Built:
    """pindah-dana: money moved between kas, bank and QRIS (setor ke bank, tarik tunai)."""
    source = _cash(tx)
    into = (tx.into or "").strip().lower()
    if into not in VIA_ACCOUNTS or VIA_ACCOUNTS[into] == source:
        raise InputError("Tujuan pindah dana '{value}' harus kas, bank atau qris dan berbeda "
                         "dari asalnya", field="into", value=tx.into or "")
    memo = tx.memo or f"Pindah dana dari {tx.via} ke {into}"
    return _simple("pindah-dana", day, memo, VIA_ACCOUNTS[into], source, _amount(tx))


FORMS: dict[str, Builder] = {
    "penjualan-tunai": cash_sale,
    "penjualan-kredit": credit_sale,
    "terima-piutang": receive_payment,
    "pembelian-persediaan": buy_stock,
    "bayar-utang": pay_supplier,
    "beban": expense,
    "pendapatan-lain": other_income,
    "setoran-modal": capital_in,
    "prive": drawings,
    "pinjaman": loan_in,
    "bayar-pinjaman": loan_repay,
    "pembelian-aset": buy_asset,
    "penyesuaian-stok": stock_count,
    "produksi": production,
    "pindah-dana": transfer,
}
