"""Entry point of `lumbung`: parse, run one command, map errors to exit codes."""

from __future__ import annotations

import argparse
import importlib
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


# Which module registers each command: a command run loads only its own module (a report
# process then skips the forms, backup and shop code: about 150 ms of its 0.8 s budget).
# tests/cli/test_lazy_commands.py holds this table to what the modules register.
MODULES = ("cmd_business", "cmd_books", "cmd_reports", "cmd_admin", "cmd_sync", "cmd_shop",
           "cmd_dinas")
COMMANDS = {
    **dict.fromkeys(("account", "business", "item", "party"), "cmd_business"),
    **dict.fromkeys(("asset", "close-period", "journal", "kasir", "opening", "saldo-awal", "tx"),
                    "cmd_books"),
    **dict.fromkeys(("nota", "report"), "cmd_reports"),
    **dict.fromkeys(("backup", "demo", "restore"), "cmd_admin"),
    **dict.fromkeys(("link", "restore-from-server", "sync"), "cmd_sync"),
    **dict.fromkeys(("order", "product", "question"), "cmd_shop"),
    "consent": "cmd_dinas",
}


def command_of(argv: Sequence[str]) -> str | None:
    """The command word of a command line (None for none, or for help asked before it)."""
    words = list(argv)
    while words:
        word = words.pop(0)
        if word == "--data-dir":
            words = words[1:]
        elif not word.startswith("-"):
            return word
        elif not word.startswith("--data-dir="):
            return None
    return None


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The command tree: only the named command's module when `argv` names a known one."""
    common = Parser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="folder data (atau LUMBUNG_DATA_DIR)")
    parser = Parser(prog="lumbung", parents=[common],
                    description="Lumbung: pembukuan UMKM offline (SAK EMKM).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH",
                                parser_class=Parser)
    named = COMMANDS.get(command_of(argv) or "") if argv is not None else None
    for name in (named,) if named else MODULES:
        importlib.import_module(f"desktop.cli.{name}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 2 bad input, 3 PIN, 1 unexpected)."""
    args: argparse.Namespace | None = None
    try:
        words = list(sys.argv[1:] if argv is None else argv)
        args = build_parser(words).parse_args(words)
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
