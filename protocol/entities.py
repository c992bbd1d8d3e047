"""Every synced entity's fields: their types, enums and bounds (protocol/README.md, "Entities").

These are the bounds the desktop's books enforce (CHECK constraints in
desktop/books/store/schema.py; tests/protocol/test_entities.py holds the two together). The
server refuses a change that breaks one (`check`), because a change it stores is pulled by
every other PC of the business, and one that a PC cannot store would stop its sync. A desktop
runs the same `check` on what it pulls and sets aside what fails (sync_client/apply.py).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from protocol import dinas as _dinas
from protocol.rules import ORDER_STATUSES

MAX_TEXT = 2000
MAX_AMOUNT = 10**15  # sen: ten trillion rupiah
MAX_PRICE = 10**13   # sen: a hundred billion rupiah (a listing's price)
SHA256 = re.compile(r"[0-9a-f]{64}")
ACCOUNT_CODE = re.compile(r"[0-9]{4}")

BUSINESS_TYPES = ("dagang", "produksi", "jasa")
TAXPAYER_TYPES = ("orang-pribadi", "badan")
PARTY_KINDS = ("pelanggan", "pemasok", "lainnya")
ACCOUNT_GROUPS = ("11", "12", "13", "14", "15", "21", "22", "31", "32", "41", "42", "51", "52",
                  "53", "54")
CATEGORIES = ("makanan-olahan", "kain-tenun", "kerajinan", "minuman", "pertanian", "lainnya")
CERTIFICATES = ("halal", "pirt", "sni")
PAYMENT_METHODS = ("transfer", "qris", "cod")
CURATION_STATES = ("menunggu", "tayang", "ditolak")


class Invalid(ValueError):
    """A change that breaks the protocol; the message names the field, for the owner."""


@dataclass(frozen=True)
class Field:
    """One field: its kind and bounds. `kind` is text, int, bool, date, uuid, sha256, enum,
    account (a four-digit code), photos (up to five sha256) or certificates."""

    kind: str
    limit: int = MAX_TEXT            # text: most characters
    low: int = 0                     # int: smallest
    high: int = MAX_AMOUNT           # int: largest
    choices: tuple[str, ...] = ()    # enum
    nullable: bool = False


TEXT = Field("text")
MONEY = Field("int")
COUNT = Field("int")
FLAG = Field("bool")
DAY = Field("date")


def _enum(*choices: str) -> Field:
    return Field("enum", choices=choices)


PROFILE = {
    "name": TEXT, "owner": TEXT, "type": _enum(*BUSINESS_TYPES), "address": TEXT, "desa": TEXT,
    "kecamatan": TEXT, "kabupaten": TEXT, "provinsi": TEXT, "phone": TEXT, "email": TEXT,
    "category": TEXT, "nib": TEXT, "npwp": TEXT, "pirt": TEXT,
    "taxpayer": _enum(*TAXPAYER_TYPES), "halal": TEXT, "sni": TEXT,
    "logo_sha256": Field("sha256", nullable=True), "payment_transfer": TEXT,
    "payment_qris": TEXT, "payment_cod": TEXT,
    # The owner's static QRIS (protocol/qris.py), shown on the buyer's order page.
    "qris_payload": Field("text", limit=512),
}
FIELDS: dict[str, dict[str, Field]] = {
    "profile": PROFILE,
    "item": {"sku": TEXT, "name": TEXT, "unit": TEXT, "category": TEXT, "price": MONEY,
             "account": Field("account"), "min_qty": COUNT, "active": FLAG,
             "barcode": Field("text", limit=40)},
    "party": {"name": TEXT, "kind": _enum(*PARTY_KINDS), "phone": TEXT, "address": TEXT,
              "opening_due": Field("date", nullable=True)},
    "account": {"code": Field("account"), "name": TEXT, "group": _enum(*ACCOUNT_GROUPS),
                "active": FLAG},
    "asset": {"name": TEXT, "account": Field("account"), "acquired": DAY,
              "cost": Field("int", low=1), "residual": MONEY, "life_months": COUNT,
              "opening_depreciation": MONEY, "entry": Field("uuid", nullable=True)},
    "period": {"through": DAY},
    "listing": {
        "item": Field("uuid"), "sku": Field("text", limit=40), "slug": Field("text", limit=90),
        "title": Field("text", limit=120), "description": Field("text", limit=4000),
        "category": _enum(*CATEGORIES), "price": Field("int", low=1, high=MAX_PRICE),
        "promo_price": Field("int", low=1, high=MAX_PRICE, nullable=True),
        "promo_start": Field("date", nullable=True), "promo_end": Field("date", nullable=True),
        "weight_grams": Field("int", high=MAX_PRICE), "return_policy": Field("text", limit=1000),
        "certificates": Field("certificates"), "published": FLAG, "photos": Field("photos"),
        "stock": Field("int", high=MAX_PRICE, nullable=True)},
    "photo": {"jpeg": Field("text", limit=1_000_000), "width": Field("int", low=1, high=1024),
              "height": Field("int", low=1, high=1024)},
    "order_status": {"order": Field("uuid"), "from": _enum(*ORDER_STATUSES),
                     "to": _enum(*ORDER_STATUSES), "reason": Field("text", limit=300),
                     "courier": Field("text", limit=60), "resi": Field("text", limit=60),
                     "paid": FLAG, "sale_ref": Field("text", limit=40),
                     "payment_ref": Field("text", limit=40)},
    "answer": {"question": Field("uuid"), "answer": Field("text", limit=2000)},
    # Made by the server, pulled by the desktop.
    "order": {"code": Field("text", limit=12), "listing": Field("uuid", nullable=True),
              "sku": Field("text", limit=40), "title": Field("text", limit=120),
              "qty": Field("int", low=1), "unit_price": MONEY, "total": MONEY,
              "buyer_name": Field("text", limit=100), "buyer_phone": Field("text", limit=20),
              "address": Field("text", limit=500), "payment_method": _enum(*PAYMENT_METHODS),
              "status": _enum(*ORDER_STATUSES), "created_at": Field("text", limit=40)},
    "question": {"listing": Field("uuid"), "name": Field("text", limit=100),
                 "question": Field("text", limit=1000), "created_at": Field("text", limit=40)},
    # A state this desktop does not know yet is ignored on apply, not refused.
    "curation": {"state": Field("text", limit=20), "reason": Field("text", limit=500)},
}
# What each entity may do; `entry` has its own shape (`check_entry`).
OPS: dict[str, frozenset[str]] = {
    "entry": frozenset({"insert"}), "asset": frozenset({"insert"}),
    "period": frozenset({"update"}), "profile": frozenset({"update"}),
    "item": frozenset({"insert", "update"}), "party": frozenset({"insert", "update"}),
    "account": frozenset({"insert", "update", "delete"}),
    "listing": frozenset({"insert", "update"}), "photo": frozenset({"insert"}),
    "order_status": frozenset({"insert"}), "answer": frozenset({"insert"}),
    "order": frozenset({"insert"}), "question": frozenset({"insert", "delete"}),
    "curation": frozenset({"update"}),
}
PUSHED = frozenset(OPS) - {"order", "question", "curation"}  # the server makes these three
# Fields a desktop cannot apply a change without (sync_client/apply.py reads them directly).
REQUIRED: dict[tuple[str, str], frozenset[str]] = {
    ("period", "update"): frozenset({"through"}),
    ("item", "insert"): frozenset({"sku", "name", "unit"}),
    ("asset", "insert"): frozenset({"name", "account", "acquired", "cost", "residual",
                                    "life_months"}),
    ("account", "insert"): frozenset({"code", "name", "group"}),
    ("account", "update"): frozenset({"code"}),
    ("account", "delete"): frozenset({"code"}),
    ("listing", "insert"): frozenset({"item", "slug", "title", "category", "price"}),
    ("photo", "insert"): frozenset({"jpeg", "width", "height"}),
    ("order_status", "insert"): frozenset({"order", "from", "to"}),
    ("answer", "insert"): frozenset({"question", "answer"}),
    ("order", "insert"): frozenset({"code", "sku", "qty", "unit_price", "total", "buyer_name",
                                    "buyer_phone", "address", "payment_method"}),
    ("question", "insert"): frozenset({"listing", "name", "question"}),
    ("curation", "update"): frozenset({"state"}),
}
ENTRY_KEYS = frozenset({"ref", "date", "kind", "memo", "party", "due", "reverses", "disposal", "reason",
                        "lines", "moves", "dep", "nota"})
MAX_LINES = 500


def check(entity: str, op: str, data: Any) -> None:
    """Raise Invalid unless `data` is what `entity` may carry for `op`."""
    if op not in OPS.get(entity, ()):
        raise Invalid(f"'{op}' pada '{entity}' tidak dikenal"[:200])
    if not isinstance(data, dict):
        raise Invalid("'data' harus objek")
    if entity == "entry":
        check_entry(data)
        return
    spec = FIELDS[entity]
    unknown = set(data) - set(spec)
    if unknown:
        raise Invalid(f"kolom tidak dikenal: {', '.join(sorted(map(str, unknown)))}"[:200])
    for name, value in data.items():
        check_field(name, spec[name], value)
    missing = REQUIRED.get((entity, op), frozenset()) - set(data)
    if missing:
        raise Invalid(f"kolom wajib tidak ada: {', '.join(sorted(missing))}")


def check_field(name: str, field: Field, value: Any) -> None:
    """Raise Invalid unless `value` fits `field`."""
    if value is None and field.nullable:
        return
    _CHECKS[field.kind](name, field, value)


def _text(name: str, field: Field, value: Any) -> None:
    if not isinstance(value, str) or len(value) > field.limit:
        raise Invalid(f"'{name}' harus teks (maks. {field.limit})")


def _int(name: str, field: Field, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) \
            or not field.low <= value <= field.high:
        raise Invalid(f"'{name}' harus bilangan bulat {field.low} sampai {field.high}, "
                      f"bukan {value!r}"[:200])


def _bool(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, bool | int) or value not in (0, 1):
        raise Invalid(f"'{name}' harus true/false")


def _date(name: str, _field: Field, value: Any) -> None:
    try:
        if not isinstance(value, str) or not value.isascii() or len(value) != 10:
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"'{name}' harus tanggal YYYY-MM-DD") from None


def _uuid(name: str, _field: Field, value: Any) -> None:
    try:
        if not isinstance(value, str) or len(value) != 36:
            raise ValueError
        uuid.UUID(value)
    except ValueError:
        raise Invalid(f"'{name}' harus UUID") from None


def _sha256(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, str) or not SHA256.fullmatch(value):
        raise Invalid(f"'{name}' harus sha256")


def _enum_check(name: str, field: Field, value: Any) -> None:
    if value not in field.choices or not isinstance(value, str):
        raise Invalid(f"'{name}' harus salah satu dari: {', '.join(field.choices)}"[:200])


def _account(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, str) or not ACCOUNT_CODE.fullmatch(value):
        raise Invalid(f"'{name}': kode akun harus 4 angka")


def _photos(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, list) or len(value) > 5 or not all(
            isinstance(v, str) and SHA256.fullmatch(v) for v in value):
        raise Invalid(f"'{name}' harus daftar sha256 (maks. 5)")


def _certificates(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) \
            or not set(value) <= set(CERTIFICATES):
        raise Invalid(f"'{name}' hanya boleh {', '.join(CERTIFICATES)}")


_CHECKS: dict[str, Callable[[str, Field, Any], None]] = {
    "text": _text, "int": _int, "bool": _bool, "date": _date, "uuid": _uuid,
    "sha256": _sha256, "enum": _enum_check, "account": _account, "photos": _photos,
    "certificates": _certificates}
_LINE_MEMO = Field("text")
_AMOUNT = Field("int")
_SIGNED = Field("int", low=-MAX_AMOUNT)
_PARTY = Field("uuid")
# An entry's fields, made once (check_entry runs for every pushed and pulled entry).
REF_LIMIT, KIND_LIMIT = 60, 40  # an entry's ref and kind, most characters
_REF, _KIND = Field("text", limit=REF_LIMIT), Field("text", limit=KIND_LIMIT)
_REASON, _SOME_ID, _DUE = Field("text", nullable=True), Field("uuid", nullable=True), \
    Field("date", nullable=True)
_ACCOUNT = Field("account")
_MOVES = (("barang", _PARTY), ("jumlah", _SIGNED), ("nilai", _SIGNED))
_DEP = (("aset", _PARTY), ("bulan", Field("text", limit=10)), ("jumlah", Field("int", low=1)))
# Checked only when present and not null (each is nullable: null passes).
_OPTIONAL = (("reason", _REASON), ("party", _SOME_ID), ("reverses", _SOME_ID),
             ("disposal", _SOME_ID), ("due", _DUE))


def check_entry(d: dict[str, Any]) -> None:
    """An entry: known keys, a date, 2 to 500 lines, one side per line, debit = credit.

    Every push and pull checks thousands of entries, so the usual values pass an inline test
    and only a value that fails it goes through `check_field` (which names what is wrong):
    the same values pass and fail, with the same reasons, as through `check_field` alone.
    """
    unknown = d.keys() - ENTRY_KEYS
    if unknown:
        raise Invalid(f"kolom jurnal tidak dikenal: {', '.join(sorted(map(str, unknown)))}"[:200])
    ref, kind, day, memo = d.get("ref"), d.get("kind"), d.get("date"), d.get("memo", "")
    if type(ref) is not str or len(ref) > _REF.limit:
        check_field("ref", _REF, ref)
    if type(kind) is not str or len(kind) > _KIND.limit:
        check_field("kind", _KIND, kind)
    check_field("date", DAY, day)
    if type(memo) is not str or len(memo) > MAX_TEXT:
        check_field("memo", TEXT, memo)
    for key, field in _OPTIONAL:
        value = d.get(key)
        if value is not None:
            check_field(key, field, value)
    lines = d.get("lines")
    if not isinstance(lines, list) or not 2 <= len(lines) <= MAX_LINES:
        raise Invalid(f"jurnal butuh 2 sampai {MAX_LINES} baris")
    debit = credit = 0
    for n, line in enumerate(lines, 1):
        if not isinstance(line, list) or len(line) != 5:
            raise Invalid(f"baris {n} harus [akun, debit, kredit, memo, pihak]")
        account, dr, cr, memo, party = line
        if type(account) is not str or not ACCOUNT_CODE.fullmatch(account):
            check_field(f"baris {n} akun", _ACCOUNT, account)
        if type(dr) is not int or not 0 <= dr <= MAX_AMOUNT:
            check_field(f"baris {n} debit", _AMOUNT, dr)
        if type(cr) is not int or not 0 <= cr <= MAX_AMOUNT:
            check_field(f"baris {n} kredit", _AMOUNT, cr)
        if (dr > 0) == (cr > 0):
            raise Invalid(f"baris {n}: tepat satu dari debit atau kredit harus lebih dari nol")
        if type(memo) is not str or len(memo) > MAX_TEXT:
            check_field(f"baris {n} memo", _LINE_MEMO, memo)
        if party not in (None, ""):
            check_field(f"baris {n} pihak", _PARTY, party)
        debit, credit = debit + dr, credit + cr
    if debit != credit:
        raise Invalid(f"jurnal tidak seimbang: debit {debit} sen, kredit {credit} sen")
    if "moves" in d:
        _rows(d["moves"], "gerak stok", "[barang, jumlah, nilai]", _MOVES)
    if "dep" in d:
        _rows(d["dep"], "penyusutan", "[aset, bulan, jumlah]", _DEP)
    if "nota" in d:
        check_nota(d["nota"])


def _rows(rows: Any, label: str, shape: str, columns: tuple[tuple[str, Field], ...]) -> None:
    if not isinstance(rows, list) or len(rows) > MAX_LINES:
        raise Invalid(f"{label} harus daftar (maks. {MAX_LINES})")
    for n, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise Invalid(f"{label} {n} harus {shape}")
        for (name, field), value in zip(columns, row, strict=True):
            check_field(f"{label} {n} {name}", field, value)


def references(entity: str, data: dict[str, Any]) -> set[str]:
    """Ids of other entities a change points at (they must belong to the same business)."""
    if entity == "entry":
        refs = {line[4] for line in data["lines"]}
        refs.update((data.get("party"), data.get("reverses"), data.get("disposal")))
        if "moves" in data:  # the rest only when present (most entries have none)
            refs.update(move[0] for move in data["moves"])
        if "dep" in data:
            refs.update(dep[0] for dep in data["dep"])
        if data.get("nota"):
            refs.update(line[0] for line in data["nota"].get("lines", []))
        refs.discard(None)
        refs.discard("")
        return refs
    if entity == "asset" and data.get("entry"):
        return {data["entry"]}
    if entity == "listing" and data.get("item"):
        return {data["item"]}
    return set()


# Issue 13: a sale or purchase of several lines (a nota) carries them with its entry as
#   "nota": {"channel": one of CHANNELS or null, "discount": sen off the whole nota,
#            "total": sen, "lines": [[item id or null, name, qty, price, discount, total]]}
# qty in thousandths, price in sen per unit; a line without an item is a service. The
# desktop books it with the same rule (desktop/books/nota.py), so both sides agree on totals.
CHANNELS = _dinas.CHANNELS
MAX_NOTA_LINES = 200
NOTA_KEYS = frozenset({"channel", "discount", "total", "lines"})
_NOTA_COLUMNS = (("barang", Field("uuid", nullable=True)), ("nama", Field("text", limit=200)),
                 ("jumlah", Field("int", low=1)), ("harga", MONEY), ("potongan", MONEY),
                 ("total", MONEY))


def nota_line_total(qty: int, price: int, discount: int) -> int:
    """A line's amount in sen: price x qty to whole rupiah (half up), less its discount."""
    whole, rest = divmod(price * qty, 1000 * 100)
    return (whole + (2 * rest >= 1000 * 100)) * 100 - discount


