"""Property: random offline work on two PCs of one business, synced in any order through a link
that drops requests and replies, always converges; a third PC restored from the server agrees.

Each example is a fresh business on one live server (sync.md, failure 7 and "Test profiles").
Run more examples with LUMBUNG_CONVERGENCE_EXAMPLES=500.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from desktop.books.business import update_profile
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import close_period, closed_through, reverse_entry
from desktop.books.outbox import pending_count
from desktop.books.parties import update_party
from desktop.books.stock import add_item, update_item
from tests.sync.helpers import books_of
from tests.sync.live import LiveServer
from tests.sync.netfault import FaultProxy
from tests.sync.twopcs import (
    PINS,
    STOCKED,
    Shop,
    day,
    differences,
    fingerprint,
    ledger_problems,
)

EXAMPLES = int(os.environ.get("LUMBUNG_CONVERGENCE_EXAMPLES", "15"))
NEW_SKUS = ("GUL", "TEH")          # items either PC may add offline, so both may add one
SKUS = STOCKED + NEW_SKUS
CUSTOMERS = ("Bu Sari", "Pak Budi")
SUPPLIER = "Toko Makmur"


def has_item(shop: Shop, pc: int, sku: str) -> bool:
    return shop.pcs[pc].conn.execute("SELECT 1 FROM item WHERE sku = ?", (sku,)).fetchone() \
        is not None


@dataclass(frozen=True)
class Sale:
    """A cash sale, or a credit sale to a customer; with an item it moves stock and HPP."""

    pc: int
    on: int
    rupiah: int
    sku: str | None
    qty: int
    customer: str | None

    def run(self, shop: Shop) -> None:
        if self.sku and not has_item(shop, self.pc, self.sku):
            return
        tx = TxInput(type="penjualan-kredit" if self.customer else "penjualan-tunai",
                     date=day(self.on), amount=str(self.rupiah), party=self.customer,
                     item=self.sku, qty=str(self.qty) if self.sku else None)
        shop.posted.add(post_tx(shop.pcs[self.pc], tx).entry_id)


@dataclass(frozen=True)
class Expense:
    """An expense paid from cash."""

    pc: int
    on: int
    rupiah: int
    account: str

    def run(self, shop: Shop) -> None:
        tx = TxInput(type="beban", date=day(self.on), amount=str(self.rupiah),
                     account=self.account)
        shop.posted.add(post_tx(shop.pcs[self.pc], tx).entry_id)


@dataclass(frozen=True)
class Purchase:
    """Stock bought for cash, or on credit from the supplier."""

    pc: int
    on: int
    rupiah: int
    sku: str
    qty: int
    on_credit: bool

    def run(self, shop: Shop) -> None:
        if not has_item(shop, self.pc, self.sku):
            return
        tx = TxInput(type="pembelian-persediaan", date=day(self.on), amount=str(self.rupiah),
                     item=self.sku, qty=str(self.qty), via="utang" if self.on_credit else "kas",
                     party=SUPPLIER if self.on_credit else None)
        shop.posted.add(post_tx(shop.pcs[self.pc], tx).entry_id)


@dataclass(frozen=True)
class AddItem:
    """A new product; both PCs may add the same SKU before they sync."""

    pc: int
    sku: str
    rupiah: int

    def run(self, shop: Shop) -> None:
        if not has_item(shop, self.pc, self.sku):
            with shop.pcs[self.pc].write() as conn:
                add_item(conn, sku=self.sku, name=f"Barang {self.sku}", unit="pcs",
                         price=self.rupiah * 100)


@dataclass(frozen=True)
class SetPrice:
    """A new selling price for a product (last writer wins)."""

    pc: int
    sku: str
    rupiah: int

    def run(self, shop: Shop) -> None:
        if has_item(shop, self.pc, self.sku):
            with shop.pcs[self.pc].write() as conn:
                update_item(conn, sku=self.sku, price=self.rupiah * 100)


@dataclass(frozen=True)
class EditProfile:
    """One business profile field changed (last writer wins, per field)."""

    pc: int
    name: str
    value: str

    def run(self, shop: Shop) -> None:
        update_profile(shop.pcs[self.pc], **{self.name: self.value})


@dataclass(frozen=True)
class EditCustomer:
    """A customer's phone number changed (last writer wins, per field)."""

    pc: int
    customer: str
    phone: str

    def run(self, shop: Shop) -> None:
        book = shop.pcs[self.pc]
        if book.conn.execute("SELECT 1 FROM party WHERE name = ?", (self.customer,)).fetchone():
            with book.write() as conn:
                update_party(conn, name=self.customer, phone=self.phone)


