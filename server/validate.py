"""Strict checks of every pushed change before anything is stored.

The fields, types, enums and bounds are protocol/entities.py's, the same the desktop's books
enforce: a change the server stores is pulled by every other PC of the business, so anything
a PC could not store is refused here (protocol/README.md, "Entities").
"""

from __future__ import annotations

import re
import time
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

from protocol import entities
from protocol import hlc as clock
from protocol.entities import Invalid, references
from protocol.wire import SCHEMA
from server.validate_shop import ShopReject, check_photo

SHA256 = re.compile(r"^[0-9a-f]{64}$")
__all__ = ["Envelope", "Reject", "envelope", "references"]


class Envelope(BaseModel):
    """The parts every change has."""

    model_config = ConfigDict(extra="forbid", strict=True)
    change_id: str
    entity: str
    entity_id: str
    op: str
    data: dict[str, Any]
    hlc: str = Field(max_length=clock.MAX_LENGTH)
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


def envelope(raw: Any, *, now_ms: int | None = None) -> Envelope:
    """Parse a change's frame and data; Reject with a short reason when it breaks the protocol.

    `now_ms` is the server's clock: a stamp further ahead than `clock.MAX_SKEW_MS` is refused.
    """
    if not isinstance(raw, dict):
        raise Reject("perubahan harus objek JSON")
    try:
        change = Envelope.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Reject(f"kolom '{where}': {first['msg']}") from None
    if change.schema_ != SCHEMA:
        raise Reject(f"versi skema {change.schema_} tidak dikenal")
    if change.entity not in entities.PUSHED:
        raise Reject(f"'{change.op}' pada '{change.entity}' tidak dikenal"[:200])
    try:
        clock.check(change.hlc, now_ms=int(time.time() * 1000) if now_ms is None else now_ms)
    except clock.BadStamp as exc:
        raise Reject(f"stempel waktu (hlc) tidak sah: {exc}"[:200]) from None
    if (change.entity == "photo") != bool(SHA256.fullmatch(change.entity_id)):
        raise Reject("kolom 'entity_id': foto bernama sha256, yang lain UUID")
    try:
        entities.check(change.entity, change.op, change.data)
        if change.entity == "photo":
            check_photo(change.entity_id, change.data)
    except (Invalid, ShopReject) as exc:
        raise Reject(str(exc)) from None
    return change


def check_data(entity: str, data: dict[str, Any], *, op: str = "update") -> None:
    """Field names, types and bounds of one entity's data (Reject when they break one)."""
    try:
        entities.check(entity, op, data)
    except Invalid as exc:
        raise Reject(str(exc)) from None
