"""One protocol: its enums and bounds are the desktop books' CHECK constraints, and the
server, the sync client and the desktop all take theirs from it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from desktop.books import accounts, business, parties
from desktop.books.store import schema
from desktop.shop import orders as desktop_orders
from protocol import entities, hlc, rules, wire
from protocol.entities import FIELDS, Invalid, check
from server.shop import catalog
from server.shop import orders as server_orders
from sync_client import wire as client_wire

SQL = "\n".join(getattr(schema, name) for name in dir(schema) if re.fullmatch(r"V\d+", name))
# desktop table.column -> the protocol field that must carry the same rule
SAME_RULE = {("profile", "type"): ("profile", "type"),
             ("profile", "taxpayer"): ("profile", "taxpayer"),
             ("party", "kind"): ("party", "kind"),
             ("item", "price"): ("item", "price"),
             ("asset", "cost"): ("asset", "cost"),
             ("asset", "residual"): ("asset", "residual"),
             ("asset", "life_months"): ("asset", "life_months"),
             ("listing", "price"): ("listing", "price"),
             ("listing", "promo_price"): ("listing", "promo_price"),
             ("listing", "weight_grams"): ("listing", "weight_grams"),
             ("shop_order", "qty"): ("order", "qty")}


def _tables() -> dict[str, str]:
    return {part.split(" ", 1)[0]: part.split(";", 1)[0]
            for part in SQL.split("CREATE TABLE ")[1:]}


def _checks() -> dict[tuple[str, str], tuple[str, Any]]:
    """(table, column) -> ("in", choices) or ("low", smallest allowed), from the schema."""
    found: dict[tuple[str, str], tuple[str, Any]] = {}
    for table, body in _tables().items():
        for column, values in re.findall(r"CHECK \((\w+) IN \(([^)]*)\)\)", body):
            found[table, column] = ("in", tuple(re.findall(r"'([^']*)'", values)))
        for column, op, number in re.findall(r"CHECK \((\w+) (>=|>) (\d+)\)", body):
            found[table, column] = ("low", int(number) + (op == ">"))
    return found


def test_every_check_constraint_on_a_synced_column_is_the_protocols() -> None:
    checks = _checks()
    for (table, column), (entity, name) in SAME_RULE.items():
        kind, rule = checks[table, column]
        field = FIELDS[entity][name]
        if kind == "in":
            assert field.kind == "enum" and field.choices == rule, (table, column)
        else:
            assert field.kind == "int" and field.low == rule, (table, column)
    # no CHECK on a synced table is left out of the list above
    synced = {"profile", "party", "item", "asset", "listing", "shop_order"}
    assert {k for k in checks if k[0] in synced} == set(SAME_RULE)
    # an entry's lines and depreciation: debit, credit >= 0 and amount > 0, as in the books
    assert checks["line", "debit"] == checks["line", "credit"] == ("low", 0)
    assert checks["depreciation", "amount"] == ("low", 1)
    line = ["1101", 0, 0, "", None]
    for lines, why in (([["1101", -5, 0, "", None], ["4101", 0, -5, "", None]], "debit"),
                       ([line, line], "tepat satu")):
        with pytest.raises(Invalid, match=why):
            check("entry", "insert", {"ref": "X-1", "date": "2026-01-01", "kind": "umum",
                                      "memo": "", "lines": lines})
    entry = {"ref": "X-1", "date": "2026-01-01", "kind": "umum", "memo": "",
             "lines": [["5101", 5, 0, "", None], ["1501", 0, 5, "", None]]}
    with pytest.raises(Invalid, match="penyusutan 1 jumlah"):
        check("entry", "insert", {**entry, "dep": [[entry_id(), "2026-01", 0]]})


def entry_id() -> str:
    return "0192aaaa-0000-7000-8000-000000000002"


@pytest.mark.parametrize(("entity", "name", "good"), [
    ("profile", "type", "dagang"), ("profile", "taxpayer", "badan"),
    ("party", "kind", "pemasok"), ("account", "group", "52")])
def test_an_enum_takes_its_choices_and_nothing_else(entity: str, name: str, good: str) -> None:
    op = "update" if entity == "profile" else "insert"
    extra = {"code": "5205", "name": "Beban lain"} if entity == "account" else {}
    check(entity, op, {**extra, name: good})
    for bad in ("<script>alert(1)</script>", "", "DAGANG", 1, None, ["dagang"]):
        with pytest.raises(Invalid, match=name):
            check(entity, op, {**extra, name: bad})


def test_the_desktop_and_the_mall_share_the_protocols_lists() -> None:
    assert business.BUSINESS_TYPES == entities.BUSINESS_TYPES
    assert business.TAXPAYER_TYPES == entities.TAXPAYER_TYPES
    assert parties.PARTY_KINDS == entities.PARTY_KINDS
    assert tuple(accounts.GROUPS) == entities.ACCOUNT_GROUPS
    assert tuple(catalog.CATEGORIES) == entities.CATEGORIES
    assert tuple(catalog.CERTIFICATES) == entities.CERTIFICATES
    assert tuple(server_orders.PAYMENT) == entities.PAYMENT_METHODS
    # the logo and the QRIS have their own setters (set_logo, save_qris), not profile columns
    assert set(business.EDITABLE) == set(FIELDS["profile"]) - {"logo_sha256", "qris_payload"}
    # one state machine: the desktop offers the steps the mall accepts
    assert desktop_orders.NEXT is rules.ORDER_TRANSITIONS
    assert tuple(desktop_orders.STATUSES) == tuple(server_orders.STATUSES) == rules.ORDER_STATUSES
    # one wire format and one hash
    assert client_wire.payload_hash is wire.payload_hash and client_wire.expand is wire.expand
    from desktop.books.outbox import LWW_ENTITIES
    from server import merge

    assert LWW_ENTITIES is rules.LWW and merge.LWW is rules.LWW
    assert merge.INSERT_ONLY is rules.INSERT_ONLY


def test_the_hash_is_the_same_however_it_is_computed() -> None:
    change = {"entity": "item", "entity_id": "0192aaaa-0000-7000-8000-000000000001",
              "op": "update", "data": {"name": "Kopi Ñ ☕", "price": 1500}}
    text = wire.canonical_data(change["data"])
    assert text == '{"name":"Kopi Ñ ☕","price":1500}'
    # sha256 of the whole change's canonical JSON, worked out once by hand with hashlib
    assert wire.hash_of("item", change["entity_id"], "update", text) == \
        wire.payload_hash(change) == \
        "2813670a24fa75c539fe01b14e7042c40edcdbc4fd3b8261ed2f209316a5bbbb"


@pytest.mark.parametrize("stamp", ["999999999999999:99999:ab",
                                   f"{1_800_000_000_000 + hlc.MAX_SKEW_MS + 1:015d}:00000:ab"])
def test_a_stamp_far_ahead_of_the_server_is_refused(stamp: str) -> None:
    now = 1_800_000_000_000
    with pytest.raises(hlc.BadStamp, match="masa depan"):
        hlc.check(stamp, now_ms=now)
    two_years = f"{now + 2 * 365 * 86_400_000:015d}:00000:ab"  # a PC two years fast still syncs
    assert hlc.check(two_years, now_ms=now)[0] == now + 2 * 365 * 86_400_000


@pytest.mark.parametrize("stamp", ["٠" * 15 + ":00000:ab", "001:00000:ab", "1" * 16 + ":00000:ab",
                                   "001790000000000:00000:", "001790000000000:00000:AB\n"])
def test_a_malformed_stamp_is_refused(stamp: str) -> None:
    with pytest.raises(hlc.BadStamp):
        hlc.decode(stamp)