@dataclass(frozen=True)
class Reverse:
    """Cancel the `pick`-th entry this PC can still cancel (both PCs may cancel the same one)."""

    pc: int
    pick: int

    def run(self, shop: Shop) -> None:
        book = shop.pcs[self.pc]
        refs = [ref for (ref,) in book.conn.execute(
            "SELECT e.ref FROM entry e WHERE e.reverses_seq IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) ORDER BY e.id")]
        if refs:
            cancel(shop, self.pc, refs[self.pick % len(refs)])


def cancel(shop: Shop, pc: int, ref: str) -> None:
    """Cancel an entry on one PC by posting its reversal."""
    book = shop.pcs[pc]
    with book.write() as conn:
        posted = reverse_entry(conn, ref=ref, reason="salah catat", device_id=book.device_id)
    shop.posted.add(posted.entry_id)


@dataclass(frozen=True)
class Sync:
    """A sync straight to the server."""

    pc: int

    def run(self, shop: Shop) -> None:
        shop.sync(self.pc)


@dataclass(frozen=True)
class FaultySync:
    """A sync through a link that cuts the next connections mid-request or mid-reply."""

    pc: int
    cut: str
    after: int
    times: int

    def run(self, shop: Shop) -> None:
        note(f"{self}: {shop.faulty_sync(self.pc, cut=self.cut, after=self.after, times=self.times)}")


@dataclass(frozen=True)
class Restart:
    """The app on one PC is closed and opened again."""

    pc: int

    def run(self, shop: Shop) -> None:
        shop.restart(self.pc)


Step = Sale | Expense | Purchase | AddItem | SetPrice | EditProfile | EditCustomer | Reverse | \
    Sync | FaultySync | Restart
pcs = st.integers(0, 1)
days = st.integers(0, 80)
rupiah = st.integers(1, 2_000_000)
steps: st.SearchStrategy[Step] = st.one_of(
    st.builds(Sale, pcs, days, rupiah, st.none() | st.sampled_from(SKUS), st.integers(1, 30),
              st.none() | st.sampled_from(CUSTOMERS)),
    st.builds(Expense, pcs, days, rupiah, st.sampled_from(("5201", "5202", "5299", "5301"))),
    st.builds(Purchase, pcs, days, rupiah, st.sampled_from(SKUS), st.integers(1, 50),
              st.booleans()),
    st.builds(AddItem, pcs, st.sampled_from(NEW_SKUS), st.integers(0, 100_000)),
    st.builds(SetPrice, pcs, st.sampled_from(SKUS), st.integers(0, 100_000)),
    st.builds(EditProfile, pcs, st.sampled_from(("name", "owner", "phone", "kecamatan")),
              st.sampled_from(("Warung Sari Rasa", "Bu Made", "0812 3456 7890", "Ubud"))),
    st.builds(EditCustomer, pcs, st.sampled_from(CUSTOMERS),
              st.sampled_from(("0812 1111 2222", "0813 3333 4444"))),
    st.builds(Reverse, pcs, st.integers(0, 50)),
    st.builds(Sync, pcs),
    st.builds(FaultySync, pcs, st.sampled_from(("request", "response")),
              st.integers(0, 6000), st.integers(1, 12)),
    st.builds(Restart, pcs),
)


@pytest.fixture
def proxy(live_sqlite: LiveServer) -> Iterator[FaultProxy]:
    with FaultProxy(live_sqlite.address) as fault:
        yield fault


def check_converged(shop: Shop) -> None:
    """Settle, restore a third PC, and compare everything the owner could see."""
    shop.settle()
    third = shop.restore("pc3", PINS[2])
    try:
        books = [fingerprint(book) for book in (*shop.pcs, third)]
        for n, other in enumerate(books[1:], 2):
            assert other == books[0], f"PC{n} differs from PC1 in {differences(books[0], other)}"
        for n, book in enumerate((*shop.pcs, third), 1):
            assert ledger_problems(book) == [], f"PC{n}"
            # Penyesuaian HPP are derived by each PC's costing and never travel
            ids = {row[0] for row in book.conn.execute(
                "SELECT id FROM entry WHERE kind != 'penyesuaian-hpp'")}
            assert ids == shop.posted, f"PC{n}: entries lost or invented"
        assert shop.rejected == []
        assert [pending_count(book.conn) for book in shop.pcs] == [0, 0]
        sent = sum(book.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
                   for book in shop.pcs)
        assert shop.server_changes() == sent  # every change applied on the server exactly once
        assert third.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    finally:
        third.close()


@settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=st.lists(steps, min_size=1, max_size=20))
def test_random_offline_work_on_two_pcs_converges(live_sqlite: LiveServer, proxy: FaultProxy,
                                                  tmp_path: Path, plan: list[Step]) -> None:
    # The server and the proxy live for the whole test; each example gets its own business.
    note(f"plan = {plan!r}")
    shop = Shop.open(live_sqlite, proxy, tmp_path / uuid.uuid4().hex[:8])
    try:
        for step in plan:
            step.run(shop)
        check_converged(shop)
    finally:
        shop.close()


