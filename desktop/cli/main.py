"""Entry point of `lumbung`: parse, run one command, map errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import re
import sys
import traceback
from collections.abc import Sequence

from desktop.books.errors import (
    Cancelled,
    ConfirmationRequired,
    UserFacingError,
    traceback_for_log,
)
from desktop.books.i18n import N_, tr
from desktop.cli import (
    cmd_admin,
    cmd_books,
    cmd_business,
    cmd_dinas,
    cmd_reports,
    cmd_shop,
    cmd_sync,
)
from desktop.cli.context import Output, data_dir, emit

EXIT_OK, EXIT_UNEXPECTED, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3


class UsageError(UserFacingError):
    """Wrong command-line usage; the text is already translated."""

    def __init__(self, text: str) -> None:
        super().__init__("{text}", text=text)


class Parser(argparse.ArgumentParser):
    """argparse that reports usage mistakes as Indonesian `UserFacingError`s."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(_usage_message(message))


_PATTERNS = (
    (r"the following arguments are required: (.+)", N_("Wajib diisi: {value}")),
    (r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.+)\)",
     N_("Pilihan '{value}' untuk {arg} tidak dikenal; pilih salah satu: {choices}")),
    (r"argument (\S+): invalid int value: '([^']*)'",
     N_("Nilai '{value}' untuk {arg} harus angka")),
    (r"argument (\S+): expected one argument", N_("{arg} butuh nilai")),
    (r"unrecognized arguments: (.+)", N_("Opsi tidak dikenal: {value}")),
)


def _usage_message(message: str) -> str:
    for pattern, template in _PATTERNS:
        match = re.match(pattern, message)
        if match:
            groups = match.groups()
            if len(groups) == 1:
                return tr(template, value=groups[0])
            if len(groups) == 2:
                return tr(template, arg=groups[0], value=groups[1])
            return tr(template, arg=groups[0], value=groups[1], choices=groups[2])
    return message


def build_parser() -> Parser:
    """The whole command tree."""
    common = Parser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="folder data (atau LUMBUNG_DATA_DIR)")
    parser = Parser(prog="lumbung", parents=[common],
                    description="Lumbung: pembukuan UMKM offline (SAK EMKM).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH",
                                parser_class=Parser)
    for module in (cmd_business, cmd_books, cmd_reports, cmd_admin, cmd_sync, cmd_shop,
                   cmd_dinas):
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 2 bad input, 3 PIN, 1 unexpected)."""
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(argv)
        output: Output = args.func(args)
        emit(output, as_json=getattr(args, "json", False))
        return EXIT_OK
    except UserFacingError as exc:
        print(exc.message(), file=sys.stderr)
        if isinstance(exc, ConfirmationRequired):
            print(tr("Jika memang benar, ulangi dengan --confirm."), file=sys.stderr)
        return exc.exit_code
    except (Cancelled, KeyboardInterrupt):
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        print(tr("Terjadi kesalahan yang tidak terduga. Rinciannya dicatat di {log}",
                 log=_log_unexpected(getattr(args, "data_dir", None))), file=sys.stderr)
        return EXIT_UNEXPECTED


def _log_unexpected(chosen: str | None) -> str:
    try:
        folder = data_dir(argparse.Namespace(data_dir=chosen))
        path = folder / "logs" / "lumbung.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=path, level=logging.ERROR,
                            format="%(asctime)s %(levelname)s %(message)s")
        logging.error("unexpected error\n%s", traceback_for_log(sys.exc_info()[1] or Exception()))
        return str(path)
    except OSError:
        traceback.print_exc()
        return "stderr"
