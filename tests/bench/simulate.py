"""A deterministic simulation of a UMKM's daily transactions as balanced journal entries."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

Line = tuple[str, int, int]  # (account, debit sen, credit sen)

CUSTOMERS = ("Warung Bu Sri", "Toko Makmur", "Kantin SD Negeri 3", "Bu Wayan", "Koperasi Desa",
             "Toko Oleh-oleh Bali Asri", "Pak Ketut", "Warung Kopi Mertha")
SUPPLIERS = ("UD Sumber Rejeki", "CV Tani Jaya", "Toko Plastik Abadi", "Pasar Badung Pak Made")
# expense account -> (weight, lowest rupiah, highest rupiah, memo)
EXPENSES = {
    "5201": (25, 40_000, 150_000, "Upah harian karyawan"),
    "5202": (1, 500_000, 2_500_000, "Sewa tempat"),
    "5203": (8, 20_000, 300_000, "Listrik, air dan pulsa"),
    "5204": (25, 10_000, 80_000, "Ongkos kirim dan bensin"),
    "5205": (26, 10_000, 100_000, "Kemasan dan label"),
    "5299": (15, 5_000, 60_000, "Beban lain-lain"),
}
# kind -> (ref prefix, weight); a kind that cannot happen today falls back to a cash sale
KINDS = {
    "penjualan-tunai": ("PT", 390), "penjualan-kredit": ("PK", 70),
    "terima-piutang": ("TP", 65), "pembelian-persediaan": ("PB", 140),
    "bayar-utang": ("BU", 55), "beban": ("BB", 240), "prive": ("PR", 30),
    "setoran-modal": ("SM", 2), "pinjaman": ("PN", 1), "bayar-pinjaman": ("BP", 7),
}
OPENING: tuple[Line, ...] = (("1101", 5_000_000_00, 0), ("1102", 20_000_000_00, 0),
                             ("1301", 15_000_000_00, 0), ("1503", 10_000_000_00, 0),
                             ("3101", 0, 50_000_000_00))
STOCK_TARGET = 25_000_000_00
CASH = ("1101", "1102", "1103")


@dataclass(frozen=True)
class Entry:
    """One balanced journal entry: date, unique ref, memo and its posting lines."""

    date: dt.date
    ref: str
    memo: str
    lines: tuple[Line, ...]


class Simulation:
    """Keeps rough balances so receipts, payments and stock stay plausible over the years."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.bal: dict[str, int] = {}
        self.counters: dict[tuple[str, int], int] = {}
        names = list(KINDS)
        self.kinds, self.kind_weights = names, [KINDS[k][1] for k in names]
        self.exp_codes = list(EXPENSES)
        self.exp_weights = [EXPENSES[c][0] for c in self.exp_codes]

    def rp(self, low: int, high: int, step: int = 500) -> int:
        """A random rupiah amount in [low, high] on a `step` grid, returned in sen."""
        return self.rng.randrange(low, high + 1, step) * 100

    def ref(self, prefix: str, day: dt.date) -> str:
        """The next `PREFIX-YYYY-NNNNNN` reference, numbered per prefix and year."""
        key = (prefix, day.year)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{prefix}-{day.year}-{self.counters[key]:06d}"

    def entry(self, kind: str, day: dt.date, memo: str, lines: list[Line]) -> Entry:
        """Book the lines into the running balances and wrap them as an entry."""
        for account, debit, credit in lines:
            self.bal[account] = self.bal.get(account, 0) + debit - credit
        return Entry(day, self.ref(KINDS[kind][0] if kind in KINDS else "SA", day), memo,
                     tuple(lines))

    def opening(self, day: dt.date) -> Entry:
        """The saldo awal entry that starts the book."""
        return self.entry("saldo-awal", day, "Saldo awal", list(OPENING))

    def pay_from(self, amount: int) -> str | None:
        """Kas if it can pay, else bank, else QRIS, else None (the payment waits)."""
        for account in CASH:
            if self.bal.get(account, 0) >= amount:
                return account
        return None

    def richest(self) -> tuple[str, int]:
        """The cash account holding the most money, and its balance."""
        return max(((a, self.bal.get(a, 0)) for a in CASH), key=lambda pair: pair[1])

    def one(self, day: dt.date) -> Entry:
        """One transaction of a randomly chosen kind on `day`."""
        kind = self.rng.choices(self.kinds, self.kind_weights)[0]
        made = getattr(self, "_" + kind.replace("-", "_"))(day)
        return made if made is not None else self._penjualan_tunai(day)

    def _sale(self, kind: str, day: dt.date, debit: str, memo: str, price: int) -> Entry:
        cost = int(price * self.rng.uniform(0.5, 0.65)) // 100 * 100
        return self.entry(kind, day, memo, [(debit, price, 0), ("4101", 0, price),
                                            ("5101", cost, 0), ("1301", 0, cost)])

    def _penjualan_tunai(self, day: dt.date) -> Entry:
        via = "1101" if self.rng.random() < 0.85 else "1103"
        return self._sale("penjualan-tunai", day, via, "Penjualan tunai",
                          self.rp(10_000, 250_000))

    def _penjualan_kredit(self, day: dt.date) -> Entry:
        who = self.rng.choice(CUSTOMERS)
        return self._sale("penjualan-kredit", day, "1201", f"Penjualan kredit kepada {who}",
                          self.rp(100_000, 900_000, 5_000))

    def _terima_piutang(self, day: dt.date) -> Entry | None:
        owed = self.bal.get("1201", 0)
        if owed < 50_000_00:
            return None
        amount = max(int(owed * self.rng.uniform(0.1, 0.4)) // 100_000 * 100_000, 10_000_00)
        via = "1101" if self.rng.random() < 0.7 else "1102"
        who = self.rng.choice(CUSTOMERS)
        return self.entry("terima-piutang", day, f"Terima piutang dari {who}",
                          [(via, amount, 0), ("1201", 0, amount)])

    def _pembelian_persediaan(self, day: dt.date) -> Entry | None:
        gap = STOCK_TARGET - self.bal.get("1301", 0)
        amount = int(0.15 * gap) + self.rp(200_000, 600_000, 1_000)
        amount = min(max(amount, 50_000_00), 20_000_000_00) // 100_000 * 100_000
        who = self.rng.choice(SUPPLIERS)
        credit = "2101" if self.rng.random() < 0.4 else self.pay_from(amount)
        if credit is None:
            credit = "2101"
        memo = f"Pembelian persediaan dari {who}"
        return self.entry("pembelian-persediaan", day, memo, [("1301", amount, 0),
                                                               (credit, 0, amount)])

    def _bayar_utang(self, day: dt.date) -> Entry | None:
        owed = -self.bal.get("2101", 0)
        via, have = self.richest()
        amount = min(int(owed * self.rng.uniform(0.3, 0.8)), have - 1_000_000_00)
        amount = amount // 100_000 * 100_000
        if amount < 100_000_00:
            return None
        who = self.rng.choice(SUPPLIERS)
        return self.entry("bayar-utang", day, f"Bayar utang kepada {who}",
                          [("2101", amount, 0), (via, 0, amount)])

    def _beban(self, day: dt.date) -> Entry | None:
        code = self.rng.choices(self.exp_codes, self.exp_weights)[0]
        _weight, low, high, memo = EXPENSES[code]
        amount = self.rp(low, high)
        via = self.pay_from(amount)
        if via is None:
            return None
        return self.entry("beban", day, memo, [(code, amount, 0), (via, 0, amount)])

    def _prive(self, day: dt.date) -> Entry | None:
        amount = self.rp(200_000, 1_200_000, 5_000)
        via = self.pay_from(amount)
        if via is None:
            return None
        return self.entry("prive", day, "Pengambilan pribadi (prive)",
                          [("3102", amount, 0), (via, 0, amount)])

    def _setoran_modal(self, day: dt.date) -> Entry | None:
        if sum(self.bal.get(a, 0) for a in CASH) > 5_000_000_00:
            return None
        amount = self.rp(1_000_000, 10_000_000, 100_000)
        return self.entry("setoran-modal", day, "Setoran modal pemilik",
                          [("1102", amount, 0), ("3101", 0, amount)])

    def _pinjaman(self, day: dt.date) -> Entry | None:
        if self.bal.get("2201", 0) != 0:
            return None
        amount = self.rp(10_000_000, 50_000_000, 1_000_000)
        return self.entry("pinjaman", day, "Penerimaan pinjaman KUR",
                          [("1102", amount, 0), ("2201", 0, amount)])

    def _bayar_pinjaman(self, day: dt.date) -> Entry | None:
        owed = -self.bal.get("2201", 0)
        if owed <= 0:
            return None
        principal = min(owed, self.rp(500_000, 2_000_000, 50_000))
        interest = owed // 100 // 100 * 100
        lines: list[Line] = [("2201", principal, 0)]
        if interest:
            lines.append(("5301", interest, 0))
        via = self.pay_from(principal + interest)
        if via is None:
            return None
        lines.append((via, 0, principal + interest))
        return self.entry("bayar-pinjaman", day, "Angsuran pinjaman KUR", lines)


def day_counts(start: dt.date, end: dt.date, total: int) -> Iterator[tuple[dt.date, int]]:
    """Spread `total` entries over the days: busier weekends and ~10% growth a year."""
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    weights = [(1 + 0.1 * (d.year - start.year)) * (1.3 if d.weekday() >= 5 else 1.0)
               for d in days]
    scale, cumulative, given = total / sum(weights), 0.0, 0
    for day, weight in zip(days, weights, strict=True):
        cumulative += weight
        upto = round(cumulative * scale)
        yield day, upto - given
        given = upto


def entries(seed: int, start: dt.date, end: dt.date, count: int) -> Iterator[Entry]:
    """The whole book: the saldo awal entry first, then `count - 1` daily transactions."""
    sim = Simulation(seed)
    yield sim.opening(start)
    for day, today in day_counts(start, end, count - 1):
        for _ in range(today):
            yield sim.one(day)
