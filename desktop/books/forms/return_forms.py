"""Returns: goods a customer brings back (retur-penjualan) or the business sends back to its
supplier (retur-pembelian), at the original nota's cost, never more than the nota moved."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.errors import InputError
from desktop.books.forms.advance_forms import CUSTOMER_ADVANCE, SUPPLIER_ADVANCE
from desktop.books.forms.base import HPP, SALES, VIA_ACCOUNTS, Built, TxInput
from desktop.books.forms.nota_forms import share_discount
from desktop.books.ledger import EntryDraft, EntryRow, LineDraft, MoveDraft, get_entry
from desktop.books.money import milli_str, parse_amount, parse_qty
from desktop.books.nota import nota_of
from desktop.books.parties import PAYABLE, RECEIVABLE, party_balance
from desktop.books.returns import (
    ORIGINALS,
    PURCHASE_RETURN,
    SALES_RETURN,
    original_move,
    return_memo,
    returned_qty,
    share_of,
)
from desktop.books.stock import Item, get_item, stock_level

# `--via` for a return: money back (kas/tunai, bank, qris), off the bill (piutang / utang), or
# empty / "nota" for the way the original was paid.
ON_ACCOUNT = {SALES_RETURN: "piutang", PURCHASE_RETURN: "utang"}
SAME_AS_NOTA = "nota"


def sales_return(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """retur-penjualan: goods come back into stock at the sale's cost; sales and HPP go down."""
    original, item, qty, _sold, cost, amount = _picked(conn, tx, day, SALES_RETURN)
    money = _money(conn, tx, original, SALES_RETURN, amount)
    lines = [LineDraft(SALES, debit=amount), *money] if amount else []
    if cost:
        lines += [LineDraft(item.account, debit=cost), LineDraft(HPP, credit=cost)]
    memo = return_memo(original.ref, tx.memo or
                       f"{milli_str(qty)} {item.unit} {item.name} dikembalikan pelanggan")
    draft = EntryDraft(SALES_RETURN, day, memo, lines, party_id=original.party_id,
                       moves=[MoveDraft(item.id, qty, cost)])
    return Built(draft)


