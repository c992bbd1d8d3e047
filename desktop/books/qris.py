"""The owner's static QRIS: read from the bank's (PJP's) image, checked, kept in the books.

A QRIS is an EMVCo merchant-presented QR: a run of tag-length-value fields that starts with
"000201" (payload format 01) and ends with tag 63, a CRC16-CCITT of everything before it.
Tag 59 is the merchant's name and tag 60 its city, which the owner confirms before saving.
What is kept is the payload text, not the picture: the kasir screen, the nota and the ESC/POS
slip draw the code again from it at whatever size they need.

The payload lives in `meta` of this business's books (one PC's copy), next to the counter's
printer; the payload also goes to the mall (profile field `qris_payload`) so the buyer's
order page can show it, and comes back from there to the business's other PCs and to a PC
restored from the mall (`keep_qris`, called by sync_client/apply.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.outbox import record_change
from protocol.qris import MAX_PAYLOAD, crc16_ccitt

QRIS_KEY = "qris_payload"
MAX_IMAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Qris:
    """A checked QRIS payload and what the owner is shown to confirm it."""

    payload: str
    merchant: str
    city: str
    static: bool


def tlv_fields(payload: str) -> dict[str, str]:
    """The top-level tag -> value fields of an EMVCo payload; refuses a broken layout."""
    found: dict[str, str] = {}
    at = 0
    while at < len(payload):
        tag, size = payload[at : at + 2], payload[at + 2 : at + 4]
        if len(tag) < 2 or not tag.isdigit() or len(size) < 2 or not size.isdigit():
            raise InputError(
                "Kode QR '{value}' bukan QRIS: susunan data rusak di posisi {at}",
                field="qris",
                value=_shown(payload),
                at=at + 1,
            )
        end = at + 4 + int(size)
        if end > len(payload):
            raise InputError(
                "Kode QR '{value}' bukan QRIS: kolom {tag} terpotong",
                field="qris",
                value=_shown(payload),
                tag=tag,
            )
        found.setdefault(tag, payload[at + 4 : end])
        at = end
    return found


def parse_qris(payload: str) -> Qris:
    """Check that `payload` is a static EMVCo QRIS with a valid CRC, a name and a city."""
    payload = payload.strip()
    if not payload.startswith("000201"):
        raise InputError(
            "Kode QR '{value}' bukan QRIS: tidak diawali 000201 (format EMVCo)",
            field="qris",
            value=_shown(payload),
        )
    if len(payload) > MAX_PAYLOAD:
        raise InputError(
            "Kode QR '{value}' bukan QRIS: lebih dari {limit} huruf",
            field="qris",
            value=_shown(payload),
            limit=MAX_PAYLOAD,
        )
    fields = tlv_fields(payload)
    if payload[-8:-4] != "6304" or "63" not in fields:
        raise InputError(
            "Kode QR '{value}' bukan QRIS: tidak ada kode pemeriksa (tag 63) di akhir",
            field="qris",
            value=_shown(payload),
        )
    if crc16_ccitt(payload[:-4]) != payload[-4:].upper():
        raise InputError(
            "Kode QR '{value}' bukan QRIS: kode pemeriksa (CRC) tidak cocok; gambar mungkin rusak",
            field="qris",
            value=_shown(payload),
        )
    merchant, city = fields.get("59", "").strip(), fields.get("60", "").strip()
    if not merchant:
        raise InputError(
            "Kode QR '{value}' bukan QRIS: nama merchant (tag 59) kosong", field="qris", value=_shown(payload)
        )
    if not city:
        raise InputError(
            "Kode QR '{value}' bukan QRIS: kota merchant (tag 60) kosong", field="qris", value=_shown(payload)
        )
    if fields.get("01") == "12":
        raise InputError(
            "QRIS ini dinamis (sekali pakai, untuk satu nominal). Unggah QRIS statis dari bank atau PJP Anda",
            field="qris",
            value=merchant,
        )
    return Qris(payload, merchant, city, static=fields.get("01", "11") == "11")


def read_qris_image(path: Path) -> Qris:
    """Decode the QR in a PNG/JPEG image and check it is a QRIS (nothing is saved)."""
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise InputError("Berkas gambar QRIS '{value}' tidak ada", field="qris", value=str(path))
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise InputError("Gambar QRIS '{value}' terlalu besar (maks. 10 MB)", field="qris", value=str(path))
    try:
        with Image.open(path) as image:
            texts = _decode(image.convert("L"))
    except (OSError, UnidentifiedImageError) as exc:
        raise InputError(
            "Berkas '{value}' tidak bisa dibaca sebagai gambar", field="qris", value=str(path)
        ) from exc
    if not texts:
        raise InputError(
            "Tidak ada kode QR yang terbaca di gambar '{value}'. Pakai foto atau tangkapan layar QRIS "
            "yang tajam dan utuh",
            field="qris",
            value=str(path),
        )
    refused: InputError | None = None
    for text in texts:
        try:
            return parse_qris(text)
        except InputError as exc:
            refused = refused or exc
    assert refused is not None
    raise refused


def _decode(image: object) -> list[str]:
    import zxingcpp

    results = zxingcpp.read_barcodes(image, formats=zxingcpp.barcode_formats_from_str("QRCode"))
    return [r.text for r in results if r.text]


def save_qris(book: Book, payload: str | None) -> Qris | None:
    """Keep a checked payload as this business's QRIS; None removes it."""
    qris = parse_qris(payload) if payload is not None else None
    with book.write() as conn:
        if qris is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (QRIS_KEY,))
        else:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                "UPDATE SET value = excluded.value",
                (QRIS_KEY, qris.payload),
            )
        # The mall shows it on the buyer's order page ("" takes it away there too).
        record_change(conn, "profile", book.business.id, "update",
                      {"qris_payload": qris.payload if qris else ""})
    return qris


def keep_qris(conn: sqlite3.Connection, payload: str) -> None:
    """Keep a payload saved on another PC of this business (pulled, or restored from the
    mall) as this PC's QRIS; "" removes it. Nothing is queued: the change came from there.
    A payload that is not a static QRIS is refused like one typed here."""
    if not payload:
        conn.execute("DELETE FROM meta WHERE key = ?", (QRIS_KEY,))
        return
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO "
                 "UPDATE SET value = excluded.value", (QRIS_KEY, parse_qris(payload).payload))


def get_qris(conn: sqlite3.Connection) -> Qris | None:
    """The saved QRIS, if the owner has uploaded one."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (QRIS_KEY,)).fetchone()
    return parse_qris(row[0]) if row and row[0] else None


def qris_png(payload: str, *, scale: int = 8) -> bytes:
    """The payload drawn again as a QR code (PNG bytes), error correction M as QRIS asks."""
    import io

    import segno

    out = io.BytesIO()
    segno.make_qr(payload, error="m", boost_error=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def _shown(payload: str) -> str:
    return payload if len(payload) <= 40 else payload[:40] + "…"
