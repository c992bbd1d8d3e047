"""The demo business: Keripik Pisang Bu Made in Desa Sidemen, Karangasem.

Its books run from the first of the month three months back up to today: three whole months,
each closed with its month-end entries, then this month so far, with a sale on today itself.
So Beranda, Kas & Bank and every report have figures on any day of the year, 1 January too.

Everything is entered through the same forms an owner uses, so the demo also exercises them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from desktop.books import dates
from desktop.books.assets import depreciate_month
from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.dates import add_months, month_end
from desktop.books.errors import NotFoundError
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import reverse_entry
from desktop.books.opening import OpeningAsset, OpeningInput, post_opening
from desktop.books.stock import add_item
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.totals import account_balance

DEMO_NAME = "Keripik Pisang Bu Made"
DEMO_SLUG = "keripik-pisang-bu-made"
DEMO_PIN = "1234"
PROFILE = {
    "owner": "Ni Made Sukerti", "type": "produksi", "address": "Banjar Tabola",
    "desa": "Sidemen", "kecamatan": "Sidemen", "kabupaten": "Karangasem", "provinsi": "Bali",
    "phone": "081238765432", "category": "Makanan ringan (OVOP keripik pisang)",
    "nib": "9120001234567", "pirt": "206510701012327",
}
ITEMS = (  # sku, name, unit, price (Rp), account
    ("KRP-ORI", "Keripik Pisang Original 250 g", "bks", 15000, "1301"),
    ("KRP-CKL", "Keripik Pisang Cokelat 250 g", "bks", 18000, "1301"),
    ("PSG", "Pisang kepok mentah", "kg", 0, "1302"),
    ("MNY", "Minyak goreng", "liter", 0, "1302"),
    ("KMS", "Kemasan standing pouch", "pcs", 0, "1302"),
    ("CKL", "Cokelat bubuk", "kg", 0, "1302"),
)
CUSTOMERS = ("Toko Oleh-oleh Sidemen", "Warung Bu Komang", "Koperasi Wanita Sidemen")


def demo_months(today: dt.date) -> list[dt.date]:
    """First days of the three whole months before today's month (the demo then runs to today)."""
    first = today.replace(day=1)
    return [add_months(first, -n) for n in (3, 2, 1)]


def create_demo(data_dir: Path, *, reset: bool = False,
                today: dt.date | None = None) -> tuple[BusinessRef, bool]:
    """Create the demo business unless it exists; returns (business, created)."""
    registry = Registry(data_dir)
    try:
        existing = registry.find(DEMO_SLUG)
    except NotFoundError:
        existing = None
    if existing and not reset:
        return existing, False
    ref = create_business(data_dir, name=DEMO_NAME, pin=DEMO_PIN, **PROFILE)
    book = open_business(data_dir, ref.id, DEMO_PIN)
    try:
        _Story(book, random.Random(2026)).tell(today or dates.today())
    finally:
        book.close()
    return ref, True


