"""What the API accepts and answers, as models, so `/openapi.json` describes the real traffic.

The routes build their answers as plain dicts; these models document them, and the
schemathesis run (tests/sync/test_schemathesis.py) checks every answer against them. A pushed
change is documented here but checked by `server.validate`, because one bad change is rejected
on its own rather than failing the whole push.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from protocol import entities
from protocol import hlc as clock

STATUS = Literal["applied", "duplicate", "rejected", "conflict", "waiting"]
_PUSHED: list[JsonValue] = [*sorted(entities.PUSHED)]  # the entities a desktop may push
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class Problem(BaseModel):
    """A refusal, with the reason in Indonesian for the owner to read."""

    detail: str


class ChangeIn(BaseModel):
    """One change as a desktop pushes it (protocol/wire.py; its data: protocol/entities.py)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    change_id: str = Field(pattern=UUID_PATTERN)
    entity: str = Field(json_schema_extra={"enum": _PUSHED})
    entity_id: str = Field(pattern=f"^({UUID_PATTERN[1:-1]}|[0-9a-f]{{64}})$",
                           description="a UUID; a photo's is the sha256 of its JPEG")
    op: Literal["insert", "update", "delete"]
    data: dict[str, Any]
    hlc: str = Field(max_length=clock.MAX_LENGTH, pattern=f"^{clock.STAMP.pattern}$",
                     description="hybrid logical clock: milliseconds, counter, device; at most "
                                 "three years ahead of the server's clock")
    schema_: Literal[1] = Field(alias="schema")


def push_body_schema(max_changes: int) -> dict[str, Any]:
    """The push body for `openapi_extra`: `{"changes": [...]}`, or version 2 with compact rows.

    Written out in full (no `$ref`), since only models used by a route's parameters or
    responses are placed among the schema's components.
    """
    change = ChangeIn.model_json_schema(by_alias=True)
    v1 = {"type": "object", "required": ["changes"], "additionalProperties": False,
          "properties": {"changes": {"type": "array", "items": change,
                                     "maxItems": max_changes}}}
    v2 = {"type": "object", "required": ["v", "device", "batch"], "additionalProperties": False,
          "properties": {"v": {"const": 2}, "device": {"type": "string", "maxLength": 36},
                         "batch": {"type": "array", "maxItems": max_changes,
                                   "items": {"anyOf": [change, {"type": "array"}]}}}}
    return {"required": True, "description": "JSON, gzip-compressed (Content-Encoding: gzip)",
            "content": {"application/json": {"schema": {"anyOf": [v1, v2]}}}}


class PushResult(BaseModel):
    """What became of one pushed change (version 2 lists only those not applied, with `i`)."""

    change_id: str | None
    status: STATUS
    reason: str | None = None
    i: int | None = Field(default=None, description="position in the batch (version 2)")


class PushOut(BaseModel):
    """The answer to a push: per-change results and the business's sequence and epoch."""

    results: list[PushResult]
    seq: int
    epoch: str
    server_time: int = Field(description="milliseconds since 1970 on the server's clock")
    v: int | None = None
    applied: int | None = Field(default=None, description="changes applied (version 2)")


class PulledChange(BaseModel):
    """A change from another device of the business, with the sequence the server gave it."""

    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    data: dict[str, Any]
    hlc: str
    device_id: str
    received_at: str


class PullOut(BaseModel):
    """One page of changes after a cursor, and the cursor to ask from next."""

    epoch: str
    next: int
    has_more: bool
    server_time: int
    changes: list[PulledChange]


class BusinessRef(BaseModel):
    """The business a login or token belongs to."""

    id: str
    name: str
    slug: str
    book_id: str | None
    epoch: str


class BusinessOut(BusinessRef):
    """This device's business, its sequence, and which device this is."""

    seq: int
    device_id: str
    device_number: int


class DeviceToken(BaseModel):
    """A new device's token (shown once) and its business."""

    token: str
    device_id: str
    device_number: int
    business: BusinessRef


class Health(BaseModel):
    """The server is up and its database answers."""

    status: Literal["ok"]
    database: str


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for refusals that carry a `detail` reason."""
    return {code: {"model": Problem, "description": _REASONS[code]} for code in codes}


_REASONS = {
    400: "The body is not JSON, or not gzip that opens",
    401: "No token, or the token or login is wrong or revoked",
    403: "Not a business login, or an id of another business",
    404: "Nothing to restore yet",
    409: "The books are linked to another account",
    413: "The body is too large, or holds too many changes",
    422: "The body is not a sync body, or its cursor is out of range",
    429: "Too many logins; try again later",
}
