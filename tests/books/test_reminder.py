"""The WhatsApp reminder: Indonesian numbers normalised for wa.me, the text, and the link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from desktop.books.book import Book
from desktop.books.business import Profile, get_profile
from desktop.books.reminder import normalise_phone, reminder_for, reminder_text, whatsapp_link
from desktop.books.reports.aging import OpenItem, umur
from tests.books.conftest import post


@pytest.mark.parametrize(("typed", "expected"), [
    ("0812-3456-7890", "6281234567890"),
    ("0812 3456 7890", "6281234567890"),
    ("+62 812-3456-7890", "6281234567890"),
    ("62 812 3456 7890", "6281234567890"),
    ("(0361) 234.567", "62361234567"),
    ("812 3456 7890", "6281234567890"),
    ("0062 812 3456 7890", "6281234567890"),
    ("", ""),
    ("-", ""),
    ("0812", ""),
])
def test_normalise_phone(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


def test_link_has_the_number_and_the_encoded_text() -> None:
    text = "Yth. Warung Sari,\nTotal: Rp1.250.000 & terima kasih? 100%"
    link = whatsapp_link("+62 812-3456-7890", text)
    assert link == ("https://wa.me/6281234567890?text=Yth.%20Warung%20Sari%2C%0ATotal%3A%20"
                    "Rp1.250.000%20%26%20terima%20kasih%3F%20100%25")
    parts = urlsplit(link)
    assert parts.scheme == "https" and parts.netloc == "wa.me" and parts.path == "/6281234567890"
    assert parse_qs(parts.query) == {"text": [text]}


def test_link_without_a_number_lets_whatsapp_ask_for_the_contact() -> None:
    assert whatsapp_link("", "Halo") == "https://wa.me/?text=Halo"
    assert whatsapp_link("12", "Halo") == "https://wa.me/?text=Halo"


def test_reminder_text_lists_each_invoice_the_total_and_who_asks() -> None:
    business = Profile(id="x", name="Tenun Ikat Bu Sari", owner="Ni Luh Sari",
                       phone="0812 3333 4444")
    items = [OpenItem("PK-2026-000001", dt.date(2026, 9, 1), dt.date(2026, 10, 1),
                      100_000_000, 25_000_000),
             OpenItem("PK-2026-000007", dt.date(2026, 11, 10), dt.date(2026, 12, 10),
                      100_000_000, 100_000_000)]
    text = reminder_text(business, "Warung Sari", items, dt.date(2026, 11, 23))
    assert text.startswith("Yth. Warung Sari,")
    assert "per 23 November 2026" in text
    assert ("- PK-2026-000001 tanggal 1 Sep 2026 (jatuh tempo 1 Okt 2026, sudah lewat 53 hari): "
            "Rp250.000") in text
    assert "- PK-2026-000007 tanggal 10 Nov 2026 (jatuh tempo 10 Des 2026): Rp1.000.000" in text
    assert "Total: Rp1.250.000" in text
    assert text.endswith("Hormat kami,\nNi Luh Sari\nTenun Ikat Bu Sari\nTelp/WA 0812 3333 4444")
    assert "Mohon" in text and "terima kasih" in text.casefold()


def test_reminder_for_a_customer_uses_the_aging_and_the_party_phone(book: Book) -> None:
    first = post(book, "penjualan-kredit", "2026-09-01", amount=400_000, party="Warung Sari")
    second = post(book, "penjualan-kredit", "2026-10-05", amount=300_000, party="Warung Sari")
    post(book, "penjualan-kredit", "2026-10-06", amount=90_000, party="Toko Lain")
    post(book, "terima-piutang", "2026-10-10", amount=150_000, party="Warung Sari")
    with book.write() as conn:
        conn.execute("UPDATE party SET phone = '0813-1111-2222' WHERE name = 'Warung Sari'")
    as_of = dt.date(2026, 11, 23)
    reminder = reminder_for(book.conn, party="Warung Sari", as_of=as_of)
    aging = next(p for p in umur(book.conn, kind="piutang", as_of=as_of).parties
                 if p.party == "Warung Sari")
    assert [i.ref for i in reminder.items] == [i.ref for i in aging.items] \
        == [first.ref, second.ref]
    assert reminder.total == aging.total == 55_000_000
    assert reminder.phone == "0813-1111-2222"
    assert first.ref in reminder.text and second.ref in reminder.text
    assert "Rp250.000" in reminder.text and "Total: Rp550.000" in reminder.text
    assert "Toko Lain" not in reminder.text
    assert get_profile(book.conn).name in reminder.text
    assert whatsapp_link(reminder.phone, reminder.text).startswith("https://wa.me/6281311112222?")


def test_reminder_for_a_name_without_a_party_has_no_phone(book: Book) -> None:
    reminder = reminder_for(book.conn, party="Belum Ada", as_of=dt.date(2026, 11, 23))
    assert reminder.phone == "" and reminder.items == [] and reminder.total == 0
    assert "Total: Rp0" in reminder.text
