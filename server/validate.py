"""Strict checks of every pushed change before anything is stored."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from server.validate_shop import FIELDS as SHOP_FIELDS
from server.validate_shop import ShopReject, check_shop

SHA256 = re.compile(r"^[0-9a-f]{64}$")
HLC = re.compile(r"^[0-9]{15}:[0-9]{5}:[0-9a-f-]{1,36}$")  # ASCII digits: stamps sort as text
ENTITIES = {
    "entry": {"insert"}, "asset": {"insert"}, "period": {"update"},
    "profile": {"update"}, "item": {"insert", "update"}, "party": {"insert", "update"},
    "account": {"insert", "update", "delete"},
    "listing": {"insert", "update"}, "photo": {"insert"}, "order_status": {"insert"},
    "answer": {"insert"},
}
PROFILE_FIELDS = {"name", "owner", "type", "address", "desa", "kecamatan", "kabupaten",
                  "provinsi", "phone", "email", "category", "nib", "npwp", "pirt", "taxpayer",
                  "halal", "sni", "logo_sha256", "payment_transfer", "payment_qris",
                  "payment_cod"}
FIELDS = {
    "profile": PROFILE_FIELDS,
    "item": {"sku", "name", "unit", "category", "price", "account", "min_qty", "active"},
    "party": {"name", "kind", "phone", "address"},
    "account": {"code", "name", "group", "active"},
    "asset": {"name", "account", "acquired", "cost", "residual", "life_months",
              "opening_depreciation", "entry"},
    "period": {"through"},
}
# Fields a desktop cannot apply a change without (sync_client/apply.py reads them directly):
# storing a change that lacks one would break every other device's pull, not just this push.
REQUIRED = {
    ("period", "update"): {"through"},
    ("item", "insert"): {"sku", "name", "unit"},
    ("asset", "insert"): {"name", "account", "acquired", "cost", "residual", "life_months"},
    ("account", "insert"): {"code", "name", "group"},
    ("account", "update"): {"code"},
    ("account", "delete"): {"code"},
}
MAX_TEXT = 2000
MAX_AMOUNT = 10**15  # sen: ten trillion rupiah


class Envelope(BaseModel):
    """The parts every change has."""

    model_config = ConfigDict(extra="forbid", strict=True)
    change_id: str
    entity: str
    entity_id: str
    op: str
    data: dict[str, Any]
    hlc: str = Field(max_length=80)
    schema_: int = Field(alias="schema")

    @field_validator("change_id", "entity_id")
    @classmethod
    def _uuid(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "entity_id" and SHA256.fullmatch(value):
            return value  # a photo is named by its content (checked with it in envelope())
        if len(value) != 36 or str(uuid.UUID(value)) != value:
            raise ValueError("harus UUID")
        return value


class Reject(ValueError):
    """A change refused, with the reason the owner will read."""


def envelope(raw: Any) -> Envelope:
    """Parse a change's frame; Reject with a short reason when it is malformed."""
    if not isinstance(raw, dict):
        raise Reject("perubahan harus objek JSON")
    try:
        change = Envelope.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Reject(f"kolom '{where}': {first['msg']}") from None
    if change.schema_ != 1:
        raise Reject(f"versi skema {change.schema_} tidak dikenal")
    if change.op not in ENTITIES.get(change.entity, ()):
        raise Reject(f"'{change.op}' pada '{change.entity}' tidak dikenal")
    if not HLC.fullmatch(change.hlc):
        raise Reject("stempel waktu (hlc) tidak sah")
    if (change.entity == "photo") != bool(SHA256.fullmatch(change.entity_id)):
        raise Reject("kolom 'entity_id': foto bernama sha256, yang lain UUID")
    if change.entity in SHOP_FIELDS:
        try:
            check_shop(change.entity, change.entity_id, change.op, change.data)
        except ShopReject as exc:
            raise Reject(str(exc)) from None
        return change
    check_data(change.entity, change.data, op=change.op)
    return change


