"""Commands for businesses, accounts, parties and items."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.books import accounts as acc
from desktop.books.business import (
    BUSINESS_TYPES,
    EDITABLE,
    create_business,
    get_logo,
    get_profile,
    list_businesses,
    set_logo,
    update_profile,
)
from desktop.books.errors import InputError
from desktop.books.fmt import number, quantity
from desktop.books.money import milli_str, parse_amount, sen_str
from desktop.books.parties import list_parties
from desktop.books.stock import add_item, find_by_code, list_items, unit_cost
from desktop.books.unlock import change_pin, new_recovery_code, reset_pin
from desktop.cli.cmd_dinas import apply_dinas_edit, dinas_options
from desktop.cli.cmd_qris import register_qris
from desktop.cli.context import (
    Output,
    business_options,
    data_dir,
    json_option,
    opened,
    pin_of,
    read_stdin_line,
)
from desktop.cli.textout import simple_table

_PROFILE_FLAGS = ("owner", "address", "desa", "kecamatan", "kabupaten", "provinsi", "phone",
                  "email", "category", "nib", "npwp", "pirt", "taxpayer")


def business_create(args: argparse.Namespace) -> Output:
    profile = {k: getattr(args, k) for k in (*_PROFILE_FLAGS, "type") if getattr(args, k)}
    pin = pin_of(args)
    if not pin:
        raise InputError("Tulis PIN baru dengan --pin-stdin (atau --pin)", field="pin")
    ref = create_business(data_dir(args), name=args.name, pin=pin, **profile)
    note = (f"KODE PEMULIHAN: {ref.recovery_code}. Tulis kode ini di kertas dan simpan di "
            "tempat aman. Hanya kode ini yang bisa membuka buku bila PIN lupa; kode ini tidak "
            "akan ditampilkan lagi.")
    return Output({**ref.as_dict(), "recovery_code": ref.recovery_code}, warnings=(note,))


def business_list(args: argparse.Namespace) -> Output:
    refs = list_businesses(data_dir(args))
    data = [ref.as_dict() for ref in refs]
    text = simple_table(("Slug", "Nama usaha", "ID"), [(r.slug, r.name, r.id) for r in refs],
                        empty="Belum ada usaha di komputer ini. Buat dengan 'business create'.")
    return Output(data, text)


def business_show(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        profile = get_profile(book.conn).as_dict()
    text = simple_table(("Kolom", "Isi"), list(profile.items()))
    return Output({**profile, "slug": book.business.slug}, text)


def business_edit(args: argparse.Namespace) -> Output:
    changes = {k: getattr(args, k) for k in EDITABLE if getattr(args, k, None) is not None}
    with opened(args) as book:
        profile = update_profile(book, **changes)
        if args.logo is not None:
            set_logo(book, Path(args.logo) if args.logo else None)
        has_logo = get_logo(book.conn) is not None
        dinas = apply_dinas_edit(book, args)
    return Output({**profile.as_dict(), "logo": has_logo,
                   **({"dinas_profile": dinas} if dinas is not None else {})})


def business_pin(args: argparse.Namespace) -> Output:
    old_pin = pin_of(args) or ""  # with --pin-stdin, the first line of stdin
    new_pin = read_stdin_line() if args.new_pin_stdin else args.new_pin
    if not new_pin:
        raise InputError("Tulis PIN baru dengan --new-pin-stdin (atau --new-pin)",
                         field="new-pin")
    with opened(args) as book:
        code = change_pin(book, old_pin=old_pin, new_pin=new_pin)
    text = (f"PIN sudah diganti dan buku dikunci ulang dengan kunci baru.\n"
            f"KODE PEMULIHAN BARU: {code}\n"
            "Kode yang lama tidak berlaku lagi. Tulis kode ini di kertas dan simpan di tempat "
            "aman; kode ini tidak akan ditampilkan lagi.\n"
            "Cadangan lama tetap terbuka dengan PIN dan kode pada saat cadangan itu dibuat.\n")
    return Output({"ok": True, "message": "PIN sudah diganti", "recovery_code": code}, text)


def business_reset_pin(args: argparse.Namespace) -> Output:
    new_pin = read_stdin_line() if args.pin_stdin else args.new_pin
    if not new_pin:
        raise InputError("Tulis PIN baru dengan --pin-stdin atau --new-pin", field="new-pin")
    ref = reset_pin(data_dir(args), args.business, recovery_code=args.recovery_code,
                    new_pin=new_pin)
    return Output({"ok": True, "business": ref.slug,
                   "message": "PIN baru sudah dipasang; kode pemulihan tetap sama"})


def business_recovery_code(args: argparse.Namespace) -> Output:
    pin = pin_of(args) or ""
    with opened(args) as book:
        code = new_recovery_code(book, pin=pin)
    text = (f"KODE PEMULIHAN BARU: {code}\n"
            "Kode yang lama tidak berlaku lagi. Tulis kode ini di kertas dan simpan di tempat aman.")
    return Output({"recovery_code": code}, text)


def account_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        chart = acc.list_accounts(book.conn)
    data = [{"code": a.code, "name": a.name, "group": a.group, "normal": a.normal,
             "active": a.active} for a in chart]
    text = simple_table(("Kode", "Nama akun", "Kelompok", "Saldo normal", "Aktif"),
                        [(a.code, a.name, acc.GROUPS[a.group][0], a.normal,
                          "ya" if a.active else "tidak") for a in chart])
    return Output(data, text)


def account_add(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        account = acc.add_account(conn, code=args.code, name=args.name, group=args.group)
    return Output({"code": account.code, "name": account.name, "group": account.group})


def account_rename(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        account = acc.rename_account(conn, code=args.code, name=args.name)
    return Output({"code": account.code, "name": account.name})


def account_active(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        account = acc.set_account_active(conn, code=args.code, active=args.active)
    return Output({"code": account.code, "active": account.active})


def account_delete(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        acc.delete_account(conn, code=args.code)
    return Output({"code": args.code, "deleted": True})


def party_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        parties = list_parties(book.conn)
    data = [{"id": p.id, "name": p.name, "kind": p.kind, "piutang": sen_str(p.receivable),
             "utang": sen_str(p.payable)} for p in parties]
    text = simple_table(("Nama", "Jenis", "Piutang", "Utang"),
                        [(p.name, p.kind, number(p.receivable), number(p.payable))
                         for p in parties], right=(2, 3),
                        empty="Belum ada pelanggan atau pemasok.")
    return Output(data, text)


def item_add(args: argparse.Namespace) -> Output:
    price = parse_amount(args.price, field="price") if args.price else 0
    with opened(args) as book, book.write() as conn:
        item = add_item(conn, sku=args.sku, name=args.name, unit=args.unit, price=price,
                        category=args.category or "", account=args.account,
                        barcode=args.barcode or "")
    return Output({"id": item.id, "sku": item.sku, "name": item.name, "barcode": item.barcode})


def item_labels(args: argparse.Namespace) -> Output:
    from pathlib import Path

    from desktop.books.pdf.labels import needs_label, write_labels

    with opened(args) as book:
        items = [item for item, _level in list_items(book.conn)]
    chosen = [i for i in items if i.active] if args.all else needs_label(items)
    if args.sku:
        wanted = {sku.strip().casefold() for sku in args.sku}
        chosen = [i for i in items if i.sku.casefold() in wanted]
    path = write_labels(chosen, Path(args.pdf), copies=args.copies)
    return Output({"file": str(path), "labels": len(chosen) * args.copies,
                   "skus": [i.sku for i in chosen]}, str(path))


def item_find(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        item = find_by_code(book.conn, args.code, field="code")
    data = {"id": item.id, "sku": item.sku, "name": item.name, "unit": item.unit,
            "price": sen_str(item.price), "barcode": item.barcode}
    return Output(data, simple_table(("Kolom", "Isi"), list(data.items())))


def item_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        items = list_items(book.conn)
    data = [{"sku": i.sku, "name": i.name, "unit": i.unit, "category": i.category,
             "price": sen_str(i.price), "qty": milli_str(s.qty), "value": sen_str(s.value)}
            for i, s in items]
    text = simple_table(("SKU", "Nama barang", "Satuan", "Harga jual", "Stok", "HPP/unit",
                         "Nilai stok"),
                        [(i.sku, i.name, i.unit, number(i.price), quantity(s.qty),
                          number(unit_cost(s)), number(s.value)) for i, s in items],
                        right=(3, 4, 5, 6), empty="Belum ada barang.")
    return Output(data, text)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add the business, account, party and item commands."""
    business = sub.add_parser("business", help="usaha di komputer ini", parents=[common])
    bsub = business.add_subparsers(dest="action", required=True, metavar="AKSI")
    create = bsub.add_parser("create", help="buat usaha baru", parents=[common])
    create.add_argument("--name", required=True)
    create.add_argument("--pin", help="PIN baru (lebih aman: --pin-stdin)")
    create.add_argument("--pin-stdin", action="store_true",
                        help="baca PIN dari baris pertama stdin")
    create.add_argument("--type", choices=BUSINESS_TYPES)
    for flag in _PROFILE_FLAGS:
        create.add_argument(f"--{flag}")
    json_option(create)
    create.set_defaults(func=business_create)
    lst = bsub.add_parser("list", help="daftar usaha", parents=[common])
    json_option(lst)
    lst.set_defaults(func=business_list)
    show = bsub.add_parser("show", help="profil usaha", parents=[common])
    business_options(show)
    json_option(show)
    show.set_defaults(func=business_show)
    edit = bsub.add_parser("edit", help="ubah profil usaha", parents=[common])
    business_options(edit)
    edit.add_argument("--name")
    edit.add_argument("--type", choices=BUSINESS_TYPES)
    for flag in _PROFILE_FLAGS:
        edit.add_argument(f"--{flag}")
    edit.add_argument("--logo", help="gambar PNG/JPEG untuk sampul dan nota ('' menghapus)")
    dinas_options(edit)
    json_option(edit)
    edit.set_defaults(func=business_edit)
    pin = bsub.add_parser("pin", help="ganti PIN (PIN lama lalu PIN baru); buku dikunci ulang "
                          "dan kode pemulihan baru dicetak", parents=[common])
    business_options(pin)
    new_pin = pin.add_mutually_exclusive_group(required=True)
    new_pin.add_argument("--new-pin", help="PIN baru")
    new_pin.add_argument("--new-pin-stdin", action="store_true",
                         help="baca PIN baru dari stdin (baris kedua bila --pin-stdin juga)")
    json_option(pin)
    pin.set_defaults(func=business_pin)
    reset = bsub.add_parser("reset-pin", help="PIN lupa: pasang PIN baru dengan kode pemulihan",
                            parents=[common])
    reset.add_argument("--business", required=True, help="id atau slug usaha")
    reset.add_argument("--recovery-code", required=True, help="kode pemulihan dari kertas catatan")
    how = reset.add_mutually_exclusive_group(required=True)
    how.add_argument("--pin-stdin", action="store_true", help="baca PIN baru dari stdin")
    how.add_argument("--new-pin", help="PIN baru")
    json_option(reset)
    reset.set_defaults(func=business_reset_pin)
    code = bsub.add_parser("recovery-code", help="buat kode pemulihan baru (perlu PIN)",
                           parents=[common])
    business_options(code)
    json_option(code)
    code.set_defaults(func=business_recovery_code)
    register_qris(bsub, common)

    account = sub.add_parser("account", help="bagan akun", parents=[common])
    asub = account.add_subparsers(dest="action", required=True, metavar="AKSI")
    for name, func, extra in (("list", account_list, ()), ("add", account_add, ("code", "name",
                              "group")), ("rename", account_rename, ("code", "name")),
                              ("delete", account_delete, ("code",))):
        parser = asub.add_parser(name, parents=[common])
        business_options(parser)
        json_option(parser)
        for flag in extra:
            parser.add_argument(f"--{flag}", required=True)
        parser.set_defaults(func=func)
    for name, active in (("deactivate", False), ("activate", True)):
        parser = asub.add_parser(name, parents=[common])
        business_options(parser)
        json_option(parser)
        parser.add_argument("--code", required=True)
        parser.set_defaults(func=account_active, active=active)

    party = sub.add_parser("party", help="pelanggan dan pemasok", parents=[common])
    psub = party.add_subparsers(dest="action", required=True, metavar="AKSI")
    plist = psub.add_parser("list", parents=[common])
    business_options(plist)
    json_option(plist)
    plist.set_defaults(func=party_list)

    item = sub.add_parser("item", help="barang persediaan", parents=[common])
    isub = item.add_subparsers(dest="action", required=True, metavar="AKSI")
    iadd = isub.add_parser("add", parents=[common])
    business_options(iadd)
    json_option(iadd)
    iadd.add_argument("--sku", required=True)
    iadd.add_argument("--name", required=True)
    iadd.add_argument("--unit", required=True)
    iadd.add_argument("--price")
    iadd.add_argument("--category")
    iadd.add_argument("--account", default="1301", help="1301 barang jadi, 1302 bahan baku")
    iadd.add_argument("--barcode", help="kode yang dibaca pemindai di kasir (EAN-13, Code128)")
    iadd.set_defaults(func=item_add)
    ilab = isub.add_parser("labels", help="lembar label barcode (Code128) untuk barang tanpa "
                                          "barcode", parents=[common])
    business_options(ilab)
    json_option(ilab)
    ilab.add_argument("--pdf", required=True, help="file PDF (A4, 24 label per lembar)")
    ilab.add_argument("--all", action="store_true", help="semua barang aktif, juga yang sudah "
                                                          "punya barcode")
    ilab.add_argument("--sku", action="append", help="hanya barang ini (berulang)")
    ilab.add_argument("--copies", type=int, default=1, help="label per barang")
    ilab.set_defaults(func=item_labels)
    ifind = isub.add_parser("find", help="cari barang menurut barcode atau SKU",
                            parents=[common])
    business_options(ifind)
    json_option(ifind)
    ifind.add_argument("code")
    ifind.set_defaults(func=item_find)
    ilist = isub.add_parser("list", parents=[common])
    business_options(ilist)
    json_option(ilist)
    ilist.set_defaults(func=item_list)
