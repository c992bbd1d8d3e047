"""Forms that move stock: sales (with HPP), purchases, stock counts and production."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.errors import InputError
from desktop.books.forms.base import (
    HPP,
    SALES,
    Built,
    TxInput,
    account_in,
    amount_of,
    cash_account,
    due_date,
    party_of,
    simple,
    sold_item,
)
from desktop.books.forms.nota_forms import nota_purchase, nota_sale, wants_nota
from desktop.books.ledger import EntryDraft, LineDraft, MoveDraft
from desktop.books.money import milli_str, parse_qty, rupiah_share
from desktop.books.parties import (
    PAYABLE,
    RECEIVABLE,
    Party,
    ensure_party,
)
from desktop.books.stock import (
    average_value,
    get_item,
    issue_cost,
    receive_stock,
    stock_level,
)


def sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date, debit: str,
          party: Party | None, kind: str, due: dt.date | None) -> Built:
    if wants_nota(tx):
        label = "Penjualan"
        return nota_sale(conn, tx, day, debit, party.id if party else None, kind, due, label)
    sold = sold_item(conn, tx)
    if tx.amount is None and sold and sold[0].price:
        amount = rupiah_share(sold[0].price, sold[1], 1000)
    else:
        amount = amount_of(tx)
    lines = [LineDraft(debit, debit=amount), LineDraft(SALES, credit=amount)]
    moves: list[MoveDraft] = []
    warnings: list[str] = []
    memo = tx.memo
    if sold:
        item, qty = sold
        cost, warnings = issue_cost(conn, item, qty, day)
        if cost:
            lines += [LineDraft(HPP, debit=cost), LineDraft(item.account, credit=cost)]
        moves.append(MoveDraft(item.id, -qty, -cost))
        memo = memo or f"Penjualan {milli_str(qty)} {item.unit} {item.name}"
    label = "Penjualan tunai" if kind == "penjualan-tunai" else "Penjualan kredit"
    memo = memo or (f"{label} kepada {party.name}" if party else label)
    return Built(EntryDraft(kind, day, memo, lines, party_id=party.id if party else None,
                             due_date=due, moves=moves), warnings)


def cash_sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """penjualan-tunai: cash, bank or QRIS sale, with HPP when an item is sold."""
    party = ensure_party(conn, tx.party, kind="pelanggan") if tx.party else None
    return sale(conn, tx, day, cash_account(tx), party, "penjualan-tunai", None)


def credit_sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """penjualan-kredit: sale on credit to a named customer, due in 30 days unless given."""
    party = party_of(conn, tx, "pelanggan")
    return sale(conn, tx, day, RECEIVABLE, party, "penjualan-kredit", due_date(tx, day))


def buy_stock(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pembelian-persediaan: stock bought for cash or on credit (--via utang)."""
    credit = cash_account(tx, allow_credit=True)
    party = party_of(conn, tx, "pemasok") if credit == PAYABLE else (
        ensure_party(conn, tx.party, kind="pemasok") if tx.party else None)
    if wants_nota(tx):
        due = due_date(tx, day) if credit == PAYABLE else None
        return nota_purchase(conn, tx, day, credit, party.id if party else None, due)
    amount = amount_of(tx)
    bought = sold_item(conn, tx)
    moves: list[MoveDraft] = []
    corrections: list[LineDraft] = []
    debit = account_in(conn, tx, "1301", ("13",))
    memo = tx.memo or "Pembelian persediaan"
    if bought:
        item, qty = bought
        debit = item.account
        moves, corrections = receive_stock(conn, item, qty, amount)
        memo = tx.memo or f"Pembelian {milli_str(qty)} {item.unit} {item.name}"
    due = due_date(tx, day) if credit == PAYABLE else None
    built = simple("pembelian-persediaan", day, memo, debit, credit, amount, party, due)
    built.draft.moves = moves
    built.draft.lines += corrections
    return built


def stock_count(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """penyesuaian-stok: the counted quantity replaces the book quantity; the gap is costed."""
    if not tx.item:
        raise InputError("Barang wajib diisi", field="item")
    item = get_item(conn, tx.item)
    if tx.qty is None:
        raise InputError("Isi jumlah hasil hitung stok", field="qty")
    counted = parse_qty(tx.qty)
    level = stock_level(conn, item.id, day)
    diff = counted - level.qty
    if diff == 0:
        raise InputError("Stok {name} sudah {value} {unit}; tidak ada selisih", field="qty",
                         name=item.name, value=milli_str(counted), unit=item.unit)
    if diff < 0:
        value = -issue_cost(conn, item, -diff, day)[0]
    elif tx.amount is not None:
        value = amount_of(tx)
    else:
        value = average_value(conn, item.id, level, diff, day)
    if value == 0:
        raise InputError("Nilai selisih stok {name} belum diketahui; isi nilainya",
                         field="amount", name=item.name)
    debit, credit = (item.account, HPP) if value > 0 else (HPP, item.account)
    # "ke", not an arrow: the PDF fonts have no glyph for "→".
    memo = tx.memo or f"Penyesuaian stok {item.name}: {milli_str(level.qty)} ke " \
                      f"{milli_str(counted)} {item.unit}"
    built = simple("penyesuaian-stok", day, memo, debit, credit, abs(value))
    if diff > 0:
        built.draft.moves, corrections = receive_stock(conn, item, diff, value)
        built.draft.lines += corrections
    else:
        built.draft.moves = [MoveDraft(item.id, diff, value)]
    return built


def production(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """produksi: raw materials used up become finished goods at their moving-average cost."""
    if not tx.item or not tx.materials:
        raise InputError("Produksi butuh barang jadi dan bahan yang dipakai",
                         field="material")
    product = get_item(conn, tx.item)
    qty = parse_qty(tx.qty or "0")
    if qty == 0:
        raise InputError("Jumlah hasil produksi harus lebih dari nol", field="qty", value=tx.qty)
    lines: list[LineDraft] = []
    moves: list[MoveDraft] = []
    warnings: list[str] = []
    for number, (sku, raw_qty) in enumerate(tx.materials, 1):
        if not sku:
            raise InputError("Bahan baris {number}: jumlah {value} diisi tetapi bahannya belum "
                             "dipilih", field="material", value=raw_qty, number=number)
        if not raw_qty:
            raise InputError("Bahan '{value}': isi jumlah yang dipakai", field="material",
                             value=sku)
        material = get_item(conn, sku, field="material")
        used = parse_qty(raw_qty, field="material")
        cost, notes = issue_cost(conn, material, used, day)
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
    return Built(draft, warnings)

