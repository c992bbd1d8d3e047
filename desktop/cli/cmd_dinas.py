"""`lumbung consent set|show` and the Dinas profile options of `lumbung business edit`."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.books.book import Book
from desktop.books.dinas import (
    LEVEL_TEXT,
    get_consent,
    get_dinas_profile,
    set_consent,
    update_dinas_profile,
)
from desktop.books.errors import InputError
from desktop.books.money import parse_amount
from desktop.cli.context import Output, business_options, json_option, opened
from protocol.dinas import (
    AGE_GROUPS,
    CONSENT_LEVELS,
    DINAS_CERTIFICATES,
    GENDERS,
    MARKET_AREAS,
    RAW_SOURCES,
)

_COUNTS = ("paid_women", "paid_men", "family_women", "family_men", "founded", "capacity")
_MONEY = ("modal_own", "modal_borrowed")
_TEXTS = ("capacity_unit", "pendamping")
_CHOICES = {"market_area": MARKET_AREAS, "owner_gender": GENDERS, "owner_age": AGE_GROUPS}


def consent_set(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        level = set_consent(book, level=args.dinas)
    return _consent_output(book, level)


def consent_show(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        level = get_consent(book.conn)
    return _consent_output(book, level)


def _consent_output(book: Book, level: str) -> Output:
    data = {"business": book.business.slug, "dinas": level, "meaning": LEVEL_TEXT[level]}
    # the level, then what it means in a sentence (a table squeezed the level to "Din")
    return Output(data, f"Dinas: {level}\n{LEVEL_TEXT[level]}")


def dinas_options(edit: argparse.ArgumentParser) -> None:
    """The Dinas profile's options on `business edit` (issue 16)."""
    group = edit.add_argument_group("profil untuk Dinas")
    for name in (*_COUNTS, *_MONEY, *_TEXTS):
        group.add_argument(f"--{name.replace('_', '-')}", dest=f"dinas_{name}")
    for name, choices in _CHOICES.items():
        group.add_argument(f"--{name.replace('_', '-')}", dest=f"dinas_{name}", choices=choices)
    group.add_argument("--material", dest="dinas_materials", action="append",
                       metavar="BAHAN:ASAL:PERSEN",
                       help=f"bahan baku, asal ({'/'.join(RAW_SOURCES)}) dan bagian %%")
    group.add_argument("--cert", dest="dinas_certs", action="append",
                       metavar="JENIS:NOMOR[:BERLAKU-SAMPAI]",
                       help=f"sertifikat ({'/'.join(DINAS_CERTIFICATES)}), tanggal YYYY-MM-DD")


def dinas_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The Dinas profile fields the options name, in the protocol's units (sen, counts)."""
    changes: dict[str, Any] = {}
    for name in _COUNTS:
        value = getattr(args, f"dinas_{name}", None)
        if value is not None:
            if not value.strip().isdigit():
                raise InputError("Nilai '{value}' untuk {arg} harus angka", value=value,
                                 arg=f"--{name.replace('_', '-')}")
            changes[name] = int(value)
    for name in _MONEY:
        value = getattr(args, f"dinas_{name}", None)
        if value is not None:
            changes[name] = parse_amount(value, field=name)
    for name in (*_TEXTS, *_CHOICES):
        if getattr(args, f"dinas_{name}", None) is not None:
            changes[name] = getattr(args, f"dinas_{name}")
    if getattr(args, "dinas_materials", None):
        changes["materials"] = [_material(text) for text in args.dinas_materials]
    for text in getattr(args, "dinas_certs", None) or []:
        kind, number, until = [*text.split(":", 2), "", ""][:3]
        if kind not in DINAS_CERTIFICATES:
            raise InputError("Sertifikat '{value}' harus salah satu dari: {choices}",
                             field="cert", value=kind, choices=", ".join(DINAS_CERTIFICATES))
        changes[f"{kind}_no"], changes[f"{kind}_until"] = number, until
    return changes


def _material(text: str) -> list[Any]:
    name, source, share = text.rsplit(":", 2) if text.count(":") >= 2 else (text, "", "")
    if not share.isdigit():
        raise InputError("Bahan baku '{value}' harus BAHAN:ASAL:PERSEN", field="material",
                         value=text)
    return [name.strip(), source.strip(), int(share)]


def apply_dinas_edit(book: Book, args: argparse.Namespace) -> dict[str, Any] | None:
    """Apply the Dinas options of `business edit`; None when none was given."""
    changes = dinas_changes(args)
    if not changes:
        return None
    update_dinas_profile(book, **changes)
    return get_dinas_profile(book.conn)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add `consent set` and `consent show`."""
    consent = sub.add_parser("consent", help="apa yang boleh dilihat Dinas", parents=[common])
    csub = consent.add_subparsers(dest="action", required=True, metavar="AKSI")
    chosen = csub.add_parser("set", help="pilih none, ringkasan atau profil", parents=[common])
    business_options(chosen)
    chosen.add_argument("--dinas", required=True, choices=CONSENT_LEVELS)
    json_option(chosen)
    chosen.set_defaults(func=consent_set)
    show = csub.add_parser("show", help="tingkat berbagi sekarang", parents=[common])
    business_options(show)
    json_option(show)
    show.set_defaults(func=consent_show)
