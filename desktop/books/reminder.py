"""A polite WhatsApp reminder for a customer's unpaid invoices, and the wa.me link that sends it.

The message goes to the customer, so it is always written in Bahasa Indonesia, whatever
language the owner's screen uses; the owner may edit it before sending.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from desktop.books.business import Profile, get_profile
from desktop.books.dates import format_long, format_short
from desktop.books.errors import NotFoundError
from desktop.books.fmt import rupiah
from desktop.books.parties import find_party
from desktop.books.reports.aging import OpenItem, umur

WA_ME = "https://wa.me/"
COUNTRY = "62"
MIN_DIGITS = 9  # 62 + an operator prefix and a few digits; anything shorter is not a number


@dataclass(frozen=True)
class Reminder:
    """Everything the reminder screen shows: who, their phone, what is open, and the text."""

    party: str
    phone: str
    items: list[OpenItem]
    total: int
    text: str


def normalise_phone(phone: str) -> str:
    """An Indonesian number as wa.me wants it: 0812-3456 / +62 812 3456 -> 628123456 ("" if none)."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = COUNTRY + digits[1:]
    elif digits.startswith("8"):
        digits = COUNTRY + digits
    return digits if len(digits) >= MIN_DIGITS else ""


def whatsapp_link(phone: str, text: str) -> str:
    """https://wa.me/<number>?text=<text>; without a usable number WhatsApp asks for a contact."""
    return f"{WA_ME}{normalise_phone(phone)}?text={quote(text, safe='')}"


def _item_line(item: OpenItem, as_of: dt.date) -> str:
    late = (as_of - item.due).days
    due = format_short(item.due)
    when = (f"jatuh tempo {due}, sudah lewat {late} hari" if late > 0
            else f"jatuh tempo {due}")
    return f"- {item.ref} tanggal {format_short(item.date)} ({when}): {rupiah(item.open)}"


def reminder_text(business: Profile, party: str, items: Sequence[OpenItem],
                  as_of: dt.date) -> str:
    """A courteous Indonesian reminder listing each open invoice, the total and who is asking."""
    total = sum(item.open for item in items)
    lines = [
        f"Yth. {party},",
        "",
        f"Salam hangat dari {business.name}. Kami ingin mengingatkan dengan hormat bahwa "
        f"per {format_long(as_of)} masih ada tagihan yang belum lunas:",
        *(_item_line(item, as_of) for item in items),
        "",
        f"Total: {rupiah(total)}",
        "",
        "Mohon kiranya dapat dibayarkan. Apabila sudah dibayar, mohon abaikan pesan ini.",
        "Terima kasih atas kepercayaan dan kerja samanya.",
        "",
        "Hormat kami,",
    ]
    signature = [business.owner, business.name]
    if business.phone:
        signature.append(f"Telp/WA {business.phone}")
    lines += [line for line in signature if line]
    return "\n".join(lines)


def reminder_for(conn: sqlite3.Connection, *, party: str, as_of: dt.date) -> Reminder:
    """The reminder for one customer's open receivables on a date (FIFO, as in umur piutang)."""
    aging = next((p for p in umur(conn, kind="piutang", as_of=as_of).parties
                  if p.party == party), None)
    items = aging.items if aging else []
    try:
        phone = find_party(conn, party).phone
    except NotFoundError:
        phone = ""
    text = reminder_text(get_profile(conn), party, items, as_of)
    return Reminder(party, phone, list(items), sum(item.open for item in items), text)
