"""Sales and purchases of several lines (a nota): one balanced entry, one stock move per line.

A sale credits 4101 with every line's gross amount and debits 4102 (Retur & Potongan
Penjualan) with the line discounts and the nota's discount, so laba rugi shows both; each item
line leaves stock at the date-ordered moving average (a later line of the same item continues
from the balance the earlier one left). A purchase values each line at what was paid for it:
its amount less its share of the nota's discount.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Callable

from desktop.books.costing import Level, level_at, step
from desktop.books.errors import InputError
from desktop.books.fmt import rupiah
from desktop.books.forms.base import HPP, SALES, Built, TxInput
from desktop.books.ledger import EntryDraft, LineDraft, MoveDraft, Posted
from desktop.books.money import milli_str, mul_div, parse_amount
from desktop.books.nota import LineInput, NotaLine, check_channel, parse_line, price_lines, save_nota
from desktop.books.stock import issue_cost

DISCOUNTS = "4102"


def wants_nota(tx: TxInput) -> bool:
    """Whether the form is a nota: lines typed, or a discount or channel given."""
    return bool(tx.lines or tx.discount or tx.channel)


def typed_lines(tx: TxInput) -> list[LineInput]:
    """The lines as typed; the single-item form (--item, --qty) becomes one line."""
    if tx.lines and tx.item:
        raise InputError("Pakai --line untuk setiap barang, atau --item saja; tidak keduanya",
                         field="item", value=tx.item)
    if tx.lines:
        return [parse_line(text, row=n) if isinstance(text, str) else text
                for n, text in enumerate(tx.lines, 1)]
    if tx.item:
        # With --amount the amount prices the whole quantity (`_single_item_price`).
        price = "0" if tx.amount not in (None, "") else None
        return [LineInput(tx.item, tx.item, tx.qty or "1", price)]
    raise InputError("Nota butuh paling sedikit satu baris", field="line")


def _checked_total(tx: TxInput, lines: list[NotaLine], discount: int) -> int:
    total = sum(line.total for line in lines) - discount
    if total <= 0:
        raise InputError("Total nota harus lebih dari nol, bukan {value}", field="line",
                         value=rupiah(total))
    if tx.amount not in (None, "") and not (tx.item and not tx.lines):
        amount = parse_amount(tx.amount or "", field="amount")
        if amount != total:
            parts = " + ".join(f"baris {n} {rupiah(ln.total)}" for n, ln in enumerate(lines, 1))
            raise InputError("Jumlah {value} tidak sama dengan total nota {total}: {parts}, "
                             "dikurangi potongan {discount}", field="amount",
                             value=rupiah(amount), total=rupiah(total), parts=parts,
                             discount=rupiah(discount))
    return total


def _single_item_price(tx: TxInput, lines: list[NotaLine]) -> list[NotaLine]:
    """The old form with --amount: the amount is the line's price for the whole quantity."""
    if not (tx.item and not tx.lines and tx.amount not in (None, "")):
        return lines
    line = lines[0]
    total = parse_amount(tx.amount or "", field="amount", allow_zero=False)
    return [NotaLine(line.item, line.name, line.qty, mul_div(total, 1000, line.qty), 0, total)]


def nota_sale(conn: sqlite3.Connection, tx: TxInput, day: dt.date, debit: str,
              party_id: str | None, kind: str, due: dt.date | None, label: str) -> Built:
    """A sale of several lines, for cash, QRIS, transfer or on credit."""
    channel = check_channel(tx.channel) or "toko"
    priced, discount = price_lines(conn, typed_lines(tx), sale=True, discount=tx.discount)
    priced = _single_item_price(tx, priced)
    total = _checked_total(tx, priced, discount)
    gross = sum(line.gross for line in priced)
    lines = [LineDraft(debit, debit=total)]
    if gross > total:
        lines.append(LineDraft(DISCOUNTS, debit=gross - total, memo="Potongan penjualan"))
    lines.append(LineDraft(SALES, credit=gross))
    moves, costs, warnings = _issue(conn, priced, day)
    if costs:
        lines.append(LineDraft(HPP, debit=sum(costs.values())))
        lines += [LineDraft(account, credit=cost) for account, cost in costs.items()]
    memo = tx.memo or _memo(label, priced)
    draft = EntryDraft(kind, day, memo, lines, party_id=party_id, due_date=due, moves=moves)
    return Built(draft, warnings, _keeper(channel, priced, discount))


