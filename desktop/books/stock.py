"""Stock items and their movements at moving-average cost (rata-rata bergerak)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from desktop.books.costing import Level, level_at
from desktop.books.errors import InputError, NotFoundError
from desktop.books.i18n import tr
from desktop.books.ids import new_id
from desktop.books.ledger import LineDraft, MoveDraft
from desktop.books.money import milli_str, mul_div
from desktop.books.outbox import record_change

_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


@dataclass(frozen=True)
class Item:
    """A stock item: what it is called, how it is counted, its price and inventory account."""

    id: str
    sku: str
    name: str
    unit: str
    category: str
    price: int
    account: str
    active: bool = True
    min_qty: int = 0
    barcode: str = ""


@dataclass(frozen=True)
class StockLevel:
    """Quantity (thousandths) and value (sen) on hand."""

    qty: int
    value: int


_ITEM_COLUMNS = ("i.id, i.sku, i.name, i.unit, i.category, i.price, i.account, i.active, i.min_qty, "
                 "i.barcode")


def add_item(conn: sqlite3.Connection, *, sku: str, name: str, unit: str, price: int = 0,
             category: str = "", account: str = "1301", min_qty: int = 0,
             barcode: str = "") -> Item:
    """Register a stock item; the SKU is unique and the account is a persediaan (13xx) account."""
    sku = sku.strip()
    if not _SKU.match(sku):
        raise InputError(
            "SKU '{value}' hanya boleh huruf, angka, titik, garis dan garis bawah (maks. 40)",
            field="sku", value=sku,
        )
    if not name.strip():
        raise InputError("Nama barang wajib diisi", field="name", value=name)
    if not unit.strip():
        raise InputError("Satuan barang wajib diisi (misalnya bks, kg, liter)", field="unit",
                         value=unit)
    if not (account.startswith("13") and conn.execute(
            "SELECT 1 FROM account WHERE code = ?", (account,)).fetchone()):
        raise InputError("Akun persediaan '{value}' harus akun 13xx yang ada", field="account",
                         value=account)
    if conn.execute("SELECT 1 FROM item WHERE sku = ?", (sku,)).fetchone():
        raise InputError("SKU '{value}' sudah dipakai barang lain", field="sku", value=sku)
    item = Item(new_id(), sku, name.strip(), unit.strip(), category.strip(), price, account,
                True, min_qty, check_barcode(conn, barcode))
    conn.execute(
        "INSERT INTO item (id, sku, name, unit, category, price, account, min_qty, barcode, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item.id, item.sku, item.name, item.unit, item.category, item.price, item.account,
         item.min_qty, item.barcode, dt.datetime.now(dt.UTC).isoformat()),
    )
    fields: dict[str, object] = {
        "sku": item.sku, "name": item.name, "unit": item.unit, "category": item.category,
        "price": item.price, "account": item.account, "min_qty": item.min_qty,
    }
    if item.barcode:
        fields["barcode"] = item.barcode
    record_change(conn, "item", item.id, "insert", fields)
    return item


_BARCODE = re.compile(r"^[A-Za-z0-9._/+-]{1,40}$")


def check_barcode(conn: sqlite3.Connection, code: str, *, item_id: str = "") -> str:
    """A barcode as stored: printable, at most 40 characters, not another item's SKU or code."""
    code = code.strip()
    if not code:
        return ""
    if not _BARCODE.match(code):
        raise InputError("Barcode '{value}' hanya boleh huruf, angka dan . _ / + - (maks. 40)",
                         field="barcode", value=code)
    taken = conn.execute("SELECT sku FROM item WHERE (barcode = ? OR sku = ?) AND id != ?",
                         (code, code, item_id)).fetchone()
    if taken:
        raise InputError("Barcode '{value}' sudah dipakai barang {sku}", field="barcode",
                         value=code, sku=taken[0])
    return code


def find_by_code(conn: sqlite3.Connection, code: str, *, field: str = "item") -> Item:
    """The item a typed or scanned code names: its barcode first, then its SKU."""
    code = code.strip()
    rows = conn.execute(f"SELECT {_ITEM_COLUMNS} FROM item i WHERE i.barcode = ? AND ? != '' "
                        "ORDER BY i.sku LIMIT 2", (code, code)).fetchall()
    if len(rows) > 1:
        raise InputError("Barcode '{value}' dipakai dua barang ({skus}); ubah salah satunya",
                         field=field, value=code, skus=f"{rows[0][1]}, {rows[1][1]}")
    if rows:
        return _item(rows[0])
    return get_item(conn, code, field=field)


def get_item(conn: sqlite3.Connection, sku: str, *, field: str = "item") -> Item:
    """Return the item with this SKU or say clearly that it does not exist."""
    row = conn.execute(f"SELECT {_ITEM_COLUMNS} FROM item i WHERE i.sku = ?",
                       (sku.strip(),)).fetchone()
    if row is None:
        raise NotFoundError("Barang '{value}' tidak ada di daftar barang", field=field, value=sku)
    return _item(row)


def list_items(conn: sqlite3.Connection) -> list[tuple[Item, StockLevel]]:
    """Every item with its current stock level, by SKU."""
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS}, COALESCE(b.qty, 0), COALESCE(b.value, 0) "
        "FROM item i LEFT JOIN stock_balance b ON b.item_id = i.id ORDER BY i.sku"
    )
    return [(_item(r[:10]), StockLevel(*r[10:])) for r in rows]


