"""Apply changes pulled from the server to the local books, idempotently.

Entries and assets are insert-only and unioned by id, so applying one twice does nothing.
Profile, items, parties and accounts merge field by field: a field takes the pulled value only
when the pulled stamp is later than the one that wrote the local value, so every device ends
with the same value whatever order the changes arrive in. The caller runs a whole page in one
transaction together with the cursor.

A pulled change that breaks the protocol (protocol/entities.py; a newer server refuses such
changes, an older one may have stored them) or that these books cannot store is set aside:
kept whole in `pulled_aside` with its reason, reported by name, and the page goes on. One bad
row never blocks a business's sync or restore (protocol/README.md, "Set aside").
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.books import hlc
from desktop.books.accounts import GROUPS, cashflow_category
from desktop.books.business import EDITABLE as PROFILE_FIELDS
from desktop.books.costing import recost_entries
from desktop.books.errors import UserFacingError
from desktop.books.ledger import next_seq
from desktop.books.parties import name_key
from desktop.books.qris import QRIS_KEY, keep_qris
from desktop.books.store.connection import IntegrityError
from desktop.books.totals import apply_aggregates
from protocol import entities
from protocol import hlc as stamps

ITEM_FIELDS = tuple(entities.FIELDS["item"])
PARTY_FIELDS = tuple(entities.FIELDS["party"])
LABELS = {"profile": "profil usaha", "item": "barang", "party": "pihak", "account": "akun",
          "asset": "aset", "entry": "transaksi", "period": "tutup buku", "listing": "produk toko",
          "photo": "foto", "order": "pesanan", "order_status": "status pesanan",
          "question": "pertanyaan", "answer": "jawaban", "curation": "kurasi"}


class ApplyError(ValueError):
    """A pulled change cannot be applied (it names something these books do not have)."""


@dataclass(frozen=True)
class SetAside:
    """A pulled change these books could not take, by name, with the reason."""

    change_id: str
    entity: str
    entity_id: str
    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"change_id": self.change_id, "entity": self.entity, "entity_id": self.entity_id,
                "name": self.name, "reason": self.reason}


# What makes one pulled change unusable on this PC (it is set aside, and sync goes on).
_SET_ASIDE: tuple[type[Exception], ...] = (
    entities.Invalid, stamps.BadStamp, ApplyError, *IntegrityError, KeyError, TypeError,
    ValueError)


def apply_changes(conn: sqlite3.Connection, changes: Iterable[dict[str, Any]], *,
                  aside: list[SetAside] | None = None, now_ms: int | None = None) -> int:
    """Apply pulled changes in order; returns how many changed something locally.

    A change that breaks the protocol or that the books refuse is set aside (appended to
    `aside` when given) and the rest go on. `now_ms` is the server's clock (its `server_time`)
    against which stamps too far ahead are refused.
    """
    first = next_seq(conn)
    changed = 0
    for change in changes:
        handler = _HANDLERS.get(change["entity"])
        if handler is None:
            continue  # an entity this version does not keep (e.g. from a newer desktop)
        conn.execute("SAVEPOINT pulled")
        try:
            _check(change, now_ms)
            changed += bool(handler(conn, change))
        except _SET_ASIDE as exc:
            conn.execute("ROLLBACK TO pulled")
            conn.execute("RELEASE pulled")
            kept = set_aside(conn, change, exc)
            if aside is not None:
                aside.append(kept)
            continue
        conn.execute("RELEASE pulled")
        if change.get("hlc"):
            hlc.observe(conn, change["hlc"])
    last = next_seq(conn) - 1
    if last >= first:
        apply_aggregates(conn, first, last)
        # Entries from another PC may be dated before ours: re-cost from their dates.
        recost_entries(conn, first, last)
    return changed


def _check(change: dict[str, Any], now_ms: int | None) -> None:
    """The protocol's checks, as the server makes them before it stores a change."""
    stamp = change.get("hlc")
    if stamp:  # far ahead of the server's clock, it would drag this PC's clock along
        stamps.decode(stamp) if now_ms is None else stamps.check(stamp, now_ms=now_ms)
    entities.check(change["entity"], change["op"], change["data"])


