"""Pushed shop changes are checked before anything is stored."""

from __future__ import annotations

import base64
import hashlib
import io
import uuid

import pytest
from PIL import Image

from server.shop.images import reencoded
from server.validate import Reject, envelope


def _jpeg(size: tuple[int, int] = (800, 600), fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 150, 40)).save(out, fmt)
    return out.getvalue()


JPEG = _jpeg()
SHA = hashlib.sha256(JPEG).hexdigest()
HLC = "001800000000000:00000:abc"


def change(entity: str, entity_id: str, data: dict[str, object], op: str = "insert",
           change_id: str | None = None) -> dict[str, object]:
    return {"change_id": change_id or str(uuid.uuid4()), "entity": entity,
            "entity_id": entity_id, "op": op, "data": data, "hlc": HLC, "schema": 1}


def photo(data: bytes = JPEG, sha: str = SHA, size: tuple[int, int] = (800, 600)
          ) -> dict[str, object]:
    return change("photo", sha, {"jpeg": base64.b64encode(data).decode(), "width": size[0],
                                 "height": size[1]})


def test_a_photo_is_accepted_only_with_its_own_sha256() -> None:
    assert envelope(photo()).entity_id == SHA
    with pytest.raises(Reject, match="tidak cocok"):
        envelope(photo(JPEG + b"x"))
    with pytest.raises(Reject, match="JPEG"):
        png = b"\x89PNG" + b"0" * 10
        envelope(photo(png, hashlib.sha256(png).hexdigest()))


def test_a_photo_is_decoded_on_the_server_and_served_re_encoded() -> None:
    def sent(data: bytes, size: tuple[int, int] = (800, 600)) -> object:
        return envelope(photo(data, hashlib.sha256(data).hexdigest(), size))

    with pytest.raises(Reject, match="rusak"):  # JPEG magic, then nothing a decoder can read
        sent(b"\xff\xd8\xff\xe0" + b"0" * 500)
    with pytest.raises(Reject, match="tidak sama"):  # the size it claims is not its size
        sent(_jpeg((640, 480)))
    with pytest.raises(Reject, match="1024"):  # dimensions are read before any pixel
        sent(_jpeg((2048, 600)), (1024, 600))
    polyglot = JPEG + b"<html><script>alert(1)</script></html>"
    assert sent(polyglot)  # a decoder ignores what follows the image...
    served = reencoded(polyglot)
    assert b"<script>" not in served and served.startswith(b"\xff\xd8")  # ...the mall drops it
    with Image.open(io.BytesIO(served)) as image:
        assert (image.format, image.size) == ("JPEG", (800, 600))
    tagged = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (8.0, 30.0, 0.0)}  # where the owner's kitchen is
    Image.new("RGB", (800, 600), (200, 150, 40)).save(tagged, "JPEG", exif=exif)
    with Image.open(io.BytesIO(reencoded(tagged.getvalue()))) as image:
        assert "exif" not in image.info and not image.getexif()


@pytest.mark.parametrize(("raw", "reason"), [
    (change("listing", SHA, {"title": "x"}), "sha256, yang lain UUID"),
    (change("photo", str(uuid.uuid4()), {"jpeg": "", "width": 1, "height": 1}),
     "sha256, yang lain UUID"),
    (change("listing", str(uuid.uuid4()), {"title": "x"}, change_id=SHA), "UUID"),
    (change("listing", str(uuid.uuid4()), {"item": str(uuid.uuid4()), "slug": "a",
                                           "title": "t", "category": "senjata", "price": 5}),
     "'category' harus salah satu dari: makanan-olahan"),
    (change("listing", str(uuid.uuid4()), {"title": "t", "script": "<x>"}, op="update"),
     "tidak dikenal"),
    (change("order_status", str(uuid.uuid4()), {"order": str(uuid.uuid4()), "from": "baru",
                                                "to": "hilang"}), "'to' harus salah satu"),
])
def test_bad_shop_changes_are_refused_with_a_reason(raw: dict[str, object], reason: str) -> None:
    with pytest.raises(Reject, match=reason):
        envelope(raw)