def stock_level(conn: sqlite3.Connection, item_id: str,
                day: dt.date | None = None) -> StockLevel:
    """Quantity and value of one item, now or at the end of `day` (costed in date order)."""
    if day is not None:
        level = level_at(conn, item_id, day)
        return StockLevel(level.qty, level.value)
    row = conn.execute("SELECT qty, value FROM stock_balance WHERE item_id = ?",
                       (item_id,)).fetchone()
    return StockLevel(*row) if row else StockLevel(0, 0)


def last_average(conn: sqlite3.Connection, item_id: str,
                 day: dt.date | None = None) -> StockLevel | None:
    """Quantity and value the last time the item was in stock up to `day` (None if never)."""
    level = level_at(conn, item_id, day)
    return StockLevel(level.last_qty, level.last_value) if level.last_qty else None


def issue_cost(conn: sqlite3.Connection, item: Item, qty: int, day: dt.date | None = None, *,
               level: Level | None = None) -> tuple[int, list[str]]:
    """Cost of taking `qty` out at the moving average on `day` (date order); short stock warns.

    `level` is the item's balance when earlier lines of the same nota already took some out.
    """
    level = level_at(conn, item.id, day) if level is None else level
    warnings: list[str] = []
    if qty > level.qty:
        warnings.append(tr(
            "Stok {name} tinggal {have} {unit}, lebih sedikit dari {want} {unit}. "
            "Transaksi tetap dicatat dengan harga pokok rata-rata terakhir; "
            "catat pembelian yang belum masuk.",
            name=item.name, have=milli_str(level.qty), want=milli_str(qty), unit=item.unit,
        ))
    cost = level.issue(qty)
    if cost == 0 and not level.known:
        warnings.append(tr("Harga pokok {name} belum diketahui (belum pernah ada pembelian); "
                           "HPP dicatat nol.", name=item.name))
    return cost, warnings


def average_value(conn: sqlite3.Connection, item_id: str, level: StockLevel, qty: int,
                  day: dt.date | None = None) -> int:
    """Value of `qty` at the moving average on `day`; short stock uses the last average."""
    return level_at(conn, item_id, day).issue(qty)


HPP = "5101"


def receive_stock(conn: sqlite3.Connection, item: Item, qty: int,
                  value: int) -> tuple[list[MoveDraft], list[LineDraft]]:
    """The move for stock coming in at `value` for `qty`.

    Stock that was oversold is corrected by the date-ordered costing (`costing.py`), which
    books the difference as a dated "Penyesuaian HPP" entry right after this posting.
    """
    return [MoveDraft(item.id, qty, value)], []


def unit_cost(level: StockLevel) -> int:
    """Average cost of one whole unit in sen, for display."""
    return mul_div(level.value, 1000, level.qty) if level.qty > 0 else 0


def _item(row: tuple[object, ...]) -> Item:
    return Item(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
                int(row[5]), str(row[6]), bool(row[7]), int(row[8]),  # type: ignore[call-overload]
                str(row[9] or ""))


def update_item(conn: sqlite3.Connection, *, sku: str, name: str | None = None,
                price: int | None = None, category: str | None = None,
                min_qty: int | None = None, barcode: str | None = None) -> Item:
    """Change an item's name, sell price, category or minimum stock; SKU, unit and account stay."""
    item = get_item(conn, sku, field="sku")
    changes: dict[str, object] = {}
    if name is not None:
        if not name.strip():
            raise InputError("Nama barang wajib diisi", field="name", value=name)
        changes["name"] = name.strip()
    if price is not None:
        if price < 0:
            raise InputError("Jumlah tidak boleh negatif: '{value}'", field="price", value=price)
        changes["price"] = price
    if category is not None:
        changes["category"] = category.strip()
    if min_qty is not None:
        if min_qty < 0:
            raise InputError(
                "Jumlah barang '{value}' harus angka tidak negatif dengan paling banyak 3 desimal",
                field="min_qty", value=milli_str(min_qty))
        changes["min_qty"] = min_qty
    if barcode is not None:
        changes["barcode"] = check_barcode(conn, barcode, item_id=item.id)
    changes = {key: value for key, value in changes.items() if getattr(item, key) != value}
    if not changes:
        return item
    assignments = ", ".join(f"{key} = ?" for key in changes)
    conn.execute(f"UPDATE item SET {assignments} WHERE id = ?", [*changes.values(), item.id])
    record_change(conn, "item", item.id, "update", changes)
    return get_item(conn, item.sku)


@dataclass(frozen=True)
class CountPreview:
    """What a stock count would record: book stock, counted stock, the gap and its value."""

    item: Item
    book: StockLevel
    counted: int
    value: int  # signed sen; 0 with a positive gap means the value is unknown (type it in)

    @property
    def diff(self) -> int:
        """Counted minus book quantity, in thousandths."""
        return self.counted - self.book.qty


def preview_count(conn: sqlite3.Connection, *, sku: str, counted: int) -> CountPreview:
    """The adjustment `penyesuaian-stok` would post for this count, valued the same way."""
    item = get_item(conn, sku, field="item")
    level = stock_level(conn, item.id)
    diff = counted - level.qty
    if diff < 0:
        value = -issue_cost(conn, item, -diff)[0]
    elif diff > 0:
        value = average_value(conn, item.id, level, diff)
    else:
        value = 0
    return CountPreview(item, level, counted, value)
