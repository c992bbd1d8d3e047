"""A nota as ESC/POS bytes for a 58 or 80 mm thermal printer, and sending them to one.

The bytes are the plain command set every ESC/POS printer knows (initialise, align, bold,
double size, feed and cut), so no driver or library is needed: a network printer takes them
on its raw port (`tcp://192.168.1.50:9100`), a USB or serial one through its device file
(`/dev/usb/lp0`, `COM3`). Text the printer's code page cannot show becomes "?".
"""

from __future__ import annotations

import socket
import textwrap
from pathlib import Path

from desktop.books.errors import InputError
from desktop.books.fmt import quantity, rupiah
from desktop.books.receipt import Receipt

ESC, GS = b"\x1b", b"\x1d"
INIT = ESC + b"@"
LEFT, CENTER = ESC + b"a\x00", ESC + b"a\x01"
BOLD, PLAIN = ESC + b"E\x01", ESC + b"E\x00"
BIG, NORMAL = GS + b"!\x11", GS + b"!\x00"
CUT = GS + b"V\x42\x03"  # feed three lines, then a partial cut
COLUMNS = {"58mm": 32, "80mm": 48}
QR_MODULE = {"58mm": 6, "80mm": 8}  # dots per QR module: a QRIS fits 384 or 576 dots
CODEPAGE = "cp437"


def _text(line: str) -> bytes:
    return line.encode(CODEPAGE, errors="replace") + b"\n"


def _pair(left: str, right: str, width: int) -> str:
    """`left` and `right` on one line; a long left part wraps above the figure."""
    room = width - len(right) - 1
    lines = textwrap.wrap(left, room) or [""]
    return "\n".join([*lines[:-1], lines[-1].ljust(room) + " " + right])


def slip_bytes(receipt: Receipt, *, size: str = "58mm") -> bytes:
    """The nota or kuitansi as an ESC/POS job: letterhead, every line, total, thanks, cut."""
    width = COLUMNS.get(size)
    if width is None:
        raise InputError("Ukuran kertas '{value}' tidak dikenal; pilih: {choices}",
                         field="size", value=size, choices=", ".join(COLUMNS))
    rule = "-" * width
    out = [INIT, CENTER, BOLD, _text(receipt.profile.name), PLAIN]
    for part in (receipt.profile.address, receipt.profile.phone
                 and f"WA {receipt.profile.phone}"):
        out += [_text(w) for w in textwrap.wrap(part or "", width)]
    out += [_text(rule), BOLD, _text(receipt.title), PLAIN, _text(receipt.ref),
            _text(receipt.date.strftime("%d-%m-%Y")), LEFT, _text(rule)]
    if receipt.party:
        out.append(_text(f"Kepada: {receipt.party}"[:width]))
    for ln in receipt.lines:
        out += [_text(w) for w in textwrap.wrap(ln.name, width)]
        detail = f"{quantity(ln.qty)} {ln.unit} x {rupiah(ln.price)}".replace("  ", " ") \
            if ln.qty and ln.price else ""
        out.append(_text(_pair(detail, rupiah(ln.amount + ln.discount), width)))
        if ln.discount:
            out.append(_text(_pair("  potongan", rupiah(-ln.discount), width)))
    if receipt.discount:
        out.append(_text(_pair("Potongan nota", rupiah(-receipt.discount), width)))
    out += [_text(rule), BOLD, BIG, _text(_pair("TOTAL", rupiah(receipt.total), width // 2)),
            NORMAL, PLAIN, _text(f"Pembayaran: {receipt.payment}"[:width])]
    out += [_text(w) for w in textwrap.wrap(receipt.words, width)]
    if receipt.qris:
        out += [CENTER, qr_bytes(receipt.qris, module=QR_MODULE[size]), _text("QRIS"), LEFT]
    if receipt.cancelled_by:
        out += [BOLD, _text(f"DIBATALKAN ({receipt.cancelled_by})"[:width]), PLAIN]
    out += [CENTER, _text(rule), _text("Terima kasih"), CUT]
    return b"".join(out)


def qr_bytes(data: str, *, module: int = 6) -> bytes:
    """The printer draws a QR itself (GS ( k): model 2, module size, error level M, store, print."""
    body = data.encode("ascii", errors="replace")

    def fn(*parts: bytes) -> bytes:
        payload = b"".join(parts)
        return GS + b"(k" + len(payload).to_bytes(2, "little") + payload

    return b"".join([fn(b"1A", b"2\x00"), fn(b"1C", bytes([module])), fn(b"1E", b"1"),
                     fn(b"1P0", body), fn(b"1Q0")])


def send_to_printer(data: bytes, target: str, *, timeout: float = 5.0) -> None:
    """Send a job to `tcp://HOST:PORT` (raw port 9100 by default) or a device or file path."""
    try:
        if target.startswith("tcp://"):
            host, _, port = target[len("tcp://"):].partition(":")
            with socket.create_connection((host, int(port or 9100)), timeout=timeout) as sock:
                sock.sendall(data)
        else:
            with Path(target).open("ab") as device:
                device.write(data)
    except (OSError, ValueError) as exc:
        raise InputError("Printer '{value}' tidak bisa dipakai: {reason}", field="printer",
                         value=target, reason=str(exc)) from exc
