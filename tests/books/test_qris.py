"""The owner's static QRIS: decoded from an image, checked (EMVCo, CRC), kept in the books."""

from __future__ import annotations

from pathlib import Path

import pytest
import segno

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.qris import crc16_ccitt, get_qris, parse_qris, read_qris_image, save_qris


def tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def qris_payload(merchant: str = "WARUNG BU SARI", city: str = "KARANGASEM", *, kind: str = "11") -> str:
    """A static QRIS laid out as banks issue them, with its CRC computed."""
    body = (
        tlv("00", "01")
        + tlv("01", kind)
        + tlv("26", tlv("00", "ID.CO.BANKDESA.WWW") + tlv("01", "936000140000012345"))
        + tlv("51", tlv("00", "ID.CO.QRIS.WWW") + tlv("02", "ID1023456789012"))
        + tlv("52", "5499")
        + tlv("53", "360")
        + tlv("58", "ID")
        + tlv("59", merchant)
        + tlv("60", city)
        + tlv("61", "80811")
        + "6304"
    )
    return body + crc16_ccitt(body)


def qr_image(text: str, path: Path) -> Path:
    segno.make_qr(text, error="m").save(path, kind="png", scale=6, border=4)
    return path


def test_crc_is_the_ccitt_false_check_value() -> None:
    assert crc16_ccitt("123456789") == "29B1"  # the catalogue's check value for CRC-16/CCITT-FALSE


def test_a_bank_image_decodes_to_its_merchant(book: Book, tmp_path: Path) -> None:
    payload = qris_payload()
    qris = read_qris_image(qr_image(payload, tmp_path / "qris.png"))
    assert (qris.merchant, qris.city, qris.payload, qris.static) == (
        "WARUNG BU SARI",
        "KARANGASEM",
        payload,
        True,
    )
    assert get_qris(book.conn) is None  # reading only shows it; saving is the owner's choice
    save_qris(book, qris.payload)
    saved = get_qris(book.conn)
    assert saved is not None and saved.payload == payload
    save_qris(book, None)
    assert get_qris(book.conn) is None


def test_a_jpeg_photo_decodes_too(tmp_path: Path) -> None:
    from PIL import Image

    png = qr_image(qris_payload(), tmp_path / "qris.png")
    with Image.open(png) as image:
        image.convert("RGB").save(tmp_path / "qris.jpg", "JPEG", quality=80)
    assert read_qris_image(tmp_path / "qris.jpg").merchant == "WARUNG BU SARI"


def test_a_qr_that_is_not_qris_is_refused(book: Book, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bukan QRIS: tidak diawali 000201"):
        read_qris_image(qr_image("https://wa.me/6281234567890", tmp_path / "wa.png"))
    with pytest.raises(InputError, match="bukan QRIS: tidak diawali 000201"):
        save_qris(book, "https://wa.me/6281234567890")
    assert get_qris(book.conn) is None


def test_a_wrong_crc_is_refused(tmp_path: Path) -> None:
    good = qris_payload()
    bad = good[:-4] + ("0000" if good[-4:] != "0000" else "FFFF")
    with pytest.raises(InputError, match=r"kode pemeriksa \(CRC\) tidak cocok"):
        read_qris_image(qr_image(bad, tmp_path / "bad.png"))
    # one changed letter in the name, CRC kept: the check catches it
    tampered = good.replace("BU SARI", "BU SARA")
    with pytest.raises(InputError, match="CRC"):
        parse_qris(tampered)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (qris_payload(merchant=" "), r"nama merchant \(tag 59\) kosong"),
        (qris_payload(city=" "), r"kota merchant \(tag 60\) kosong"),
        (qris_payload(kind="12"), "QRIS ini dinamis"),
        ("000201" + "2699abc", "kolom 26 terpotong"),
        ("000201010211", r"tidak ada kode pemeriksa \(tag 63\)"),
    ],
)
def test_incomplete_payloads_are_refused(payload: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_qris(payload)


def test_an_image_without_a_code_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(tmp_path / "blank.png")
    with pytest.raises(InputError, match="Tidak ada kode QR yang terbaca"):
        read_qris_image(tmp_path / "blank.png")
    (tmp_path / "notes.txt").write_text("bukan gambar")
    with pytest.raises(InputError, match="tidak bisa dibaca sebagai gambar"):
        read_qris_image(tmp_path / "notes.txt")


def test_the_payload_is_queued_for_the_mall_and_its_removal_too(book: Book) -> None:
    import json

    from protocol.entities import FIELDS
    from protocol.qris import is_qris

    save_qris(book, qris_payload())
    save_qris(book, None)
    sent = [json.loads(data) for (data,) in book.conn.execute(
        "SELECT data FROM outbox WHERE entity = 'profile' AND data LIKE '%qris_payload%' "
        "ORDER BY seq")]
    assert sent == [{"qris_payload": qris_payload()}, {"qris_payload": ""}]
    assert "qris_payload" in FIELDS["profile"]
    assert is_qris(qris_payload()) and not is_qris(qris_payload()[:-1] + "0")
