"""Backup, restore and the demo business."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.books.backup import backup_to, restore, verify_backup
from desktop.cli.context import Output, business_options, data_dir, json_option, opened, pin_of


def backup(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        target = backup_to(book, Path(args.out))
        info = verify_backup(target, key=book.key)
    return Output({"file": str(target), "business_id": info.business_id,
                   "entries": info.entries})


def restore_cmd(args: argparse.Namespace) -> Output:
    ref = restore(data_dir(args), Path(args.file), pin=pin_of(args))
    return Output(ref.as_dict())


def demo(args: argparse.Namespace) -> Output:
    from desktop.books.demo import DEMO_PIN, create_demo  # only this command needs the story

    ref, created = create_demo(data_dir(args), reset=args.reset)
    return Output({**ref.as_dict(), "pin": DEMO_PIN, "created": created})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add backup, restore and demo."""
    parser = sub.add_parser("backup", help="simpan cadangan satu berkas", parents=[common])
    business_options(parser)
    json_option(parser)
    parser.add_argument("--out", required=True)
    parser.set_defaults(func=backup)
    parser = sub.add_parser("restore", help="pulihkan usaha dari cadangan", parents=[common])
    parser.add_argument("file")
    parser.add_argument("--pin", help="PIN yang berlaku di cadangan itu")
    parser.add_argument("--pin-stdin", action="store_true", help="baca PIN dari stdin")
    json_option(parser)
    parser.set_defaults(func=restore_cmd)
    parser = sub.add_parser("demo", help="buat usaha contoh Keripik Pisang Bu Made",
                            parents=[common])
    parser.add_argument("--reset", action="store_true", help="buat ulang bila sudah ada")
    json_option(parser)
    parser.set_defaults(func=demo)