def check_nota(nota: Any) -> None:
    """A nota: known keys, up to MAX_NOTA_LINES lines whose totals add up to the nota's."""
    if not isinstance(nota, dict) or set(nota) - NOTA_KEYS or "lines" not in nota:
        raise Invalid("nota harus objek {channel, discount, total, lines}")
    check_field("saluran", Field("enum", choices=CHANNELS, nullable=True), nota.get("channel"))
    check_field("potongan nota", MONEY, nota.get("discount", 0))
    check_field("total nota", MONEY, nota.get("total"))
    lines = nota["lines"]
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_NOTA_LINES:
        raise Invalid(f"nota butuh 1 sampai {MAX_NOTA_LINES} baris")
    _rows(lines, "baris nota", "[barang, nama, jumlah, harga, potongan, total]", _NOTA_COLUMNS)
    for n, (_item, _name, qty, price, discount, total) in enumerate(lines, 1):
        if nota_line_total(qty, price, discount) != total:
            raise Invalid(f"baris nota {n}: total {total} bukan jumlah x harga - potongan")
    if sum(line[5] for line in lines) - nota.get("discount", 0) != nota["total"]:
        raise Invalid("total nota bukan jumlah baris dikurangi potongan")
# Issue 16: what the Dinas may see, only with the owner's consent (protocol/dinas.py).

