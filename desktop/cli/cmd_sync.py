"""`lumbung link`, `lumbung sync` and `lumbung restore-from-server`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.context import Output, business_options, data_dir, json_option, opened

if TYPE_CHECKING:
    from sync_client.engine import Progress


def _progress(progress: Progress) -> None:
    if sys.stderr.isatty():
        print(f"\r{progress.phase}: {progress.done}/{progress.total} "
              f"({progress.bytes_sent // 1024} KB terkirim)", end="", file=sys.stderr)


def _password(args: argparse.Namespace) -> str:
    """The Mall password: `--password-stdin`, else asked at a prompt; `--password` (seen by
    `ps` and kept in the shell history) still works for old scripts."""
    if args.password is not None:
        return str(args.password)
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    return getpass.getpass("Kata sandi Mall: ")


def _password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true",
                       help="baca kata sandi dari baris pertama stdin")
    group.add_argument("--password", help="(hindari: terlihat di daftar proses)")


def link_cmd(args: argparse.Namespace) -> Output:
    from sync_client.link import LOGIN_TROUBLE, explain_login_error, link

    with opened(args) as book:
        try:
            info = link(book, server=args.server, username=args.username,
                        password=_password(args))
        except LOGIN_TROUBLE as exc:
            raise explain_login_error(exc, args.server) from exc
    return Output(info, f"Terhubung ke Mall {info['server']} sebagai perangkat "
                        f"nomor {info['device_number']}.")


def sync_cmd(args: argparse.Namespace) -> Output:
    from sync_client.engine import Syncer

    with opened(args) as book:
        result = Syncer(book.conn, book.data_dir, on_progress=_progress).run()
    data = result.as_dict()
    text = {"ok": f"Sinkron: {result.pushed} terkirim, {result.pulled} diterima, "
                  f"{result.pending} menunggu.",
            "offline": f"Sedang offline; {result.pending} perubahan menunggu dikirim."}.get(
        result.status, result.message)
    for item in result.rejected:
        text += f"\nDitolak Mall: {item['entity']} {item['entity_id']}: {item['reason']}"
    for item in result.set_aside:
        text += f"\nDisisihkan (tidak bisa disimpan di PC ini): {item['name']}: {item['reason']}"
    return Output(data, text)


def restore_cmd(args: argparse.Namespace) -> Output:
    from sync_client.link import LOGIN_TROUBLE, explain_login_error, restore_from_server

    try:
        ref, result = restore_from_server(data_dir(args), server=args.server,
                                          username=args.username, password=_password(args),
                                          pin=args.pin, on_progress=_progress)
    except LOGIN_TROUBLE as exc:
        raise explain_login_error(exc, args.server) from exc
    code = getattr(ref, "recovery_code", "")
    data = {**ref.as_dict(), **result.as_dict(), "recovery_code": code}
    return Output(data, f"Usaha '{ref.name}' dipulihkan dari Mall: {result.pulled} perubahan "
                        f"diterima ({result.status}).\n\nKODE PEMULIHAN: {code}\n"
                        "Tulis kode ini di kertas dan simpan di tempat aman; kode ini tidak "
                        "akan ditampilkan lagi.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add link, sync and restore-from-server."""
    parser = sub.add_parser("link", help="hubungkan usaha ke Mall kabupaten", parents=[common])
    business_options(parser)
    json_option(parser)
    for name in ("--server", "--username"):
        parser.add_argument(name, required=True)
    _password_options(parser)
    parser.set_defaults(func=link_cmd)
    parser = sub.add_parser("sync", help="sinkronkan dengan Mall sekarang", parents=[common])
    business_options(parser)
    json_option(parser)
    parser.set_defaults(func=sync_cmd)
    parser = sub.add_parser("restore-from-server", help="pulihkan usaha dari salinan di Mall",
                            parents=[common])
    for name in ("--server", "--username", "--pin"):
        parser.add_argument(name, required=True)
    _password_options(parser)
    json_option(parser)
    parser.set_defaults(func=restore_cmd)
