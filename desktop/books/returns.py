"""Returns (retur) and the nota they come from: the link, what is left to return, the cost.

A return names its original in its memo, "Retur dari PK-2026-000012" (optionally followed by
": " and the owner's note). The memo travels with the entry on sync and the ref is the same on
every PC, so the link needs no table of its own. Costing reads it to take goods back at what
the original sale took out, on whichever date order the entries arrive in.
"""

from __future__ import annotations

import sqlite3

from desktop.books.money import rupiah_share

SALES_RETURN, PURCHASE_RETURN = "retur-penjualan", "retur-pembelian"
# Which entries each return form may come from.
ORIGINALS = {SALES_RETURN: ("penjualan-tunai", "penjualan-kredit"),
             PURCHASE_RETURN: ("pembelian-persediaan",)}
_LINK = "Retur dari "


def return_memo(ref: str, note: str = "") -> str:
    """The memo that links a return to its original."""
    return f"{_LINK}{ref}: {note.strip()}" if note.strip() else f"{_LINK}{ref}"


def original_ref(memo: str) -> str | None:
    """The original's ref a return's memo names, if any."""
    if not memo.startswith(_LINK):
        return None
    return memo[len(_LINK):].split(":", 1)[0].strip() or None


def live_returns(conn: sqlite3.Connection, ref: str) -> list[tuple[int, str]]:
    """(seq, ref) of the returns of `ref` that stand (not cancelled), oldest first."""
    rows = conn.execute(
        "SELECT e.seq, e.ref, e.memo FROM entry e WHERE e.kind IN (?, ?) AND e.memo LIKE ? "
        "AND e.reverses_seq IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) ORDER BY e.seq",
        (SALES_RETURN, PURCHASE_RETURN, f"{_LINK}{ref}%"))
    return [(seq, r) for seq, r, memo in rows if original_ref(memo) == ref]


def returned_qty(conn: sqlite3.Connection, ref: str, item_id: str) -> int:
    """Thousandths of the item already returned from `ref` by standing returns."""
    seqs = [seq for seq, _r in live_returns(conn, ref)]
    if not seqs:
        return 0
    marks = ",".join("?" * len(seqs))
    row = conn.execute(f"SELECT COALESCE(SUM(ABS(qty)), 0) FROM stock_move WHERE item_id = ? "
                       f"AND entry_seq IN ({marks})", (item_id, *seqs)).fetchone()
    return int(row[0])


def original_move(conn: sqlite3.Connection, seq: int, item_id: str,
                  done: dict[tuple[int, int], int] | None = None) -> tuple[int, int] | None:
    """(qty, costed base) of all the original moved of the item, over every line it is on.

    A nota may list one item on several lines; a return is of the item, not of a line.
    `done` holds bases costed earlier in the same run (they may have just changed).
    """
    rows = conn.execute(
        "SELECT m.move_no, m.qty, COALESCE(c.base, m.value) FROM stock_move m "
        "LEFT JOIN stock_cost c ON c.entry_seq = m.entry_seq AND c.move_no = m.move_no "
        "WHERE m.entry_seq = ? AND m.item_id = ?", (seq, item_id)).fetchall()
    if not rows:
        return None
    done = done or {}
    return (sum(int(qty) for _n, qty, _b in rows),
            sum(done.get((seq, int(no)), int(base)) for no, _q, base in rows))


def share_of(base: int, qty: int, of_qty: int) -> int:
    """The part of a movement's value that `qty` of its `of_qty` carries (same sign as base)."""
    if qty == of_qty:
        return base
    return rupiah_share(base, qty, of_qty)


def return_base(conn: sqlite3.Connection, memo: str, item_id: str, qty: int,
                done: dict[tuple[int, int], int]) -> int | None:
    """What a sales return brings back: the original sale's costed value for that quantity.

    `done` holds bases costed earlier in the same run (the original may have just changed).
    None when the original cannot be found (the return keeps its posted value).
    """
    ref = original_ref(memo)
    row = conn.execute("SELECT seq FROM entry WHERE ref = ?", (ref,)).fetchone() if ref else None
    found = original_move(conn, int(row[0]), item_id, done) if row else None
    if row is None or found is None:
        return None
    orig_qty, base = found
    return -share_of(base, qty, -orig_qty) if orig_qty < 0 else None


def returnable_notas(conn: sqlite3.Connection, kind: str, *, limit: int = 300
                     ) -> list[tuple[str, str, str, str]]:
    """(ref, date, party name, memo) of the standing notas a return of `kind` may come from,
    newest first: the ones that moved goods and are not cancelled."""
    kinds = ORIGINALS[kind]
    marks = ",".join("?" * len(kinds))
    rows = conn.execute(
        "SELECT e.ref, e.date, COALESCE(p.name, ''), e.memo FROM entry e "
        "LEFT JOIN party p ON p.id = e.party_id "
        f"WHERE e.kind IN ({marks}) AND e.reverses_seq IS NULL "
        "AND EXISTS (SELECT 1 FROM stock_move m WHERE m.entry_seq = e.seq) "
        "AND NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) "
        "ORDER BY e.date DESC, e.seq DESC LIMIT ?", (*kinds, limit))
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]
