"""The counter (kasir): a cart rung up by code or scan, paid in cash, QRIS or transfer.

No Qt here: the Kasir page only shows a `Cart` and calls `add_code`, `change_qty` and
`pay_cart`. Paying posts one `penjualan-tunai` nota (channel toko) through the same form as the
command line, in one transaction, so a sale is on disk the moment Bayar returns.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.fmt import rupiah
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import Posted
from desktop.books.money import MILLI, milli_str, sen_str
from desktop.books.nota import LineInput
from desktop.books.stock import Item, find_by_code
from protocol.entities import nota_line_total

# How the customer pays at the counter -> the form's `via`.
METHODS = {"tunai": "kas", "qris": "qris", "transfer": "bank"}


@dataclass
class CartLine:
    """An item on the counter: how many and at what price (sen per unit)."""

    item: Item
    qty: int
    price: int

    @property
    def total(self) -> int:
        return nota_line_total(self.qty, self.price, 0)


@dataclass
class Cart:
    """The customer's items in the order scanned; scanning an item again adds one to its line."""

    lines: list[CartLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    def add(self, item: Item) -> int:
        """One more of `item`; returns the index of its line."""
        for index, line in enumerate(self.lines):
            if line.item.id == item.id:
                line.qty += MILLI
                return index
        if not item.price:
            raise InputError("Harga jual {name} belum diisi; isi dulu di Persediaan",
                             field="code", name=item.name, value=item.sku)
        self.lines.append(CartLine(item, MILLI, item.price))
        return len(self.lines) - 1

    def change_qty(self, index: int, delta: int) -> None:
        """Add or take away whole units; a line that reaches zero leaves the cart."""
        line = self.lines[index]
        line.qty += delta * MILLI
        if line.qty <= 0:
            del self.lines[index]

    def clear(self) -> None:
        self.lines.clear()


def find_code(conn: sqlite3.Connection, code: str) -> Item:
    """The item a typed or scanned code (barcode or SKU) names."""
    if not code.strip():
        raise InputError("Ketik atau pindai kode barang", field="code")
    return find_by_code(conn, code, field="code")


def add_code(conn: sqlite3.Connection, cart: Cart, code: str) -> int:
    """Ring up a typed or scanned code; returns the line's index."""
    return cart.add(find_code(conn, code))


def change_due(total: int, received: int | None) -> int:
    """Kembalian: what the customer gets back from `received` (sen)."""
    if received is None:
        return 0
    if received < total:
        raise InputError("Uang diterima {value} kurang dari total {total}", field="received",
                         value=rupiah(received), total=rupiah(total))
    return received - total


@dataclass(frozen=True)
class Paid:
    """The sale the counter posted and the change to hand back."""

    posted: Posted
    total: int
    change: int


def pay_cart(book: Book, cart: Cart, *, method: str, day: dt.date,
             received: int | None = None) -> Paid:
    """Post the cart as one cash, QRIS or transfer sale (toko) and empty it."""
    if not cart.lines:
        raise InputError("Belum ada barang di keranjang", field="code")
    if method not in METHODS:
        raise InputError("Cara bayar '{value}' tidak dikenal; pilih: {choices}", field="via",
                         value=method, choices=", ".join(METHODS))
    total = cart.total
    change = change_due(total, received if method == "tunai" else None)
    lines = [LineInput(line.item.sku, line.item.sku, milli_str(line.qty), sen_str(line.price))
             for line in cart.lines]
    posted = post_tx(book, TxInput(type="penjualan-tunai", date=day, via=METHODS[method],
                                   lines=lines, channel="toko", amount=sen_str(total)))
    cart.clear()
    return Paid(posted, total, change)


# The counter's printer belongs to this PC's copy of the books (meta is never synced).
PRINTER_KEY, PAPER_KEY = "kasir_printer", "kasir_paper"
PAPERS = ("58mm", "80mm")
SYSTEM_PRINTER = "system"  # the OS's default printer, sent the nota as a page (not ESC/POS)
PRINTER_KINDS = ("none", "network", "device", "system")


def printer_kind(target: str) -> str:
    """How the nota reaches the printer a target names: none, network, device or system."""
    if not target:
        return "none"
    if target == SYSTEM_PRINTER:
        return "system"
    return "network" if target.startswith("tcp://") else "device"


def printer_target(kind: str, address: str) -> str:
    """The target kept for a kind and what the owner typed (an IP:port, a device, COM3)."""
    address = address.strip()
    if kind not in PRINTER_KINDS:
        raise InputError("Jenis printer '{value}' tidak dikenal; pilih: {choices}",
                         field="printer", value=kind, choices=", ".join(PRINTER_KINDS))
    if kind in ("none", "system"):
        return "" if kind == "none" else SYSTEM_PRINTER
    if not address:
        raise InputError("Isi alamat printer (misalnya 192.168.1.50:9100, /dev/usb/lp0 atau "
                         "COM3)", field="printer")
    if kind == "network":
        return address if address.startswith("tcp://") else f"tcp://{address}"
    return address


def printer_setting(conn: sqlite3.Connection) -> tuple[str, str]:
    """(target, paper) of the counter's ESC/POS printer; target "" means none."""
    found = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                              (PRINTER_KEY, PAPER_KEY)).fetchall())
    paper = found.get(PAPER_KEY, PAPERS[0])
    return found.get(PRINTER_KEY, ""), paper if paper in PAPERS else PAPERS[0]


def save_printer(conn: sqlite3.Connection, *, target: str, paper: str) -> tuple[str, str]:
    """Remember the counter's printer (tcp://HOST:PORT, a device or file path, or "")."""
    if paper not in PAPERS:
        raise InputError("Ukuran kertas '{value}' tidak dikenal; pilih: {choices}",
                         field="paper", value=paper, choices=", ".join(PAPERS))
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                     "SET value = excluded.value",
                     [(PRINTER_KEY, target.strip()), (PAPER_KEY, paper)])
    return target.strip(), paper


def print_nota(conn: sqlite3.Connection, ref: str) -> int:
    """Print a posted nota on the counter's printer; returns the bytes sent (0: no printer)."""
    from desktop.books.escpos import send_to_printer, slip_bytes
    from desktop.books.receipt import receipt_for

    target, paper = printer_setting(conn)
    if printer_kind(target) in ("none", "system"):  # the system printer prints from the UI
        return 0
    job = slip_bytes(receipt_for(conn, ref), size=paper)
    send_to_printer(job, target)
    return len(job)
