"""Kartu stok (one item's movements with running quantity and value) and the stock list.

Both read `stock_cost`, the movements costed in date order (`costing.py`), so they agree with
HPP in laba rugi and persediaan in posisi keuangan on every date.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.costing import level_at
from desktop.books.money import milli_str, mul_div, sen_str
from desktop.books.reports.common import as_of_text, range_text
from desktop.books.reports.table import EMPTY_PERIOD, Column, Table
from desktop.books.stock import Item, get_item


@dataclass(frozen=True)
class StockLine:
    """One movement: in or out, and the balance after it."""

    date: dt.date
    ref: str
    memo: str
    qty: int
    value: int
    balance_qty: int
    balance_value: int

    def to_json(self) -> dict[str, object]:
        return {"date": self.date.isoformat(), "ref": self.ref, "memo": self.memo,
                "qty_in": milli_str(max(self.qty, 0)), "qty_out": milli_str(max(-self.qty, 0)),
                "value_in": sen_str(max(self.value, 0)),
                "value_out": sen_str(max(-self.value, 0)),
                "qty": milli_str(self.balance_qty), "value": sen_str(self.balance_value),
                "unit_cost": sen_str(_unit(self.balance_qty, self.balance_value))}


def _unit(qty: int, value: int) -> int:
    return mul_div(value, 1000, qty) if qty > 0 else 0


@dataclass(frozen=True)
class KartuStok:
    """An item's movements over a period at moving-average cost."""

    item: Item
    start: dt.date
    end: dt.date
    opening_qty: int
    opening_value: int
    lines: list[StockLine]

    @property
    def closing(self) -> tuple[int, int]:
        if self.lines:
            return self.lines[-1].balance_qty, self.lines[-1].balance_value
        return self.opening_qty, self.opening_value

    def to_json(self) -> dict[str, object]:
        qty, value = self.closing
        return {"report": "kartu-stok", "sku": self.item.sku, "name": self.item.name,
                "unit": self.item.unit, "from": self.start.isoformat(),
                "to": self.end.isoformat(),
                "saldo_awal": {"qty": milli_str(self.opening_qty),
                               "value": sen_str(self.opening_value)},
                "lines": [line.to_json() for line in self.lines],
                "saldo_akhir": {"qty": milli_str(qty), "value": sen_str(value)}}

    def table(self) -> Table:
        table = Table(f"Kartu Stok {self.item.sku} {self.item.name} ({self.item.unit})",
                      range_text(self.start, self.end),
                      [Column("Tanggal", "date"), Column("Ref"), Column("Keterangan"),
                       Column("Masuk", "qty"), Column("Keluar", "qty"), Column("Saldo", "qty"),
                       Column("Harga pokok/unit", "money"), Column("Nilai saldo", "money")])
        table.add(None, "", "Saldo awal", None, None, self.opening_qty,
                  _unit(self.opening_qty, self.opening_value), self.opening_value,
                  style="subtotal")
        for ln in self.lines:
            table.add(ln.date, ln.ref, ln.memo, ln.qty if ln.qty > 0 else None,
                      -ln.qty if ln.qty < 0 else None, ln.balance_qty,
                      _unit(ln.balance_qty, ln.balance_value), ln.balance_value)
        qty, value = self.closing
        table.add(None, "", "Saldo akhir", None, None, qty, _unit(qty, value), value,
                  style="total")
        if not (self.lines or self.opening_qty or self.opening_value):
            table.empty_message = EMPTY_PERIOD
        return table


def kartu_stok(conn: sqlite3.Connection, *, sku: str, start: dt.date, end: dt.date) -> KartuStok:
    """Compute the stock card of one item for [start, end]."""
    item = get_item(conn, sku, field="sku")
    opening = level_at(conn, item.id, start, before=True)
    rows = conn.execute(
        "SELECT c.date, e.ref, e.memo, c.qty, c.value, c.bal_qty, c.bal_value FROM stock_cost c "
        "JOIN entry e ON e.seq = c.entry_seq WHERE c.item_id = ? AND c.date BETWEEN ? AND ? "
        "ORDER BY c.date, c.entry_id, c.move_no",
        (item.id, start.isoformat(), end.isoformat()))
    lines = [StockLine(dt.date.fromisoformat(day), ref, memo, qty, value, bal_qty, bal_value)
             for day, ref, memo, qty, value, bal_qty, bal_value in rows]
    return KartuStok(item, start, end, opening.qty, opening.value, lines)


@dataclass(frozen=True)
class DaftarStok:
    """Every item's quantity and value on a date."""

    as_of: dt.date
    rows: list[tuple[Item, int, int]]

    def to_json(self) -> dict[str, object]:
        return {"report": "daftar-stok", "as_of": self.as_of.isoformat(),
                "items": [{"sku": item.sku, "name": item.name, "unit": item.unit,
                           "qty": milli_str(qty), "value": sen_str(value),
                           "unit_cost": sen_str(_unit(qty, value))}
                          for item, qty, value in self.rows],
                "total_value": sen_str(sum(value for _item, _qty, value in self.rows))}

    def table(self) -> Table:
        table = Table("Daftar Persediaan", as_of_text(self.as_of),
                      [Column("SKU"), Column("Nama barang"), Column("Satuan"),
                       Column("Jumlah", "qty"), Column("Harga pokok/unit", "money"),
                       Column("Nilai", "money")])
        for item, qty, value in self.rows:
            table.add(item.sku, item.name, item.unit, qty, _unit(qty, value), value)
        table.add("", "Jumlah", "", None, None, sum(v for _i, _q, v in self.rows), style="total")
        return table


def daftar_stok(conn: sqlite3.Connection, *, as_of: dt.date) -> DaftarStok:
    """Quantity and value of every item on a date."""
    rows = conn.execute("SELECT id, sku FROM item ORDER BY sku").fetchall()
    levels = [(get_item(conn, sku), level_at(conn, item_id, as_of)) for item_id, sku in rows]
    return DaftarStok(as_of, [(item, lv.qty, lv.value) for item, lv in levels])