_SIGNED_MONEY = Field("int", low=-MAX_AMOUNT)
_CERT_FIELDS = {f"{c}_{part}": (Field("text", limit=60) if part == "no"
                                else Field("date", nullable=True))
                for c in _dinas.DINAS_CERTIFICATES for part in ("no", "until")}
FIELDS.update({
    # entity_id: the business's profile id.
    "consent": {"dinas": _enum(*_dinas.CONSENT_LEVELS)},
    # entity_id: uuid5 of the business's profile id and the month (desktop/books/dinas_summary.py).
    "summary": {
        "month": Field("month"), "omzet": _SIGNED_MONEY, "hpp": _SIGNED_MONEY,
        "laba": _SIGNED_MONEY, "kas": _SIGNED_MONEY, "aset": _SIGNED_MONEY,
        "utang": _SIGNED_MONEY, "modal": _SIGNED_MONEY, "notas": COUNT,
        "channels": Field("channels"), "tenaga_kerja": COUNT,
        "kelas": _enum(*_dinas.SIZE_CLASSES), "tahap": _enum(*_dinas.STAGES)},
    # entity_id: the business's profile id.
    "dinas_profile": {
        "paid_women": COUNT, "paid_men": COUNT, "family_women": COUNT, "family_men": COUNT,
        "modal_own": MONEY, "modal_borrowed": MONEY,
        "founded": Field("int", nullable=True, low=1900, high=2100),
        "capacity": COUNT, "capacity_unit": Field("text", limit=30),
        "materials": Field("materials"), "market_area": _enum(*_dinas.MARKET_AREAS),
        "owner_gender": _enum(*_dinas.GENDERS), "owner_age": _enum(*_dinas.AGE_GROUPS),
        "pendamping": Field("text", limit=100), **_CERT_FIELDS},
})
OPS.update({"consent": frozenset({"update"}), "summary": frozenset({"update"}),
            "dinas_profile": frozenset({"update"})})
