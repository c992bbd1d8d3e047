"""A nota as ESC/POS bytes, received by a dummy network printer (a socket on 127.0.0.1)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.escpos import CUT, INIT, send_to_printer, slip_bytes
from desktop.books.receipt import receipt_for
from desktop.books.stock import add_item
from tests.books.conftest import post


@pytest.fixture
def sold(book: Book) -> str:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik Pisang Cokelat Lumer Ukuran Besar", unit="bks",
                 price=1_500_000)
        add_item(conn, sku="SMB", name="Sambal Matah", unit="btl", price=2_000_000)
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@10000", "SMB:5@12000"])
    return post(book, "penjualan-tunai", date="2026-03-03",
                lines=["KRP:3", "SMB:1-2000", "*Ongkir:1@5000"], discount="1000").ref


class DummyPrinter:
    """A raw-port printer that keeps every byte it is sent."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            while chunk := conn.recv(4096):
                self.received += chunk
        self.server.close()


@pytest.mark.parametrize(("size", "width"), [("58mm", 32), ("80mm", 48)])
def test_every_line_fits_the_paper(book: Book, sold: str, size: str, width: int) -> None:
    data = slip_bytes(receipt_for(book.conn, sold), size=size)
    assert data.startswith(INIT) and data.endswith(CUT)
    text = data.replace(b"\x1b", b"\n").replace(b"\x1d", b"\n").decode("cp437")
    lines = [line[2:] if line[:1] in "a!E" else line for line in text.splitlines()]
    assert all(len(line) <= width for line in lines), [ln for ln in lines if len(ln) > width]
    flat = " ".join(" ".join(lines).split())
    for part in ("Keripik Pisang Cokelat", "3 bks x Rp15.000 Rp45.000", "Sambal Matah",
                 "potongan (Rp2.000)", "Ongkir", "1 x Rp5.000 Rp5.000",
                 "Potongan nota (Rp1.000)", "TOTAL Rp67.000", "Terima kasih"):
        assert part in flat, part


def test_the_dummy_printer_gets_exactly_the_job(book: Book, sold: str) -> None:
    printer = DummyPrinter()
    data = slip_bytes(receipt_for(book.conn, sold), size="58mm")
    send_to_printer(data, f"tcp://127.0.0.1:{printer.port}")
    printer.thread.join(5)
    assert printer.received == data
    # bold on and off around the title, and double size only around the total
    assert b"\x1bE\x01NOTA PENJUALAN\n\x1bE\x00" in data
    assert data.count(b"\x1d!\x11") == 1


def test_a_printer_that_is_not_there_is_named(tmp_path: Path, book: Book, sold: str) -> None:
    with pytest.raises(InputError, match=r"Printer 'tcp://127\.0\.0\.1:1'"):
        send_to_printer(b"x", "tcp://127.0.0.1:1", timeout=1)
    target = tmp_path / "lp0"
    send_to_printer(b"\x1b@", str(target))
    assert target.read_bytes() == b"\x1b@"
    with pytest.raises(InputError, match="Ukuran kertas 'a4'"):
        slip_bytes(receipt_for(book.conn, sold), size="a4")
