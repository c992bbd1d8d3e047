"""Pushed shop changes are checked before anything is stored."""

from __future__ import annotations

import base64
import hashlib
import uuid

import pytest

from server.validate import Reject, envelope

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 500
SHA = hashlib.sha256(JPEG).hexdigest()
HLC = "001800000000000:00000:abc"


def change(entity: str, entity_id: str, data: dict[str, object], op: str = "insert",
           change_id: str | None = None) -> dict[str, object]:
    return {"change_id": change_id or str(uuid.uuid4()), "entity": entity,
            "entity_id": entity_id, "op": op, "data": data, "hlc": HLC, "schema": 1}


def photo(data: bytes = JPEG, sha: str = SHA) -> dict[str, object]:
    return change("photo", sha, {"jpeg": base64.b64encode(data).decode(), "width": 800,
                                 "height": 600})


def test_a_photo_is_accepted_only_with_its_own_sha256() -> None:
    assert envelope(photo()).entity_id == SHA
    with pytest.raises(Reject, match="tidak cocok"):
        envelope(photo(JPEG + b"x"))
    with pytest.raises(Reject, match="JPEG"):
        png = b"\x89PNG" + b"0" * 10
        envelope(photo(png, hashlib.sha256(png).hexdigest()))


@pytest.mark.parametrize(("raw", "reason"), [
    (change("listing", SHA, {"title": "x"}), "sha256, yang lain UUID"),
    (change("photo", str(uuid.uuid4()), {"jpeg": "", "width": 1, "height": 1}),
     "sha256, yang lain UUID"),
    (change("listing", str(uuid.uuid4()), {"title": "x"}, change_id=SHA), "UUID"),
    (change("listing", str(uuid.uuid4()), {"item": str(uuid.uuid4()), "slug": "a",
                                           "title": "t", "category": "senjata", "price": 5}),
     "kategori"),
    (change("listing", str(uuid.uuid4()), {"title": "t", "script": "<x>"}, op="update"),
     "tidak dikenal"),
    (change("order_status", str(uuid.uuid4()), {"order": str(uuid.uuid4()), "from": "baru",
                                                "to": "hilang"}), "status"),
])
def test_bad_shop_changes_are_refused_with_a_reason(raw: dict[str, object], reason: str) -> None:
    with pytest.raises(Reject, match=reason):
        envelope(raw)