PUSHED = PUSHED | {"consent", "summary", "dinas_profile"}
REQUIRED.update({("consent", "update"): frozenset({"dinas"}),
                 ("summary", "update"): frozenset(FIELDS["summary"])})
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
MAX_MATERIALS = 10


def _month(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, str) or not MONTH.fullmatch(value):
        raise Invalid(f"'{name}' harus bulan YYYY-MM")


def _channels(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, dict) or not set(value) <= set(_dinas.CHANNELS):
        raise Invalid(f"'{name}' hanya boleh saluran {', '.join(_dinas.CHANNELS)}")
    for channel, amount in value.items():
        _int(f"{name}.{channel}", _SIGNED_MONEY, amount)


def _materials(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, list) or len(value) > MAX_MATERIALS:
        raise Invalid(f"'{name}' harus daftar (maks. {MAX_MATERIALS})")
    for n, row in enumerate(value, 1):
        if not isinstance(row, list) or len(row) != 3:
            raise Invalid(f"'{name}' {n} harus [bahan, asal, persen]")
        _text(f"{name} {n} bahan", Field("text", limit=60), row[0])
        _enum_check(f"{name} {n} asal", _enum(*_dinas.RAW_SOURCES), row[1])
        _int(f"{name} {n} persen", Field("int", high=100), row[2])


