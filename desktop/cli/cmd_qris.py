"""`lumbung business qris`: the owner's static QRIS, read from the bank's image."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.books.errors import ConfirmationRequired
from desktop.books.qris import Qris, get_qris, read_qris_image, save_qris
from desktop.cli.context import Output, business_options, json_option, opened
from desktop.cli.textout import simple_table


def business_qris(args: argparse.Namespace) -> Output:
    """Show, set (after the owner confirms the merchant name) or remove the QRIS."""
    # The image is checked before the PIN is asked: a wrong picture needs no books.
    read = read_qris_image(Path(args.image)) if args.image else None
    if read is not None and not args.confirm:
        raise ConfirmationRequired(
            "QRIS ini atas nama {merchant}, {city}. Periksa bahwa nama ini benar usaha Anda sebelum disimpan",
            merchant=read.merchant,
            city=read.city,
        )
    with opened(args) as book:
        if read is not None:
            save_qris(book, read.payload)
        elif args.remove:
            save_qris(book, None)
        qris = get_qris(book.conn)
    return _shown(qris, saved=read is not None, removed=args.remove)


def _shown(qris: Qris | None, *, saved: bool, removed: bool) -> Output:
    data = (
        {"merchant": qris.merchant, "city": qris.city, "payload": qris.payload} if qris is not None else None
    )
    if qris is None:
        text = "QRIS dihapus." if removed else "Belum ada QRIS. Unggah dengan --image FILE."
    else:
        text = ("QRIS disimpan.\n" if saved else "") + simple_table(
            ("Kolom", "Isi"), [("Nama merchant", qris.merchant), ("Kota", qris.city)]
        )
    return Output({"qris": data}, text)


def register_qris(
    bsub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `business qris`."""
    parser = bsub.add_parser("qris", help="QRIS statis usaha untuk kasir dan nota", parents=[common])
    business_options(parser)
    json_option(parser)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--image", help="gambar QRIS (PNG/JPEG) dari bank atau PJP")
    how.add_argument("--remove", action="store_true", help="hapus QRIS yang tersimpan")
    parser.add_argument(
        "--confirm", action="store_true", help="nama merchant di QRIS sudah diperiksa dan benar"
    )
    parser.set_defaults(func=business_qris)
