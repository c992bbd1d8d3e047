"""Catatan atas Laporan Keuangan, written from the books' own data and Lumbung's policies."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop.books.assets import list_assets
from desktop.books.business import Profile
from desktop.books.fmt import rupiah
from desktop.books.money import milli_str, sen_str
from desktop.books.reports.aging import umur
from desktop.books.reports.common import range_text
from desktop.books.reports.statements import LabaRugi, PosisiKeuangan
from desktop.books.reports.stock_report import daftar_stok
from desktop.books.reports.table import Column, Table
from desktop.books.reports.tax import PphFinal

UNLISTED = "Tanpa rincian (dicatat tanpa nama barang, pihak atau aset)"
# The persediaan costing convention; the stock helper (issue 12, date-ordered costing) fills it.
COSTING_CONVENTION = ""
TYPE_WORDS = {"dagang": "dagang", "produksi": "produksi", "jasa": "jasa"}


@dataclass
class Note:
    """One numbered note: its paragraphs and, for a statement line, its breakdown."""

    number: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"number": self.number, "title": self.title,
                                  "paragraphs": self.paragraphs}
        if self.table is not None:
            kinds = [column.kind for column in self.table.columns]
            out["rows"] = [[_json(cell, kind) for cell, kind in zip(row.cells, kinds, strict=True)]
                           for row in self.table.rows]
        return out


def _json(value: object, kind: str) -> object:
    if isinstance(value, int) and kind == "money":
        return sen_str(value)
    if isinstance(value, int) and kind == "qty":
        return milli_str(value)
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True)
class Calk:
    """The notes, in order."""

    notes: list[Note]

    def to_json(self) -> dict[str, object]:
        return {"report": "calk", "notes": [note.to_json() for note in self.notes]}


def identity(profile: Profile) -> list[str]:
    """Who the business is, in sentences."""
    where = ", ".join(part for part in (
        profile.address, f"Desa {profile.desa}" if profile.desa else "",
        f"Kecamatan {profile.kecamatan}" if profile.kecamatan else "",
        f"Kabupaten {profile.kabupaten}" if profile.kabupaten else "",
        profile.provinsi) if part)
    owner = f" milik {profile.owner}" if profile.owner else ""
    text = [f"{profile.name} adalah usaha {TYPE_WORDS.get(profile.type, profile.type)}{owner}"
            + (f" yang beralamat di {where}." if where else ".")]
    permits = [f"{label} {value}" for label, value in (
        ("NIB", profile.nib), ("NPWP", profile.npwp), ("P-IRT", profile.pirt)) if value]
    if permits:
        text.append("Usaha ini memiliki " + ", ".join(permits) + ".")
    if profile.category:
        text.append(f"Produk utama: {profile.category}.")
    return text


def policies(pph: PphFinal, tax_expense: int) -> list[tuple[str, str]]:
    """The accounting policies of domain.md, with this period's tax figures."""
    exempt = ("Untuk wajib pajak orang pribadi, peredaran bruto sampai Rp500.000.000 setahun "
              "tidak dikenai pajak. ") if pph.exempt else ""
    estimate = sum(month.pph for month in pph.months)
    return [
        ("Piutang usaha", "Piutang usaha disajikan sebesar tagihan kepada pelanggan dikurangi "
         "pembayaran yang telah diterima. Pembayaran dianggap melunasi tagihan yang paling lama "
         "lebih dahulu."),
        ("Persediaan", "Persediaan diukur sebesar biaya perolehan dengan metode rata-rata "
         "bergerak (moving average). Biaya persediaan yang terjual diakui sebagai harga pokok "
         "penjualan pada saat penjualan diakui. Barang hasil produksi sendiri dicatat sebesar "
         "biaya bahan yang dipakai." + (f" {COSTING_CONVENTION}" if COSTING_CONVENTION
                                        else "")),
        ("Aset tetap", "Aset tetap dicatat sebesar biaya perolehan dikurangi akumulasi "
         "penyusutan. Penyusutan dihitung dengan metode garis lurus setiap bulan selama umur "
         "manfaat: bangunan 20 tahun, peralatan 4 tahun dan kendaraan 8 tahun, kecuali "
         "ditetapkan lain untuk aset tertentu. Tanah tidak disusutkan. Penyusutan sebulan "
         "penuh diakui pada bulan perolehan dan tidak diakui pada bulan pelepasan; sisa "
         "pembulatan diakui pada bulan terakhir umur manfaat. Selisih harga jual dengan nilai "
         "buku diakui sebagai laba atau rugi pelepasan aset tetap."),
        ("Uang muka", "Uang muka (DP) yang diterima dari pelanggan sebelum barang diserahkan "
         "disajikan sebagai liabilitas, dan uang muka yang dibayar kepada pemasok sebagai aset, "
         "sampai diperhitungkan dengan penjualan atau pembelian. Kelebihan pembayaran "
         "diperlakukan sebagai uang muka."),
        ("Pendapatan", "Pendapatan diakui pada saat barang diserahkan atau jasa diberikan "
         "kepada pelanggan, baik dibayar tunai maupun kredit."),
        ("Pajak penghasilan", "Usaha dikenai PPh Final sebesar 0,5% dari peredaran bruto "
         f"bulanan (PP 55/2022). {exempt}Beban pajak penghasilan yang dicatat pada periode ini "
         f"sebesar {rupiah(tax_expense)}; perkiraan PPh Final dari penjualan yang tercatat "
         f"sebesar {rupiah(estimate)}."),
    ]