def _issue(conn: sqlite3.Connection, priced: list[NotaLine],
           day: dt.date) -> tuple[list[MoveDraft], dict[str, int], list[str]]:
    """One move per item line at the moving average, lines of one item in turn."""
    levels: dict[str, Level] = {}
    moves: list[MoveDraft] = []
    costs: dict[str, int] = defaultdict(int)
    warnings: list[str] = []
    for line in priced:
        if line.item is None:
            continue
        item = line.item
        level = levels.get(item.id) or level_at(conn, item.id, day)
        cost, notes = issue_cost(conn, item, line.qty, day, level=level)
        levels[item.id] = step(level, -line.qty, -cost)[2]
        warnings += [note for note in notes if note not in warnings]
        moves.append(MoveDraft(item.id, -line.qty, -cost))
        if cost:
            costs[item.account] += cost
    return moves, dict(costs), warnings


def nota_purchase(conn: sqlite3.Connection, tx: TxInput, day: dt.date, credit: str,
                  party_id: str | None, due: dt.date | None) -> Built:
    """A purchase of several lines: each item's stock at what was paid for its line."""
    if tx.channel:
        raise InputError("Saluran penjualan hanya untuk penjualan", field="channel",
                         value=tx.channel)
    priced, discount = price_lines(conn, typed_lines(tx), sale=False, discount=tx.discount)
    priced = _single_item_price(tx, priced)
    for row, line in enumerate(priced, 1):
        if line.item is None:
            raise InputError("Baris '{value}' bukan barang; pembelian persediaan hanya untuk "
                             "barang yang dicatat stoknya", field="line", row=row,
                             value=line.name)
    total = _checked_total(tx, priced, discount)
    values = share_discount(priced, discount)
    moves = [MoveDraft(line.item.id, line.qty, value)  # type: ignore[union-attr]
             for line, value in zip(priced, values, strict=True)]
    debits: dict[str, int] = defaultdict(int)
    for line, value in zip(priced, values, strict=True):
        debits[line.item.account] += value  # type: ignore[union-attr]
    lines = [LineDraft(account, debit=value) for account, value in debits.items() if value]
    lines.append(LineDraft(credit, credit=total))
    memo = tx.memo or _memo("Pembelian", priced)
    draft = EntryDraft("pembelian-persediaan", day, memo, lines, party_id=party_id,
                       due_date=due, moves=moves)
    return Built(draft, [], _keeper(None, priced, discount))


def share_discount(priced: list[NotaLine], discount: int) -> list[int]:
    """Each line's amount less its share of the nota's discount, pro rata; the sen rounding
    leaves over go to the last lines that have room (a free line has none), so the values
    always add up to the nota's total."""
    totals = [line.total for line in priced]
    subtotal = sum(totals)
    shares = [min(mul_div(discount, total, subtotal), total) if subtotal else 0
              for total in totals]
    left = discount - sum(shares)
    for n in reversed(range(len(totals))):
        take = max(-shares[n], min(left, totals[n] - shares[n]))
        shares[n] += take
        left -= take
    return [total - share for total, share in zip(totals, shares, strict=True)]


def _memo(label: str, priced: list[NotaLine]) -> str:
    if len(priced) == 1:
        line = priced[0]
        unit = f" {line.unit}" if line.unit else ""
        return f"{label} {milli_str(line.qty)}{unit} {line.name}"
    names = ", ".join(line.name for line in priced[:3])
    more = f" dan {len(priced) - 3} lainnya" if len(priced) > 3 else ""
    return f"{label} {len(priced)} baris: {names}{more}"[:200]


def _keeper(channel: str | None, priced: list[NotaLine],
            discount: int) -> Callable[[sqlite3.Connection, Posted], None]:
    def keep(conn: sqlite3.Connection, posted: Posted) -> None:
        save_nota(conn, posted.seq, channel=channel, lines=priced, discount=discount)

    return keep