@dataclass
class _Story:
    book: Book
    rng: random.Random

    def tx(self, kind: str, day: dt.date, **fields: object) -> str:
        values = {k: (str(v) if k in ("amount", "qty", "interest") else v)
                  for k, v in fields.items()}
        return post_tx(self.book, TxInput(type=kind, date=day, confirm=True,
                                          **values)).ref  # type: ignore[arg-type]

    def tell(self, today: dt.date) -> None:
        months = demo_months(today)
        start = months[0]
        with self.book.write() as conn:
            for sku, name, unit, price, account in ITEMS:
                add_item(conn, sku=sku, name=name, unit=unit, price=price * 100,
                         account=account, category="Keripik" if account == "1301" else "Bahan")
        post_opening(self.book, OpeningInput(
            date=start,
            accounts=[("1101", 250_000_000), ("1102", 400_000_000), ("2202", 500_000_000)],
            receivables=[("Warung Bu Komang", 45_000_000)],
            payables=[("UD Sumber Tani", 60_000_000)],
            stock=[("KRP-ORI", 40_000, 450_000), ("KRP-CKL", 30_000, 530_000), ("PSG", 20_000, 800_000),
                   ("MNY", 10_000, 1_700_000), ("KMS", 200_000, 120_000),
                   ("CKL", 2_000, 6_500_000)],
            assets=[OpeningAsset("Mesin pengiris pisang", "1503", 480_000_000,
                                 dt.date(2025, 2, 1), 48, 100_000_000 * 18 // 10)],
        ))
        for first in months:
            end = month_end(first.year, first.month)
            self.days(first, end)
            self.month_end(first, end)
        self.days(today.replace(day=1), today, open_today=True)

    def days(self, first: dt.date, last: dt.date, *, open_today: bool = False) -> None:
        """A working week: buying on Monday, frying on Tuesday and Friday, selling but Sunday."""
        day = first
        while day <= last:
            if day.weekday() == 0:
                self.monday(day)
            if day.weekday() in (1, 4):
                self.produce(day)
            if day.weekday() != 6 or (open_today and day == last):
                self.sell(day)
            if day.weekday() == 5:
                self.tx("beban", day, amount=350_000, account="5201", memo="Upah 2 pekerja")
            day += dt.timedelta(days=1)

    def monday(self, day: dt.date) -> None:
        kg = self.rng.choice((50, 60, 70))
        price = self.rng.choice((7_500, 8_000, 8_500))
        self.tx("pembelian-persediaan", day, item="PSG", qty=kg, amount=kg * price,
                party="UD Sumber Tani", via="utang" if self.rng.random() < 0.4 else "kas")
        self.tx("pembelian-persediaan", day, item="MNY", qty=12, amount=12 * 17_500)
        if day.day <= 7:
            self.tx("pembelian-persediaan", day, item="KMS", qty=800, amount=800 * 1_150,
                    via="bank")
            self.tx("pembelian-persediaan", day, item="CKL", qty=5, amount=5 * 65_000)
        cash = account_balance(self.book.conn, "1101") // 100
        if cash < 2_500_000:
            self.tx("pindah-dana", day, amount=2_000_000, via="bank", into="kas",
                    memo="Tarik tunai untuk belanja dan upah")
        owed = self.book.conn.execute(
            "SELECT COALESCE(SUM(l.credit - l.debit), 0) FROM line l JOIN party p ON "
            "p.id = l.party_id WHERE p.name = 'UD Sumber Tani' AND l.account = '2101'"
        ).fetchone()[0] // 100
        if owed >= 400_000:
            self.tx("bayar-utang", day, amount=owed // 2, party="UD Sumber Tani", via="bank")

    def produce(self, day: dt.date) -> None:
        if day.weekday() == 1:
            self.tx("produksi", day, item="KRP-ORI", qty=100,
                    materials=[("PSG", "28"), ("MNY", "5"), ("KMS", "100")])
        else:
            self.tx("produksi", day, item="KRP-CKL", qty=60,
                    materials=[("PSG", "17"), ("MNY", "3"), ("KMS", "60"), ("CKL", "1")])

    def sell(self, day: dt.date) -> None:
        for flavour, most in (("KRP-ORI", 14), ("KRP-CKL", 9)):
            qty = self.rng.randint(3, most)
            via = self.rng.choice(("kas", "kas", "qris"))
            self.tx("penjualan-tunai", day, item=flavour, qty=qty, via=via)
        if day.weekday() == 3:
            customer = self.rng.choice(CUSTOMERS)
            self.tx("penjualan-kredit", day, item="KRP-ORI", qty=self.rng.choice((30, 40, 50)),
                    party=customer, due=(day + dt.timedelta(days=14)).isoformat())
        if day.weekday() == 2 and self.rng.random() < 0.7:
            self.collect(day)

    def collect(self, day: dt.date) -> None:
        rows = self.book.conn.execute(
            "SELECT p.name, SUM(l.debit - l.credit) FROM line l JOIN party p ON p.id = l.party_id"
            " WHERE l.account = '1201' GROUP BY p.id HAVING SUM(l.debit - l.credit) > 0")
        for name, owed in rows.fetchall():
            self.tx("terima-piutang", day, party=name, amount=owed // 100,
                    via=self.rng.choice(("kas", "bank")))

    def month_end(self, first: dt.date, end: dt.date) -> None:
        self.tx("beban", end, amount=self.rng.choice((165_000, 180_000, 210_000)),
                account="5203", memo="Listrik dan air")
        self.tx("beban", end, amount=120_000, account="5204", memo="Ongkos kirim ke Amlapura")
        self.tx("beban", end, amount=75_000, account="5205", memo="Cetak stiker label")
        self.tx("prive", end, amount=1_000_000, memo="Kebutuhan rumah tangga")
        qris = account_balance(self.book.conn, "1103") // 100
        if qris > 0:
            self.tx("pindah-dana", end, amount=qris, via="qris", into="bank",
                    memo="Pencairan saldo QRIS ke rekening")
        self.tx("bayar-pinjaman", end, amount=400_000, interest=50_000, account="2202",
                party=None, memo="Angsuran Koperasi Sari Dana")
        if (end.month % 3) == 2:
            self.tx("pembelian-aset", first + dt.timedelta(days=9), amount=1_250_000,
                    account="1503", name="Mesin sealer kemasan", life_months=48)
        if (end.month % 3) == 0:
            wrong = self.tx("beban", first + dt.timedelta(days=11), amount=1_500_000,
                            account="5299", memo="Perbaikan kompor")
            with self.book.write() as conn:
                reverse_entry(conn, ref=wrong, reason="Salah ketik: seharusnya Rp150.000",
                              device_id=self.book.device_id)
            self.tx("beban", first + dt.timedelta(days=11), amount=150_000, account="5299",
                    memo="Perbaikan kompor")
        with self.book.write() as conn:
            depreciate_month(conn, year=end.year, month=end.month,
                             device_id=self.book.device_id, today=end)