def set_aside(conn: sqlite3.Connection, change: dict[str, Any], why: Exception) -> SetAside:
    """Keep a change these books cannot take, whole, with its reason (once per change id)."""
    data = change.get("data") if isinstance(change.get("data"), dict) else {}
    label = LABELS.get(str(change["entity"]), str(change["entity"]))
    named = next((str(data[k]) for k in ("name", "title", "ref", "code", "sku")
                  if isinstance(data, dict) and data.get(k)), "")
    kept = SetAside(change_id=str(change.get("change_id", "")), entity=str(change["entity"]),
                    entity_id=str(change.get("entity_id", "")),
                    name=f"{label} '{named[:60]}'" if named else label,
                    reason=str(why)[:300] or type(why).__name__)
    conn.execute(
        "INSERT INTO pulled_aside (change_id, entity, entity_id, name, reason, change, "
        "set_aside_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(change_id) DO UPDATE SET "
        "reason = excluded.reason, set_aside_at = excluded.set_aside_at",
        (kept.change_id, kept.entity, kept.entity_id, kept.name, kept.reason,
         json.dumps(change, ensure_ascii=False, default=str),
         dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    return kept


def set_aside_list(conn: sqlite3.Connection) -> list[SetAside]:
    """Every pulled change kept aside, oldest first."""
    return [SetAside(*row) for row in conn.execute(
        "SELECT change_id, entity, entity_id, name, reason FROM pulled_aside "
        "ORDER BY set_aside_at, change_id")]


def _entry(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    entry_id, d = change["entity_id"], change["data"]
    if conn.execute("SELECT 1 FROM entry WHERE id = ?", (entry_id,)).fetchone():
        return False
    reverses = None
    if d.get("reverses"):
        row = conn.execute("SELECT seq FROM entry WHERE id = ?", (d["reverses"],)).fetchone()
        if row is None:
            raise ApplyError(f"entry {entry_id} reverses unknown entry {d['reverses']}")
        reverses = _free_reversal(conn, row[0], entry_id)
    seq = next_seq(conn)
    ref = _free_ref(conn, d["ref"], entry_id)
    party = d.get("party")
    conn.execute(
        "INSERT INTO entry (seq, id, ref, date, kind, memo, party_id, due_date, reverses_seq, "
        "reason, device_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, entry_id, ref, d["date"], d["kind"], d.get("memo", ""), party, d.get("due"),
         reverses, d.get("reason"), change.get("device_id") or "-", change.get("received_at", "")),
    )
    conn.executemany(
        "INSERT INTO line (entry_seq, line_no, account, date, debit, credit, memo, party_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(seq, n, a, d["date"], dr, cr, memo, party if p is None else (p or None))
         for n, (a, dr, cr, memo, p) in enumerate(d["lines"], 1)])
    conn.executemany(
        "INSERT INTO stock_move (entry_seq, move_no, item_id, date, qty, value) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(seq, n, item, d["date"], qty, value)
         for n, (item, qty, value) in enumerate(d.get("moves", []), 1)])
    conn.executemany(
        "INSERT INTO depreciation (entry_seq, asset_id, month, amount) VALUES (?, ?, ?, ?)",
        [(seq, asset, month, amount) for asset, month, amount in d.get("dep", [])])
    if d.get("disposal"):
        conn.execute("INSERT INTO asset_disposal (entry_seq, asset_id) VALUES (?, ?)",
                     (seq, d["disposal"]))
    if d.get("nota"):
        _nota(conn, seq, d["nota"])
    return True