def build_calk(conn: sqlite3.Connection, *, profile: Profile, posisi: PosisiKeuangan,
               laba_rugi: LabaRugi, pph: PphFinal) -> Calk:
    """All notes for the statements of one period."""
    end = posisi.as_of
    notes = [
        Note("1", "Umum", identity(profile)),
        Note("2", "Pernyataan kepatuhan", [
            "Laporan keuangan ini disusun sesuai dengan Standar Akuntansi Keuangan Entitas "
            "Mikro, Kecil, dan Menengah (SAK EMKM) yang diterbitkan oleh Ikatan Akuntan "
            "Indonesia."]),
        Note("3", "Dasar penyusunan", [
            "Laporan keuangan disusun dengan dasar akrual dan konsep biaya historis, dalam mata "
            f"uang Rupiah, untuk periode {range_text(laba_rugi.start, laba_rugi.end)}. Laporan "
            "arus kas disusun dengan metode langsung; kas dan setara kas terdiri atas uang "
            "tunai, rekening bank dan saldo dompet digital (QRIS)."]),
        Note("4", "Kebijakan akuntansi penting",
             [f"{title}. {text}" for title, text in policies(pph, laba_rugi.beban_pajak)]),
    ]
    for title, table in _line_notes(conn, posisi, end):
        notes.append(Note(str(len(notes) + 1), title, [], table))
    return Calk(notes)


