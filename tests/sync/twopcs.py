"""Two PCs of one fresh business on a live server, the owner's actions, and what 'converged' means.

The convergence property test (test_convergence.py) drives a `Shop` through random steps; this
module holds the world those steps act on and the checks made once everything is quiet.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from desktop.books.book import Book
from desktop.books.business import create_business, get_profile, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.render.text import render_text
from desktop.books.reports.aging import umur
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from desktop.books.reports.table import Report
from desktop.books.stock import add_item
from server.models import Business, ChangeLog
from server.security import IpThrottle
from sync_client.link import link, restore_from_server
from tests.sync.helpers import PERIOD, books_of, sync
from tests.sync.live import LiveServer
from tests.sync.netfault import FaultProxy

PINS = ("1111", "2222", "3333")
STOCKED = ("KRP", "KOP")   # items every PC has from the start
QUIET_ROUNDS = 4           # two PCs exchange everything within two rounds; one more shows quiet


@dataclass
class Shop:
    """One business on PC1 and PC2 (linked), the live server, and what the steps did.

    Responsibilities: set the business up, sync a PC directly or through the faulty proxy
    while recording every outcome, settle both PCs, and restore a third PC from the server.
    """

    live: LiveServer
    proxy: FaultProxy
    root: Path
    username: str
    password: str
    pcs: list[Book]
    posted: set[str] = field(default_factory=set)       # every entry id made on PC1 or PC2
    rejected: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def open(cls, live: LiveServer, proxy: FaultProxy, root: Path) -> Shop:
        """A new business with two stocked items and capital, linked, and restored on PC2."""
        live.app.state.ip_throttle = IpThrottle()  # three logins per example, many examples
        ref = create_business(root / "pc1", name="Warung Uji", pin=PINS[0], owner="Bu Made")
        first = open_business(root / "pc1", ref.id, PINS[0])
        with first.write() as conn:
            add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000)
            add_item(conn, sku="KOP", name="Kopi bubuk", unit="bks", price=2_500_000)
        posted = {post_tx(first, TxInput(type="setoran-modal", date="2026-01-01",
                                         amount="5000000")).entry_id}
        for sku in STOCKED:
            posted.add(post_tx(first, TxInput(type="pembelian-persediaan", date="2026-01-01",
                                              amount="400000", item=sku, qty="40")).entry_id)
        username = "u" + uuid.uuid4().hex[:12]
        password = live.user(username, f"Warung Uji {username}")
        link(first, server=live.url, username=username, password=password)
        shop = cls(live, proxy, root, username, password, [first], posted)
        shop.sync(0)
        shop.pcs.append(shop.restore("pc2", PINS[1]))
        return shop

    def restore(self, name: str, pin: str) -> Book:
        """A PC restored from the server into a fresh data directory."""
        ref, result = restore_from_server(self.root / name, server=self.live.url,
                                          username=self.username, password=self.password,
                                          pin=pin)
        assert result.status == "ok", result.message
        assert result.rejected == []
        return open_business(self.root / name, ref.id, pin)

    def sync(self, pc: int) -> int:
        """Sync one PC straight to the server; it must succeed. Returns changes moved."""
        result = sync(self.pcs[pc], self.live.url)
        assert result.status == "ok", result.message
        self.rejected += result.rejected
        return result.pushed + result.pulled

    def faulty_sync(self, pc: int, *, cut: str, after: int, times: int) -> str:
        """Sync through the proxy while its next `times` connections are cut after `after` bytes.

        With few cuts the retries get through; with many the sync ends offline part-way. It
        must never end in an error, and the next sync picks up where this one stopped.
        """
        if cut == "request":
            self.proxy.drop_request_after(after, times=times)
        else:
            self.proxy.drop_response_after(after, times=times)
        try:
            result = sync(self.pcs[pc], self.proxy.url)
        finally:
            self.proxy.reset()  # faults not used up must not leak into a later step
        assert result.status in ("ok", "offline"), result.message
        self.rejected += result.rejected
        return result.status

    def restart(self, pc: int) -> None:
        """Close the app on one PC and open it again."""
        book = self.pcs[pc]
        book.close()
        self.pcs[pc] = open_business(book.data_dir, book.business.id, PINS[pc])

    def settle(self) -> None:
        """Sync both PCs round after round until a round moves nothing."""
        for _ in range(QUIET_ROUNDS):
            if sum(self.sync(pc) for pc in range(len(self.pcs))) == 0:
                return
        raise AssertionError(f"still moving changes after {QUIET_ROUNDS} rounds")

    def server_changes(self) -> int:
        """How many changes the server holds for this business."""
        with Session(self.live.app.state.engine) as session:
            business = session.exec(select(Business).where(
                Business.book_id == self.pcs[0].business.id)).one()
            return int(session.exec(select(func.count()).select_from(ChangeLog).where(
                ChangeLog.business_id == business.id)).one())

    def close(self) -> None:
        for book in self.pcs:
            book.close()


def statements(book: Book) -> dict[str, str]:
    """The three statements as the owner prints them (rendered text, not just figures)."""
    name = get_profile(book.conn).name
    reports: dict[str, Report] = {
        "posisi-keuangan": posisi_keuangan(book.conn, as_of=PERIOD.as_of),
        "laba-rugi": laba_rugi(book.conn, start=PERIOD.start, end=PERIOD.end),
        "neraca-saldo": neraca_saldo(book.conn, as_of=PERIOD.as_of)}
    return {key: render_text(report.table(), business=name, width=120)
            for key, report in reports.items()}


def fingerprint(book: Book) -> dict[str, Any]:
    """books_of() plus what it leaves out: the keys names are looked up by, reversals, stock."""
    seen = books_of(book)
    seen["statements"] = statements(book)
    for kind in ("piutang", "utang"):
        # The open-invoice detail of the aging JSON breaks ties between same-day invoices by
        # local posting order (a known divergence, pinned by an xfail test in
        # test_convergence.py); the aging table the owner sees is compared instead.
        report = umur(book.conn, kind=kind, as_of=PERIOD.as_of)
        seen[f"umur-{kind}"] = render_text(report.table(), width=120)
    seen["lookup_keys"] = book.conn.execute(
        "SELECT 'item', id, sku FROM item UNION ALL SELECT 'party', id, name_key FROM party "
        "ORDER BY 1, 2").fetchall()
    seen["reversals"] = book.conn.execute(
        "SELECT e.id, o.id FROM entry e JOIN entry o ON o.seq = e.reverses_seq ORDER BY 1"
    ).fetchall()
    seen["stock"] = book.conn.execute(
        "SELECT i.sku, b.qty, b.value FROM stock_balance b JOIN item i ON i.id = b.item_id "
        "ORDER BY i.id").fetchall()
    return seen


def differences(left: dict[str, Any], right: dict[str, Any]) -> list[str]:
    """The top-level keys on which two fingerprints disagree (for a readable failure)."""
    return sorted(key for key in left.keys() | right.keys() if left.get(key) != right.get(key))


def ledger_problems(book: Book) -> list[str]:
    """Broken ledger invariants: unbalanced entries, kept totals that disagree with lines."""
    conn = book.conn
    problems = [f"entry {ref} does not balance" for (ref,) in conn.execute(
        "SELECT e.ref FROM entry e JOIN line l ON l.entry_seq = e.seq GROUP BY e.seq "
        "HAVING SUM(l.debit) != SUM(l.credit)")]
    problems += [f"account_day {row} disagrees with the lines" for row in conn.execute(
        "SELECT account, date FROM (SELECT account, date, SUM(debit) AS d, SUM(credit) AS c "
        "FROM line GROUP BY account, date) l FULL JOIN account_day a USING (account, date) "
        "WHERE l.d IS NOT a.debit OR l.c IS NOT a.credit")]
    problems += [f"running total of {code} is {cum}, lines say {net}" for code, cum, net in
                 conn.execute(
        "SELECT a.account, a.cum_debit - a.cum_credit, (SELECT SUM(debit - credit) FROM line "
        "WHERE account = a.account) FROM account_day a WHERE a.date = (SELECT MAX(date) FROM "
        "account_day WHERE account = a.account) AND a.cum_debit - a.cum_credit != "
        "(SELECT SUM(debit - credit) FROM line WHERE account = a.account)")]
    # Value: what the postings moved plus the Penyesuaian HPP the date-ordered costing booked.
    problems += [f"stock of {item} is not the sum of its movements" for (item,) in conn.execute(
        "SELECT item_id FROM (SELECT item_id, SUM(qty) AS q, SUM(value) AS v FROM stock_move "
        "GROUP BY item_id) m FULL JOIN stock_balance b USING (item_id) "
        "LEFT JOIN (SELECT item_id, SUM(amount) AS a FROM stock_adjust GROUP BY item_id) j "
        "USING (item_id) WHERE m.q IS NOT b.qty OR m.v + COALESCE(j.a, 0) IS NOT b.value")]
    return problems


def day(offset: int) -> str:
    """A date in the first quarter of 2026, `offset` days after the opening."""
    return (dt.date(2026, 1, 2) + dt.timedelta(days=offset)).isoformat()