def _text(value: Any, name: str, *, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise Reject(f"'{name}' harus teks (maks. {limit})")
    return value


def _int(value: Any, name: str, *, low: int = -MAX_AMOUNT) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_AMOUNT:
        raise Reject(f"'{name}' harus bilangan bulat, bukan {value!r}"[:200])
    return value


def _date(value: Any, name: str) -> None:
    try:
        dt.date.fromisoformat(_text(value, name, limit=10))
    except ValueError:
        raise Reject(f"'{name}' harus tanggal YYYY-MM-DD") from None


def _uuid(value: Any, name: str) -> str:
    text = _text(value, name, limit=36)
    try:
        uuid.UUID(text)
    except ValueError:
        raise Reject(f"'{name}' harus UUID") from None
    return text


def check_data(entity: str, data: dict[str, Any], *, op: str = "update") -> None:
    """Field names and types per entity, and the fields its `op` needs; entries must balance."""
    if entity == "entry":
        check_entry(data)
        return
    unknown = set(data) - FIELDS[entity]
    if unknown:
        raise Reject(f"kolom tidak dikenal: {', '.join(sorted(unknown))}"[:200])
    for key, value in data.items():
        if key in {"price", "min_qty", "cost", "residual", "life_months", "opening_depreciation"}:
            _int(value, key, low=0)
        elif key == "active":
            if not isinstance(value, bool):
                raise Reject("'active' harus true/false")
        elif key in {"acquired", "through"}:
            _date(value, key)
        elif key == "entry":
            if value is not None:
                _uuid(value, key)
        elif key == "logo_sha256":
            if value is not None and not re.fullmatch(r"[0-9a-f]{64}", str(value)):
                raise Reject("'logo_sha256' tidak sah")
        else:
            _text(value, key)
    missing = REQUIRED.get((entity, op), set()) - set(data)
    if missing:
        raise Reject(f"kolom wajib tidak ada: {', '.join(sorted(missing))}")


def check_entry(d: dict[str, Any]) -> None:
    """An entry: known keys, a date, at least two lines, one side per line, debit = credit."""
    unknown = set(d) - {"ref", "date", "kind", "memo", "party", "due", "reverses", "reason",
                        "lines", "moves", "dep", "disposal"}
    if unknown:
        raise Reject(f"kolom jurnal tidak dikenal: {', '.join(sorted(unknown))}"[:200])
    _text(d.get("ref"), "ref", limit=60)
    _text(d.get("kind"), "kind", limit=40)
    _date(d.get("date"), "date")
    _text(d.get("memo", ""), "memo")
    for key in ("party", "reverses", "disposal"):
        if d.get(key) is not None:
            _uuid(d[key], key)
    if d.get("due") is not None:
        _date(d["due"], "due")
    lines = d.get("lines")
    if not isinstance(lines, list) or not 2 <= len(lines) <= 500:
        raise Reject("jurnal butuh 2 sampai 500 baris")
    debit = credit = 0
    for n, line in enumerate(lines, 1):
        if not isinstance(line, list) or len(line) != 5:
            raise Reject(f"baris {n} harus [akun, debit, kredit, memo, pihak]")
        account, dr, cr, memo, party = line
        if not (isinstance(account, str) and re.fullmatch(r"[0-9]{4}", account)):
            raise Reject(f"baris {n}: kode akun '{account}' harus 4 angka"[:200])
        dr, cr = _int(dr, f"baris {n} debit", low=0), _int(cr, f"baris {n} kredit", low=0)
        if (dr > 0) == (cr > 0):
            raise Reject(f"baris {n}: tepat satu dari debit atau kredit harus lebih dari nol")
        _text(memo, f"baris {n} memo")
        if party not in (None, ""):
            _uuid(party, f"baris {n} pihak")
        debit, credit = debit + dr, credit + cr
    if debit != credit:
        raise Reject(f"jurnal tidak seimbang: debit {debit} sen, kredit {credit} sen")
    for n, move in enumerate(d.get("moves", []), 1):
        if not isinstance(move, list) or len(move) != 3:
            raise Reject(f"gerak stok {n} harus [barang, jumlah, nilai]")
        _uuid(move[0], f"gerak stok {n} barang")
        _int(move[1], f"gerak stok {n} jumlah")
        _int(move[2], f"gerak stok {n} nilai")
    for n, dep in enumerate(d.get("dep", []), 1):
        if not isinstance(dep, list) or len(dep) != 3:
            raise Reject(f"penyusutan {n} harus [aset, bulan, jumlah]")
        _uuid(dep[0], f"penyusutan {n} aset")
        _text(dep[1], f"penyusutan {n} bulan", limit=10)
        _int(dep[2], f"penyusutan {n} jumlah", low=1)


def references(entity: str, data: dict[str, Any]) -> set[str]:
    """Ids of other entities a change points at (they must belong to the same business)."""
    if entity == "entry":
        refs = {data.get("party"), data.get("reverses"), data.get("disposal")}
        refs |= {line[4] for line in data["lines"]}
        refs |= {move[0] for move in data.get("moves", [])}
        refs |= {dep[0] for dep in data.get("dep", [])}
        return {r for r in refs if r}
    if entity == "asset" and data.get("entry"):
        return {data["entry"]}
    if entity == "listing" and data.get("item"):
        return {data["item"]}
    return set()
