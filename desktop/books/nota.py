"""A nota of several lines: what the owner types, what is stored, and what is read back.

A line is written `SKU:QTY[@PRICE][-DISCOUNT]` for an item (the price defaults to the item's
sell price on a sale) or `*NAME:QTY@PRICE[-DISCOUNT]` for a service without an item. The line's
amount follows the protocol's rule (`protocol.entities.nota_line_total`), so the mall checks a
synced nota the same way. Other modules (returns, the kasir, receipts) read a posted nota with
`nota_of` and `nota_lines`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from desktop.books.errors import InputError, NotFoundError, UserFacingError
from desktop.books.fmt import rupiah
from desktop.books.ledger import get_entry
from desktop.books.money import milli_str, mul_div, parse_amount, parse_qty, sen_str
from desktop.books.stock import Item, find_by_code, get_item
from protocol.entities import CHANNELS, MAX_NOTA_LINES, nota_line_total

__all__ = ["CHANNELS", "LineInput", "Nota", "NotaLine", "nota_lines", "nota_of", "parse_line",
           "price_lines", "save_nota"]
SERVICE = "*"
NOTA_KINDS = ("penjualan-tunai", "penjualan-kredit", "pembelian-persediaan")


@dataclass(frozen=True)
class LineInput:
    """One line as typed: a code (SKU or barcode) or a service name, qty, price, discount."""

    code: str | None
    name: str
    qty: str
    price: str | None = None
    discount: str | None = None


@dataclass(frozen=True)
class NotaLine:
    """One priced line: the item (None for a service), name, qty (thousandths), sen figures."""

    item: Item | None
    name: str
    qty: int
    price: int
    discount: int
    total: int

    @property
    def sku(self) -> str | None:
        return self.item.sku if self.item else None

    @property
    def unit(self) -> str:
        return self.item.unit if self.item else ""

    @property
    def gross(self) -> int:
        return self.total + self.discount


@dataclass(frozen=True)
class Nota:
    """A posted nota: its entry, channel, lines, the discount on the whole nota and total."""

    ref: str
    date: dt.date
    type: str
    channel: str | None
    lines: list[NotaLine]
    discount: int
    total: int

    @property
    def line_discounts(self) -> int:
        return sum(line.discount for line in self.lines)

    def to_json(self) -> dict[str, Any]:
        """The `tx show --json` shape."""
        return {"ref": self.ref, "date": self.date.isoformat(), "type": self.type,
                "channel": self.channel,
                "lines": [{"sku": ln.sku if ln.item else f"{SERVICE}{ln.name}",
                           "qty": milli_str(ln.qty), "price": sen_str(ln.price),
                           "discount": sen_str(ln.discount), "total": sen_str(ln.total)}
                          for ln in self.lines],
                "discount": sen_str(self.discount), "total": sen_str(self.total)}


def parse_line(text: str, *, row: int) -> LineInput:
    """`SKU:QTY[@PRICE][-DISCOUNT]` or `*NAME:QTY@PRICE[-DISCOUNT]`; errors name the line."""
    raw = text.strip()
    head, colon, rest = raw.rpartition(":")
    if not colon or not head.strip() or not rest.strip():
        raise InputError("Baris '{value}' harus ditulis SKU:JUMLAH[@HARGA][-POTONGAN]",
                         field="line", row=row, value=text)
    qty, at, priced = rest.partition("@")
    discount = None
    if at:
        price, dash, off = priced.partition("-")
        discount = off if dash else None
    else:
        qty, dash, off = qty.partition("-")
        price, discount = None, off if dash else None
    head = head.strip()
    if head.startswith(SERVICE):
        name = head[1:].strip()
        if not name or not at:
            raise InputError("Baris jasa '{value}' harus ditulis *NAMA:JUMLAH@HARGA",
                             field="line", row=row, value=text)
        return LineInput(None, name, qty.strip(), (price or "").strip(), discount)
    return LineInput(head, head, qty.strip(), price.strip() if price else None, discount)


def price_lines(conn: sqlite3.Connection, typed: list[LineInput], *, sale: bool,
                discount: str | None = None) -> tuple[list[NotaLine], int]:
    """Each line priced and checked against the books; returns the lines and nota discount."""
    if not typed:
        raise InputError("Nota butuh paling sedikit satu baris", field="line")
    if len(typed) > MAX_NOTA_LINES:
        raise InputError("Nota paling banyak {limit} baris, bukan {value}", field="line",
                         value=len(typed), limit=MAX_NOTA_LINES)
    lines = [_priced(conn, line, row, sale=sale) for row, line in enumerate(typed, 1)]
    off = parse_amount(discount or "0", field="discount")
    subtotal = sum(line.total for line in lines)
    if off > subtotal:
        raise InputError("Potongan nota {value} lebih besar dari jumlah baris {total}",
                         field="discount", value=rupiah(off), total=rupiah(subtotal))
    return lines, off


def _priced(conn: sqlite3.Connection, line: LineInput, row: int, *, sale: bool) -> NotaLine:
    qty = parse_qty(line.qty, field="line", row=row)
    if qty == 0:
        raise InputError("Jumlah barang harus lebih dari nol", field="line", row=row,
                         value=line.qty)
    try:
        item = find_by_code(conn, line.code, field="line") if line.code else None
    except UserFacingError as exc:
        raise type(exc)(exc.template, field="line", row=row, value=exc.value,
                        **exc.params) from None
    if line.price not in (None, ""):
        price = parse_amount(line.price or "", field="line", row=row)
    elif item is not None and sale and item.price:
        price = item.price
    else:
        raise InputError("Harga {name} belum diisi; tulis SKU:JUMLAH@HARGA", field="line",
                         row=row, name=item.name if item else line.name)
    off = parse_amount(line.discount or "0", field="line", row=row)
    total = nota_line_total(qty, price, off)
    if total < 0:
        raise InputError("Potongan {value} lebih besar dari harga baris {total}", field="line",
                         row=row, value=rupiah(off), total=rupiah(total + off))
    return NotaLine(item, item.name if item else line.name, qty, price, off, total)


def check_channel(channel: str | None) -> str | None:
    """A known sales channel (toko, whatsapp, ...), or None."""
    if channel in (None, ""):
        return None
    value = str(channel).strip().lower()
    if value not in CHANNELS:
        raise InputError("Saluran '{value}' tidak dikenal; pilih: {choices}", field="channel",
                         value=channel, choices=", ".join(CHANNELS))
    return value


def save_nota(conn: sqlite3.Connection, seq: int, *, channel: str | None,
              lines: list[NotaLine], discount: int) -> None:
    """Keep a posted entry's nota (in the posting's transaction)."""
    total = sum(line.total for line in lines) - discount
    conn.execute("INSERT INTO nota (entry_seq, channel, discount, total) VALUES (?, ?, ?, ?)",
                 (seq, channel, discount, total))
    conn.executemany(
        "INSERT INTO nota_line (entry_seq, line_no, item_id, name, qty, price, discount, total) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(seq, n, ln.item.id if ln.item else None, ln.name, ln.qty, ln.price, ln.discount,
          ln.total) for n, ln in enumerate(lines, 1)])


def nota_lines(conn: sqlite3.Connection, ref: str) -> list[NotaLine]:
    """The lines of a posted sale or purchase, in the order they were typed."""
    return nota_of(conn, ref).lines


def nota_of(conn: sqlite3.Connection, ref: str) -> Nota:
    """A posted sale or purchase as a nota; an entry posted before notas had lines is read
    from its stock move (one line) or as one service line of its amount."""
    entry = get_entry(conn, ref)
    if entry.kind not in NOTA_KINDS:
        raise NotFoundError("Transaksi '{value}' bukan penjualan atau pembelian persediaan",
                            field="ref", value=entry.ref)
    head = conn.execute("SELECT channel, discount, total FROM nota WHERE entry_seq = ?",
                        (entry.seq,)).fetchone()
    if head is None:
        return _legacy(conn, entry.seq, entry.ref, entry.date, entry.kind, entry.memo)
    items = _items(conn, entry.seq)
    lines = [NotaLine(items.get(item_id) if item_id else None, name, qty, price, off, total)
             for item_id, name, qty, price, off, total in conn.execute(
                 "SELECT item_id, name, qty, price, discount, total FROM nota_line "
                 "WHERE entry_seq = ? ORDER BY line_no", (entry.seq,))]
    return Nota(entry.ref, entry.date, entry.kind, head[0], lines, head[1], head[2])


def _items(conn: sqlite3.Connection, seq: int) -> dict[str, Item]:
    skus = conn.execute("SELECT DISTINCT i.sku FROM nota_line n JOIN item i ON i.id = n.item_id "
                        "WHERE n.entry_seq = ?", (seq,)).fetchall()
    found = [get_item(conn, sku) for (sku,) in skus]
    return {item.id: item for item in found}


def _legacy(conn: sqlite3.Connection, seq: int, ref: str, day: dt.date, kind: str,
            memo: str) -> Nota:
    sale = kind != "pembelian-persediaan"
    total = sum(debit if not sale else credit for _a, debit, credit in conn.execute(
        "SELECT account, debit, credit FROM line WHERE entry_seq = ? AND account LIKE ?",
        (seq, "41%" if sale else "13%")))
    if not sale:  # the purchase's first line holds what was paid for the stock
        total = conn.execute("SELECT debit FROM line WHERE entry_seq = ? AND line_no = 1",
                             (seq,)).fetchone()[0]
    moves = conn.execute("SELECT i.sku, abs(m.qty) FROM stock_move m JOIN item i ON "
                         "i.id = m.item_id WHERE m.entry_seq = ? ORDER BY m.move_no",
                         (seq,)).fetchall()
    if len(moves) == 1:
        item = get_item(conn, moves[0][0])
        qty = moves[0][1]
        line = NotaLine(item, item.name, qty, mul_div(total, 1000, qty), 0, total)
    else:
        line = NotaLine(None, memo or kind, 1000, total, 0, total)
    return Nota(ref, day, kind, None, [line], 0, total)