@pytest.mark.parametrize("first", [0, 1])
def test_the_same_sku_and_customer_added_offline_on_both_pcs_get_the_same_names_everywhere(
        live_sqlite: LiveServer, proxy: FaultProxy, tmp_path: Path, first: int) -> None:
    # Found by the property test: the record a PC saw first kept the plain SKU, so PC1 called
    # one product "GUL" and PC2 the other, and a restored PC followed the server's order.
    shop = Shop.open(live_sqlite, proxy, tmp_path)
    try:
        for pc in (0, 1):
            AddItem(pc, "GUL", 12_000).run(shop)
            Sale(pc, 3, 50_000, None, 1, "Bu Sari").run(shop)
        for pc in (first, 1 - first, first):
            shop.sync(pc)
        check_converged(shop)
        for book in shop.pcs:
            skus = [sku for (sku,) in book.conn.execute(
                "SELECT sku FROM item WHERE sku LIKE 'GUL%' ORDER BY id")]
            assert skus[0] == "GUL" and skus[1].startswith("GUL~")  # the earlier id keeps it
            keys = [key for (key,) in book.conn.execute("SELECT name_key FROM party ORDER BY id")]
            assert keys[0] == "bu sari" and keys[1].startswith("bu sari~")
    finally:
        shop.close()


@pytest.mark.parametrize("first", [0, 1])
def test_both_pcs_cancel_the_same_entry_offline(live_sqlite: LiveServer, proxy: FaultProxy,
                                                tmp_path: Path, first: int) -> None:
    # Found by the property test: an entry holds one cancellation, so the second one pulled
    # failed to apply, and every later pull on that PC failed with it.
    shop = Shop.open(live_sqlite, proxy, tmp_path)
    try:
        Sale(0, 5, 75_000, None, 1, None).run(shop)
        shop.settle()
        (ref,) = shop.pcs[0].conn.execute("SELECT ref FROM entry WHERE date = ?",
                                          (day(5),)).fetchone()
        for pc in (0, 1):
            cancel(shop, pc, ref)  # both offline, so neither knows of the other's
        for pc in (first, 1 - first, first):
            shop.sync(pc)
        check_converged(shop)  # both cancellations are kept, on every PC
        for book in shop.pcs:
            both = [i for (i,) in book.conn.execute(
                "SELECT id FROM entry WHERE kind = 'pembatalan' ORDER BY id")]
            linked = [i for (i,) in book.conn.execute(
                "SELECT r.id FROM entry r JOIN entry o ON o.seq = r.reverses_seq "
                "WHERE o.ref = ?", (ref,))]
            assert len(both) == 2 and linked == both[:1]  # the earlier id stays linked
    finally:
        shop.close()


def test_aging_detail_of_same_day_invoices_is_the_same_on_both_pcs(
        live_sqlite: LiveServer, proxy: FaultProxy, tmp_path: Path) -> None:
    shop = Shop.open(live_sqlite, proxy, tmp_path)
    try:
        Sale(0, 1, 10_000, None, 1, "Bu Sari").run(shop)
        shop.settle()
        Sale(0, 3, 100_000, None, 1, "Bu Sari").run(shop)  # both offline, same day and due
        Sale(1, 3, 50_000, None, 1, "Bu Sari").run(shop)
        shop.settle()
        first, second = (books_of(book)["umur-piutang"] for book in shop.pcs)
        assert first == second
    finally:
        shop.close()


def test_a_closed_period_reaches_the_other_pc(live_sqlite: LiveServer, proxy: FaultProxy,
                                              tmp_path: Path) -> None:
    shop = Shop.open(live_sqlite, proxy, tmp_path)
    try:
        with shop.pcs[0].write() as conn:
            close_period(conn, through=dt.date(2026, 1, 31))
        shop.settle()
        assert shop.rejected == []
        assert [closed_through(book.conn) for book in shop.pcs] == [dt.date(2026, 1, 31)] * 2
    finally:
        shop.close()


def test_an_asset_disposal_reaches_the_other_pc(live_sqlite: LiveServer, proxy: FaultProxy,
                                                tmp_path: Path) -> None:
    """Issue 12: the disposal travels with its entry, so the register agrees on both PCs."""
    from desktop.books.assets import list_assets

    shop = Shop.open(live_sqlite, proxy, tmp_path)
    try:
        first = shop.pcs[0]
        post_tx(first, TxInput(type="pembelian-aset", date="2026-01-10", amount="4800000",
                               name="Freezer"))
        post_tx(first, TxInput(type="pelepasan-aset", date="2026-02-10", amount="4000000",
                               name="Freezer"))
        shop.settle()
        assert shop.rejected == []
        assert [list_assets(book.conn) for book in shop.pcs] == [[], []]
        assert [len(list_assets(book.conn, as_of=dt.date(2026, 1, 31))) for book in shop.pcs] \
            == [1, 1]
    finally:
        shop.close()