def _line_notes(conn: sqlite3.Connection, posisi: PosisiKeuangan,
                end: dt.date) -> list[tuple[str, Table]]:
    """A breakdown for each material statement line that has one."""
    lines = {ln.account: ln.amount for ln in [*posisi.aset, *posisi.liabilitas, *posisi.ekuitas]}
    found: list[tuple[str, Table]] = []
    cash = [ln for ln in posisi.aset if (ln.account or "").startswith("11")]
    if cash:
        found.append(("Kas dan setara kas", _amounts(
            "Kas dan setara kas", [(ln.name, ln.amount) for ln in cash])))
    if lines.get("1201"):
        piutang = umur(conn, kind="piutang", as_of=end)
        found.append(("Piutang usaha", _amounts(
            "Piutang usaha per pelanggan", [(p.party, p.total) for p in piutang.parties],
            lines["1201"])))
    if lines.get("1402"):
        found.append(("Uang muka pembelian", _amounts(
            "Uang muka pembelian per pemasok", _advances(conn, "1402", end), lines["1402"])))
    if any(code and code.startswith("13") and amount for code, amount in lines.items()):
        stock = daftar_stok(conn, as_of=end)
        table = Table("Persediaan per barang", "", [Column("Barang"), Column("Jumlah", "qty"),
                                                   Column("Satuan"), Column("Nilai", "money")])
        for item, qty, value in stock.rows:
            if qty or value:
                table.add(item.name, qty, item.unit, value)
        stated = sum(amount for code, amount in lines.items() if code and code.startswith("13"))
        unlisted = stated - sum(v for _i, _q, v in stock.rows)
        if unlisted:  # bought without naming an item: still part of the statement line
            table.add(UNLISTED, None, "", unlisted)
        table.add("Jumlah", None, "", stated, style="total")
        found.append(("Persediaan", table))
    assets = list_assets(conn, as_of=end)
    if assets or any(code and code.startswith("15") and amount for code, amount in lines.items()):
        table = Table("Aset tetap", "", [Column("Aset"), Column("Tgl perolehan", "date"),
                                         Column("Harga perolehan", "money"),
                                         Column("Akumulasi penyusutan", "money"),
                                         Column("Nilai buku", "money")])
        for asset in assets:
            table.add(asset.name, asset.acquired, asset.cost, -asset.accumulated,
                      asset.book_value)
        cost = sum(amount for code, amount in lines.items()
                   if code and code.startswith("15") and code != "1509")
        accumulated = lines.get("1509", 0)
        extra_cost = cost - sum(a.cost for a in assets)
        extra_acc = accumulated + sum(a.accumulated for a in assets)
        if extra_cost or extra_acc:
            table.add(UNLISTED, None, extra_cost, extra_acc, extra_cost + extra_acc)
        table.add("Jumlah", None, cost, accumulated, cost + accumulated, style="total")
        found.append(("Aset tetap", table))
    if lines.get("2101"):
        utang = umur(conn, kind="utang", as_of=end)
        found.append(("Utang usaha", _amounts(
            "Utang usaha per pemasok", [(p.party, p.total) for p in utang.parties],
            lines["2101"])))
    if lines.get("2104"):
        found.append(("Uang muka pelanggan", _amounts(
            "Uang muka (DP) per pelanggan", _advances(conn, "2104", end), lines["2104"])))
    loans = [ln for ln in posisi.liabilitas if (ln.account or "").startswith("22")]
    if loans:
        found.append(("Pinjaman", _amounts("Pinjaman", [(ln.name, ln.amount) for ln in loans])))
    found.append(("Ekuitas", _amounts("Ekuitas", [(ln.name, ln.amount) for ln in posisi.ekuitas])))
    return found


def _amounts(title: str, rows: list[tuple[str, int]], stated: int | None = None) -> Table:
    """A breakdown whose total is the statement line: what has no detail is shown as such."""
    table = Table(title, "", [Column("Keterangan"), Column("Jumlah", "money")])
    for name, amount in rows:
        table.add(name, amount)
    listed = sum(amount for _name, amount in rows)
    if stated is not None and stated != listed:
        table.add(UNLISTED, stated - listed)
    table.add("Jumlah", listed if stated is None else stated, style="total")
    return table


def _advances(conn: sqlite3.Connection, account: str, end: dt.date) -> list[tuple[str, int]]:
    """Uang muka per party on a date, in the account's normal direction."""
    sign = -1 if account == "2104" else 1
    return [(name, sign * int(net)) for name, net in conn.execute(
        "SELECT COALESCE(p.name, '-'), SUM(l.debit - l.credit) FROM line l LEFT JOIN party p "
        "ON p.id = l.party_id WHERE l.account = ? AND l.date <= ? GROUP BY p.name "
        "HAVING SUM(l.debit - l.credit) != 0 ORDER BY p.name", (account, end.isoformat()))]
