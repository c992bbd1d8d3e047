"""The data of a nota (sale) or kuitansi (payment received) for one entry."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.business import Profile, get_logo, get_profile
from desktop.books.errors import InputError
from desktop.books.ledger import get_entry
from desktop.books.money import SEN_PER_RUPIAH, milli_str, mul_div, sen_str
from desktop.books.nota import nota_of

SALES = ("penjualan-tunai", "penjualan-kredit")
QRIS_ACCOUNT = "1103"
PAYMENT_WORDS = {"1101": "Tunai", "1102": "Transfer bank", "1103": "QRIS", "1201": "Kredit"}


@dataclass(frozen=True)
class ReceiptLine:
    """What was sold: name, quantity and unit price when an item was sold, and the amount."""

    name: str
    qty: int | None
    unit: str
    price: int | None
    amount: int
    discount: int = 0  # the line's own discount, already taken off `amount`


@dataclass(frozen=True)
class Receipt:
    """Everything printed on the slip; figures come from the posted entry."""

    title: str
    ref: str
    date: dt.date
    party: str | None
    lines: list[ReceiptLine]
    total: int
    payment: str
    due: dt.date | None
    memo: str
    cancelled_by: str | None
    words: str
    profile: Profile
    logo: bytes | None = None
    discount: int = 0  # off the whole nota, already taken off `total`
    qris: str = ""  # the owner's QRIS payload, on a sale paid by QRIS

    def to_json(self) -> dict[str, object]:
        return {
            "report": "nota", "title": self.title, "ref": self.ref,
            "date": self.date.isoformat(), "party": self.party,
            "lines": [{"name": ln.name, "qty": milli_str(ln.qty) if ln.qty else None,
                       "unit": ln.unit, "price": sen_str(ln.price) if ln.price else None,
                       "discount": sen_str(ln.discount), "amount": sen_str(ln.amount)}
                      for ln in self.lines],
            "discount": sen_str(self.discount), "total": sen_str(self.total), "payment": self.payment,
            "due": self.due.isoformat() if self.due else None, "terbilang": self.words,
            "cancelled_by": self.cancelled_by,
        }


def terbilang(sen: int) -> str:
    """An amount in Indonesian words, as written on a kuitansi."""
    from num2words import num2words

    rupiah, cents = divmod(sen, SEN_PER_RUPIAH)
    text = f"{num2words(rupiah, lang='id')} rupiah"
    if cents:
        text += f" {num2words(cents, lang='id')} sen"
    return text[0].upper() + text[1:]


def receipt_for(conn: sqlite3.Connection, ref: str, *, kuitansi: bool = False) -> Receipt:
    """Build the nota of a sale or the kuitansi of a payment received.

    With `kuitansi` a sale is printed as a kuitansi for what was paid, listing every line.
    """
    entry = get_entry(conn, ref)
    if entry.kind not in (*SALES, "terima-piutang"):
        raise InputError("Nota hanya untuk penjualan atau penerimaan pembayaran; '{value}' "
                         "adalah {kind}", field="ref", value=entry.ref, kind=entry.kind)
    lines = conn.execute("SELECT account, debit, credit FROM line WHERE entry_seq = ? "
                         "ORDER BY line_no", (entry.seq,)).fetchall()
    party = None
    if entry.party_id:
        party = conn.execute("SELECT name FROM party WHERE id = ?",
                             (entry.party_id,)).fetchone()[0]
    paid_into = lines[0][0]
    discount = 0
    if entry.kind in SALES and conn.execute("SELECT 1 FROM nota WHERE entry_seq = ?",
                                            (entry.seq,)).fetchone():
        nota = nota_of(conn, entry.ref)
        items = [ReceiptLine(ln.name, ln.qty, ln.unit, ln.price, ln.total, ln.discount)
                 for ln in nota.lines]
        total, discount, title = nota.total, nota.discount, "NOTA PENJUALAN"
    elif entry.kind == "terima-piutang":
        total = lines[0][1]
        items = [ReceiptLine(entry.memo, None, "", None, total)]
        title = "KUITANSI"
    else:
        total = sum(credit for account, _debit, credit in lines if account.startswith("41"))
        items = _sold(conn, entry.seq, entry.memo, total)
        title = "NOTA PENJUALAN"
    payment = PAYMENT_WORDS.get(paid_into, paid_into)
    if kuitansi and entry.kind in SALES:
        title = "KUITANSI"
    qris = _qris_payload(conn) if paid_into == QRIS_ACCOUNT and entry.kind in SALES else ""
    return Receipt(title, entry.ref, entry.date, party, items, total, payment,
                   entry.due_date if paid_into == "1201" else None, entry.memo,
                   entry.reversed_by, terbilang(total), get_profile(conn), get_logo(conn),
                   discount, qris)


def _qris_payload(conn: sqlite3.Connection) -> str:
    from desktop.books.qris import get_qris

    saved = get_qris(conn)
    return saved.payload if saved is not None else ""


def _sold(conn: sqlite3.Connection, seq: int, memo: str, total: int) -> list[ReceiptLine]:
    moves = conn.execute(
        "SELECT i.name, -m.qty, i.unit FROM stock_move m JOIN item i ON i.id = m.item_id "
        "WHERE m.entry_seq = ? AND m.qty < 0 ORDER BY m.move_no", (seq,)).fetchall()
    if len(moves) != 1:
        return [ReceiptLine(memo or "Penjualan", None, "", None, total)]
    name, qty, unit = moves[0]
    return [ReceiptLine(name, qty, unit, mul_div(total, 1000, qty), total)]
