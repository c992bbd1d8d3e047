"""What every command shares: the data directory, opening a business, and printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.errors import InputError
from desktop.books.i18n import tr
from desktop.books.store.paths import resolve_data_dir


@dataclass
class Output:
    """A command's result: data for `--json`, and text for people (None means print JSON)."""

    data: object
    text: str | None = None
    warnings: tuple[str, ...] = ()


def data_dir(args: argparse.Namespace) -> Path:
    """The data directory chosen by `--data-dir`, `LUMBUNG_DATA_DIR` or the OS default."""
    return resolve_data_dir(getattr(args, "data_dir", None))


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Book]:
    """Open the business named by `--business`/`LUMBUNG_BUSINESS` with its PIN (`pin_of`)."""
    key = args.business or os.environ.get("LUMBUNG_BUSINESS")
    if not key:
        raise InputError("Pilih usaha dengan --business (id atau slug) atau LUMBUNG_BUSINESS",
                         field="business")
    book = open_business(data_dir(args), key, pin_of(args))
    if book.recovery_code:
        print(tr(RECOVERY_NOTICE, code=book.recovery_code), file=sys.stderr)
    try:
        yield book
    finally:
        book.close()


RECOVERY_NOTICE = (
    "Buku ini baru saja dienkripsi. Kode pemulihan: {code}\n"
    "Tulis kode ini di kertas dan simpan di tempat aman: hanya kode ini yang bisa membuka "
    "buku bila PIN lupa. Kode ini tidak akan ditampilkan lagi."
)


def pin_of(args: argparse.Namespace) -> str | None:
    """The PIN from `--pin-stdin` (first line of stdin), `--pin`, or `LUMBUNG_PIN`."""
    if getattr(args, "pin_stdin", False):
        args.pin, args.pin_stdin = read_stdin_line(), False  # stdin is read once per command
    if getattr(args, "pin", None) is not None:
        return str(args.pin)
    return os.environ.get("LUMBUNG_PIN")


def read_stdin_line() -> str:
    """One secret from stdin, without its line end (so it never shows in `ps`)."""
    return sys.stdin.readline().rstrip("\r\n")


def emit(output: Output, *, as_json: bool) -> None:
    """Print a result: JSON when asked or when there is no text form, otherwise the text."""
    for warning in output.warnings:
        print(tr("Peringatan: {text}", text=warning), file=sys.stderr)
    if output.data is None and not output.text:
        return
    if as_json or output.text is None:
        json.dump(output.data, sys.stdout, ensure_ascii=False, indent=None if not as_json else 2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(output.text)
        if not output.text.endswith("\n"):
            sys.stdout.write("\n")


def business_options(parser: argparse.ArgumentParser) -> None:
    """Add `--business` and `--pin` to a command that opens a business."""
    parser.add_argument("--business", help="id atau slug usaha (atau LUMBUNG_BUSINESS)")
    parser.add_argument("--pin", help="PIN usaha (atau LUMBUNG_PIN; lebih aman --pin-stdin)")
    parser.add_argument("--pin-stdin", action="store_true",
                        help="baca PIN dari baris pertama stdin, bukan dari argumen")


def json_option(parser: argparse.ArgumentParser) -> None:
    """Add `--json` to a command that prints data."""
    parser.add_argument("--json", action="store_true", help="cetak sebagai JSON")


def book_command(actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
                 common: argparse.ArgumentParser, help: str | None = None
                 ) -> argparse.ArgumentParser:
    """A sub-command that opens a business and can print JSON (`--business`, `--pin`, `--json`)."""
    command = actions.add_parser(name, parents=[common]) if help is None else \
        actions.add_parser(name, parents=[common], help=help)
    business_options(command)
    json_option(command)
    return command


def pairs(values: list[str] | None, *, field: str, sep: str = "=") -> list[tuple[str, str]]:
    """Parse repeated `KEY=VALUE` options."""
    result = []
    for raw in values or []:
        key, found, value = raw.partition(sep)
        if not found or not key.strip() or not value.strip():
            raise InputError("Tulis {field} sebagai KODE{sep}NILAI, bukan '{value}'", field=field,
                             value=raw, sep=sep)
        result.append((key.strip(), value.strip()))
    return result