def purchase_return(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """retur-pembelian: goods go back to the supplier at their purchase cost."""
    original, item, qty, _bought, cost, amount = _picked(conn, tx, day, PURCHASE_RETURN)
    held = stock_level(conn, item.id, day).qty
    if qty > held:
        raise InputError("Stok {name} pada {day} hanya {held} {unit}; tidak bisa mengembalikan "
                         "{value} {unit}", field="qty", name=item.name, day=day.isoformat(),
                         held=milli_str(held), value=milli_str(qty), unit=item.unit)
    lines = [*_money(conn, tx, original, PURCHASE_RETURN, amount),
             LineDraft(item.account, credit=cost)]
    # A refund above or below what the goods cost changes HPP (a gain or a loss on the return).
    if amount > cost:
        lines.append(LineDraft(HPP, credit=amount - cost))
    elif amount < cost:
        lines.append(LineDraft(HPP, debit=cost - amount))
    memo = return_memo(original.ref, tx.memo or
                       f"{milli_str(qty)} {item.unit} {item.name} dikembalikan ke pemasok")
    draft = EntryDraft(PURCHASE_RETURN, day, memo, lines, party_id=original.party_id,
                       moves=[MoveDraft(item.id, -qty, -cost)])
    return Built(draft)


def _original(conn: sqlite3.Connection, tx: TxInput, day: dt.date, kind: str) -> EntryRow:
    """The nota being returned: of the right kind, standing, dated no later than the return."""
    if not tx.of:
        raise InputError("Pilih nota asal yang barangnya diretur", field="of")
    original = get_entry(conn, tx.of, field="of")
    if original.kind not in ORIGINALS[kind]:
        raise InputError("Nota '{value}' bukan {what}; {form} hanya untuk nota {what}",
                         field="of", value=original.ref, form=kind,
                         what="penjualan" if kind == SALES_RETURN else "pembelian barang")
    if original.reversed_by is not None:
        raise InputError("Nota '{value}' sudah dibatalkan oleh {by}; tidak ada yang bisa "
                         "diretur", field="of", value=original.ref, by=original.reversed_by)
    if day < original.date:
        raise InputError("Tanggal retur {value} lebih awal dari nota aslinya ({original})",
                         field="date", value=day.isoformat(), original=original.date.isoformat())
    return original


def _picked(conn: sqlite3.Connection, tx: TxInput, day: dt.date, kind: str
            ) -> tuple[EntryRow, Item, int, int, int, int]:
    """(original, item, qty returned, qty on the nota, cost of the returned qty, money back)."""
    original = _original(conn, tx, day, kind)
    rows = conn.execute(
        "SELECT i.sku FROM stock_move m JOIN item i ON i.id = m.item_id WHERE m.entry_seq = ? "
        "ORDER BY m.move_no", (original.seq,)).fetchall()
    skus = list(dict.fromkeys(r[0] for r in rows))   # an item may be on several lines
    if not skus:
        raise InputError("Nota '{value}' tidak mencatat barang; batalkan notanya bila "
                         "salah", field="of", value=original.ref)
    sku = (tx.item or (skus[0] if len(skus) == 1 else "")).strip()
    if not sku:
        raise InputError("Pilih barang yang diretur dari nota '{value}': {choices}",
                         field="item", value=original.ref, choices=", ".join(skus))
    item = get_item(conn, sku)
    found = original_move(conn, original.seq, item.id)
    if found is None:
        raise InputError("Barang '{value}' tidak ada di nota {ref}; pilih: {choices}",
                         field="item", value=sku, ref=original.ref, choices=", ".join(skus))
    moved, base = found
    on_nota = abs(moved)
    left = on_nota - returned_qty(conn, original.ref, item.id)
    qty = parse_qty(tx.qty) if tx.qty else left
    if qty <= 0 or qty > left:
        raise InputError("Jumlah retur {value} {unit} melebihi yang tersisa di nota {ref}: "
                         "{left} {unit} (dari {total} {unit})", field="qty",
                         value=milli_str(qty), unit=item.unit, ref=original.ref,
                         left=milli_str(left), total=milli_str(on_nota))
    cost = abs(share_of(base, qty, on_nota))
    if tx.amount is not None:
        amount = parse_amount(tx.amount, field="amount", allow_zero=True)
    elif kind == PURCHASE_RETURN:
        amount = cost   # what was paid for these goods
    else:
        charged = _charged_for(conn, original.ref, item)
        if charged is None:
            # A nota kept before notas had lines: the price of one of its items is not known.
            raise InputError("Nota {ref} berisi beberapa barang; isi jumlah uang yang "
                             "dikembalikan untuk {value}", field="amount", ref=original.ref,
                             value=item.name)
        # Shares of what is already back and of what will be, so returns in parts add up
        # to what was charged, never a rupiah more.
        done = on_nota - left
        amount = share_of(charged, done + qty, on_nota) - share_of(charged, done, on_nota)
    return original, item, qty, on_nota, cost, amount


def _charged_for(conn: sqlite3.Connection, ref: str, item: Item) -> int | None:
    """What the sale charged for the item: its lines' amounts less their share of the nota's
    discount (service lines and other items are not part of it); None when not known."""
    nota = nota_of(conn, ref)
    charged = [value for line, value in zip(nota.lines, share_discount(nota.lines, nota.discount),
                                            strict=True)
               if line.item is not None and line.item.id == item.id]
    return sum(charged) if charged else None


def _money(conn: sqlite3.Connection, tx: TxInput, original: EntryRow, kind: str,
           amount: int) -> list[LineDraft]:
    """The money side: cash back, or off the party's bill (any excess becomes uang muka)."""
    if amount == 0:
        return []
    customer = kind == SALES_RETURN
    via = (tx.via or "").strip().lower()
    if via in ("", SAME_AS_NOTA):
        via = _nota_via(conn, original)
    via = "kas" if via == "tunai" else via
    if via == ON_ACCOUNT[kind]:
        if original.party_id is None:
            raise InputError("Nota '{value}' tidak punya nama {who}; kembalikan uangnya "
                             "(tunai, bank atau QRIS)", field="via", value=original.ref,
                             who="pelanggan" if customer else "pemasok")
        bill, advance = (RECEIVABLE, CUSTOMER_ADVANCE) if customer else (PAYABLE, SUPPLIER_ADVANCE)
        owed = max(party_balance(conn, original.party_id, bill), 0)
        parts = [(bill, min(amount, owed)), (advance, max(amount - owed, 0))]
        return [LineDraft(code, credit=part) if customer else LineDraft(code, debit=part)
                for code, part in parts if part]
    if via not in VIA_ACCOUNTS:
        raise InputError("Cara pengembalian '{value}' tidak dikenal; pilih: {choices}",
                         field="via", value=tx.via,
                         choices=", ".join(["tunai", "bank", "qris", ON_ACCOUNT[kind]]))
    code = VIA_ACCOUNTS[via]
    return [LineDraft(code, credit=amount) if customer else LineDraft(code, debit=amount)]


def _nota_via(conn: sqlite3.Connection, original: EntryRow) -> str:
    """How the original was paid: its cash account, else on the party's bill."""
    accounts = {a for (a,) in conn.execute("SELECT account FROM line WHERE entry_seq = ?",
                                           (original.seq,))}
    for via, code in VIA_ACCOUNTS.items():
        if code in accounts:
            return via
    return "piutang" if original.kind == "penjualan-kredit" else "utang"