def _nota(conn: sqlite3.Connection, seq: int, nota: dict[str, Any]) -> None:
    """A pulled nota's lines, exactly as the PC that posted it kept them."""
    conn.execute("INSERT INTO nota (entry_seq, channel, discount, total) VALUES (?, ?, ?, ?)",
                 (seq, nota.get("channel"), nota.get("discount", 0), nota["total"]))
    conn.executemany(
        "INSERT INTO nota_line (entry_seq, line_no, item_id, name, qty, price, discount, total) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(seq, n, *line) for n, line in enumerate(nota["lines"], 1)])


def _free_reversal(conn: sqlite3.Connection, original_seq: int, entry_id: str) -> int | None:
    """Two PCs cancelled the same entry offline: the earlier id stays its cancellation.

    An entry has at most one cancellation, so the other is kept as a plain entry: nothing is
    lost, the owner sees both and can cancel the extra one. The rule depends only on the two
    ids, so every device links the same one.
    """
    row = conn.execute("SELECT seq, id FROM entry WHERE reverses_seq = ?",
                       (original_seq,)).fetchone()
    if row is None:
        return original_seq
    if row[1] < entry_id:
        return None
    conn.execute("UPDATE entry SET reverses_seq = NULL WHERE seq = ?", (row[0],))
    return original_seq


def _free_ref(conn: sqlite3.Connection, ref: str, entry_id: str) -> str:
    """Two PCs that numbered offline before joining may both hold a ref; the later id yields.

    The rule depends only on the two ids, so every device settles on the same refs.
    """
    row = conn.execute("SELECT id FROM entry WHERE ref = ?", (ref,)).fetchone()
    if row is None:
        return ref
    if row[0] < entry_id:
        return f"{ref}~{entry_id[-4:]}"
    conn.execute("UPDATE entry SET ref = ? WHERE id = ?", (f"{ref}~{row[0][-4:]}", row[0]))
    return ref


def _asset(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    d = change["data"]
    if conn.execute("SELECT 1 FROM asset WHERE id = ?", (change["entity_id"],)).fetchone():
        return False
    seq = None
    if d.get("entry"):
        row = conn.execute("SELECT seq FROM entry WHERE id = ?", (d["entry"],)).fetchone()
        seq = row[0] if row else None
    conn.execute(
        "INSERT INTO asset (id, name, account, acquired, cost, residual, life_months, "
        "opening_depreciation, entry_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (change["entity_id"], d["name"], d["account"], d["acquired"], d["cost"], d["residual"],
         d["life_months"], d.get("opening_depreciation", 0), seq, change.get("received_at", "")))
    return True


def _newer(conn: sqlite3.Connection, entity: str, entity_id: str, stamp: str,
           data: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    """The fields of `data` whose pulled stamp beats the local one; their clocks move on."""
    known = set(allowed)
    clocks = dict(conn.execute("SELECT field, hlc FROM field_clock WHERE entity = ? AND "
                               "entity_id = ?", (entity, entity_id)))
    wins = {k: v for k, v in data.items() if k in known and stamp > clocks.get(k, "")}
    conn.executemany(
        "INSERT INTO field_clock (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET hlc = excluded.hlc",
        [(entity, entity_id, k, stamp) for k in wins])
    return wins


def _update(conn: sqlite3.Connection, table: str, key: str, value: str,
            fields: dict[str, Any]) -> None:
    if fields:
        sets = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", [*fields.values(), value])


def _profile(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    wins = _newer(conn, "profile", change["entity_id"], change["hlc"], change["data"],
                  (*PROFILE_FIELDS, QRIS_KEY))
    if QRIS_KEY in wins:   # kept in meta beside the counter's printer, not in the profile row
        try:
            keep_qris(conn, str(wins.pop(QRIS_KEY) or ""))
        except UserFacingError as exc:
            raise ApplyError(f"qris_payload: {exc}") from None
        changed = True
    else:
        changed = False
    (local_id,) = conn.execute("SELECT id FROM profile").fetchone()
    _update(conn, "profile", "id", local_id, wins)
    return changed or bool(wins)


def _item(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    item_id, d = change["entity_id"], change["data"]
    if not conn.execute("SELECT 1 FROM item WHERE id = ?", (item_id,)).fetchone():
        if change["op"] != "insert":
            raise ApplyError(f"item {item_id} updated before it was added")
        sku = _free_key(conn, "item", "sku", d["sku"], item_id)
        conn.execute(
            "INSERT INTO item (id, sku, name, unit, category, price, account, min_qty, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item_id, sku, d["name"], d["unit"], d.get("category", ""), d.get("price", 0),
             d.get("account", "1301"), d.get("min_qty", 0), change.get("received_at", "")))
    wins = _newer(conn, "item", item_id, change["hlc"], d, ITEM_FIELDS)
    wins.pop("sku", None)  # a SKU never changes once given
    _update(conn, "item", "id", item_id, wins)
    return True


def _party(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    party_id, d = change["entity_id"], change["data"]
    if not conn.execute("SELECT 1 FROM party WHERE id = ?", (party_id,)).fetchone():
        key = _free_key(conn, "party", "name_key", name_key(d.get("name", "")), party_id)
        conn.execute("INSERT INTO party (id, name, name_key, kind, created_at) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (party_id, d.get("name", ""), key, d.get("kind", "lainnya"),
                      change.get("received_at", "")))
    wins = _newer(conn, "party", party_id, change["hlc"], d, PARTY_FIELDS)
    if "name" in wins:
        wins["name_key"] = _free_key(conn, "party", "name_key", name_key(wins["name"]), party_id)
    _update(conn, "party", "id", party_id, wins)
    return True


def _free_key(conn: sqlite3.Connection, table: str, column: str, value: str, row_id: str) -> str:
    """A unique name (SKU, party name) two PCs both gave offline: the later id yields.

    The yielding record gets its id appended. As with refs, the rule depends only on the two
    ids, not on which record a device saw first, so every device settles on the same names.
    """
    other = conn.execute(f"SELECT id FROM {table} WHERE {column} = ? AND id != ?",
                         (value, row_id)).fetchone()
    if other is None:
        return value
    if other[0] < row_id:
        return f"{value}~{row_id[-4:]}"
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                 (f"{value}~{other[0][-4:]}", other[0]))
    return value


def _account(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    d = change["data"]
    code = str(d.get("code", ""))
    row = conn.execute("SELECT id FROM account WHERE code = ?", (code,)).fetchone()
    if change["op"] == "delete":
        used = conn.execute("SELECT 1 FROM line WHERE account = ? LIMIT 1", (code,)).fetchone()
        if row and not used:
            conn.execute("DELETE FROM account WHERE code = ? AND builtin = 0", (code,))
        return bool(row)
    if row is None:
        grp = str(d.get("group", code[:2]))
        conn.execute(
            "INSERT INTO account (code, id, name, grp, normal, cashflow) VALUES (?, ?, ?, ?, ?, ?)",
            (code, change["entity_id"], d.get("name", code), grp, GROUPS[grp][2],
             cashflow_category(code)))
        local_id = change["entity_id"]
    else:
        local_id = row[0]
    wins = _newer(conn, "account", local_id, change["hlc"], d, ("name", "active"))
    if "active" in wins:
        wins["active"] = int(bool(wins["active"]))
    _update(conn, "account", "code", code, wins)
    return True


def _period(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    through = str(change["data"]["through"])
    conn.execute("INSERT INTO meta (key, value) VALUES ('closed_through', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)", (through,))
    return True


_HANDLERS = {"entry": _entry, "asset": _asset, "profile": _profile, "item": _item,
             "party": _party, "account": _account, "period": _period}

from sync_client.apply_shop import SHOP_HANDLERS  # noqa: E402 - it builds on the helpers above

_HANDLERS.update(SHOP_HANDLERS)

from sync_client.apply_dinas import DINAS_HANDLERS  # noqa: E402 - issue 16, same helpers

_HANDLERS.update(DINAS_HANDLERS)
LABELS.update({"consent": "persetujuan Dinas", "dinas_profile": "profil Dinas",
               "summary": "ringkasan bulanan"})