_CHECKS.update({"month": _month, "channels": _channels, "materials": _materials})

# Issue 13: a mall order of several products of one seller. A one-product order carries no
# `lines` (older desktops keep taking it; they set a many-line order aside, unknown field),
# and its total stays qty x price to the sen.
MAX_ORDER_LINES = 20
ORDER_LINE_SHAPE = "[listing, sku, title, qty, unit_price, total]"
_ORDER_LINE_COLUMNS = (("listing", Field("uuid", nullable=True)), ("sku", Field("text", limit=40)),
                       ("title", Field("text", limit=120)), ("qty", Field("int", low=1)),
                       ("unit_price", MONEY), ("total", MONEY))


def _order_lines(name: str, _field: Field, value: Any) -> None:
    if not isinstance(value, list) or not 2 <= len(value) <= MAX_ORDER_LINES:
        raise Invalid(f"'{name}' harus 2 sampai {MAX_ORDER_LINES} baris")
    _rows(value, "baris pesanan", ORDER_LINE_SHAPE, _ORDER_LINE_COLUMNS)
    for n, row in enumerate(value, 1):
        if order_line_total(row[3], row[4]) != row[5]:
            raise Invalid(f"baris pesanan {n}: total bukan jumlah x harga")


def order_line_total(qty: int, price: int) -> int:
    """A line of a many-product order in sen, as the desktop's nota will total it (whole
    rupiah, half up; the same as qty x price for a price in whole rupiah)."""
    return nota_line_total(qty * 1000, price, 0)


FIELDS["order"]["lines"] = Field("order_lines")
_CHECKS["order_lines"] = _order_lines
