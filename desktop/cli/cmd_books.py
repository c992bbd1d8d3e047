"""Commands that write to the books: forms, journal, saldo awal, assets, closing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.books.assets import depreciate_month, list_assets
from desktop.books.dates import parse_date, parse_month, today, year_start
from desktop.books.errors import InputError
from desktop.books.fmt import number, quantity
from desktop.books.forms import FORMS, TxInput, post_tx
from desktop.books.history import list_entries
from desktop.books.journal import post_journal
from desktop.books.journal_csv import export_journal, import_journal
from desktop.books.ledger import close_period, reverse_entry
from desktop.books.money import parse_amount, parse_qty, sen_str
from desktop.books.nota import CHANNELS, nota_of
from desktop.books.opening import OpeningAsset, OpeningInput, post_opening
from desktop.books.returns import ORIGINALS
from desktop.books.sanity import check_unusual
from desktop.cli.context import Output, business_options, json_option, opened, pairs
from desktop.cli.textout import simple_table


def tx_add(args: argparse.Namespace) -> Output:
    # A return with no --via gives the money back the way the original nota was paid.
    via = args.via or ("" if args.type in ORIGINALS else "kas")
    tx = TxInput(type=args.type, date=args.date or today(), amount=args.amount, via=via,
                 account=args.account, item=args.item, qty=args.qty, party=args.party,
                 due=args.due, memo=args.memo or "", confirm=args.confirm,
                 interest=args.interest, materials=pairs(args.material, field="material"),
                 name=args.name, life_months=args.life_months, residual=args.residual,
                 into=getattr(args, "into", None), of=getattr(args, "of", None),
                 lines=getattr(args, "line", None) or [],
                 discount=getattr(args, "discount", None), channel=getattr(args, "channel", None))
    with opened(args) as book:
        # The desktop form's question before an amount far above the usual (--confirm says
        # yes); dates are not asked about here: scripts import old records by their date.
        check_unusual(book.conn, amounts=[tx.amount, tx.interest], day=parse_date(tx.date),
                      today=None, confirmed=tx.confirm)
        posted = post_tx(book, tx)
    return Output(posted.as_dict(), warnings=posted.warnings)


def tx_show(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        nota = nota_of(book.conn, args.ref)
    rows = [(ln.sku or ln.name, ln.name, quantity(ln.qty), number(ln.price), number(ln.discount),
             number(ln.total)) for ln in nota.lines]
    rows += [("", "Potongan nota", "", "", "", number(-nota.discount))] if nota.discount else []
    rows.append(("", "Total", "", "", "", number(nota.total)))
    head = f"{nota.ref} · {nota.date.isoformat()} · {nota.type}" + (
        f" · {nota.channel}" if nota.channel else "")
    text = head + "\n" + simple_table(("SKU", "Barang", "Jumlah", "Harga", "Potongan", "Total"),
                                      rows, right=(2, 3, 4, 5))
    return Output(nota.to_json(), text)


def till_close(args: argparse.Namespace) -> Output:
    from desktop.books.kasir_close import close_till

    day = parse_date(args.date, field="date") if args.date else today()
    with opened(args) as book:
        closed = close_till(book, day=day, counted=parse_amount(args.counted, field="counted"),
                            reason=args.reason or "")
    return Output(closed.to_json())


def tx_reverse(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        posted = reverse_entry(conn, ref=args.ref, reason=args.reason, date=args.date,
                               device_id=book.device_id, correction=args.correction)
    return Output({**posted.as_dict(), "reverses": args.ref})


def tx_list(args: argparse.Namespace) -> Output:
    end = parse_date(args.to, field="to") if args.to else today()
    start = parse_date(args.from_, field="from") if args.from_ else year_start(end)
    with opened(args) as book:
        entries = list_entries(book.conn, start=start, end=end, limit=args.limit)
    text = simple_table(("Tanggal", "Ref", "Jenis", "Keterangan", "Jumlah", "Status"),
                        [(e.date.isoformat(), e.ref, e.kind, e.memo, number(e.amount), e.status)
                         for e in entries], right=(4,), empty="Tidak ada transaksi.")
    return Output([e.to_json() for e in entries], text)


def journal_add(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        posted = post_journal(book, date=args.date or today().isoformat(), memo=args.memo or "",
                              debits=pairs(args.debit, field="debit"),
                              credits=pairs(args.credit, field="credit"), party=args.party)
    return Output(posted.as_dict())


def journal_import(args: argparse.Namespace) -> Output:
    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and total:
            print(f"\rMengimpor… {100 * done // total:3d}%", end="", file=sys.stderr)

    with opened(args) as book:
        result = import_journal(book, Path(args.file), skip_existing=args.skip_existing,
                                progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return Output(result.as_dict())


def journal_export(args: argparse.Namespace) -> Output:
    start = parse_date(args.from_, field="from") if args.from_ else None
    end = parse_date(args.to, field="to") if args.to else None
    with opened(args) as book:
        if args.out:
            try:
                with open(args.out, "w", encoding="utf-8", newline="") as handle:
                    count = export_journal(book.conn, handle, date_from=start, date_to=end)
            except OSError as exc:
                raise InputError("Tidak bisa menulis '{value}': {reason}", field="out",
                                 value=args.out, reason=exc.strerror or str(exc)) from exc
            return Output({"lines": count, "file": args.out})
        export_journal(book.conn, sys.stdout, date_from=start, date_to=end)
    return Output(None, "")


def opening(args: argparse.Namespace) -> Output:
    stock = []
    for sku, spec in pairs(args.stock, field="stock"):
        qty, found, cost = spec.partition("@")
        if not found:
            raise InputError("Tulis stok sebagai SKU=JUMLAH@HARGA_POKOK, bukan '{value}'",
                             field="stock", value=f"{sku}={spec}")
        stock.append((sku, parse_qty(qty, field="stock"), parse_amount(cost, field="stock")))
    data = OpeningInput(
        date=args.date,
        accounts=[(c, parse_amount(a, field="account")) for c, a in pairs(args.account,
                                                                           field="account")],
        receivables=[(n, parse_amount(a, field="receivable", allow_zero=False))
                     for n, a in pairs(args.receivable, field="receivable")],
        payables=[(n, parse_amount(a, field="payable", allow_zero=False))
                  for n, a in pairs(args.payable, field="payable")],
        stock=stock, assets=[_opening_asset(raw) for raw in args.asset or []],
        due=[(n, parse_date(d, field="due")) for n, d in pairs(args.due, field="due")])
    with opened(args) as book:
        posted = post_opening(book, data)
    return Output(posted.as_dict())


def _opening_asset(raw: str) -> OpeningAsset:
    parts = [p.strip() for p in raw.split(";")]
    if len(parts) not in (5, 6):
        raise InputError("Tulis aset sebagai NAMA;AKUN;HARGA;TANGGAL_BELI;UMUR_BULAN[;AKUMULASI],"
                         " bukan '{value}'", field="asset", value=raw)
    try:
        life = int(parts[4])
    except ValueError:
        raise InputError("Umur manfaat '{value}' harus angka bulan", field="asset",
                         value=parts[4]) from None
    accumulated = parse_amount(parts[5], field="asset") if len(parts) == 6 else 0
    return OpeningAsset(parts[0], parts[1], parse_amount(parts[2], field="asset",
                                                         allow_zero=False),
                        parse_date(parts[3], field="asset"), life, accumulated)


def asset_add(args: argparse.Namespace) -> Output:
    args.type, args.item, args.qty, args.interest, args.material = (
        "pembelian-aset", None, None, None, None)
    return tx_add(args)


def asset_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        assets = list_assets(book.conn)
    data = [{"id": a.id, "name": a.name, "account": a.account,
             "acquired": a.acquired.isoformat(), "cost": sen_str(a.cost),
             "life_months": a.life_months, "accumulated": sen_str(a.accumulated),
             "book_value": sen_str(a.book_value)} for a in assets]
    text = simple_table(("Nama aset", "Akun", "Tgl beli", "Harga", "Umur (bln)", "Akumulasi",
                         "Nilai buku"),
                        [(a.name, a.account, a.acquired.isoformat(), number(a.cost),
                          a.life_months, number(a.accumulated), number(a.book_value))
                         for a in assets], right=(3, 4, 5, 6), empty="Belum ada aset tetap.")
    return Output(data, text)


def asset_depreciate(args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with opened(args) as book, book.write() as conn:
        posted = depreciate_month(conn, year=year, month=month, device_id=book.device_id)
    return Output(posted.as_dict())


def close(args: argparse.Namespace) -> Output:
    through = parse_date(args.through, field="through")
    with opened(args) as book, book.write() as conn:
        close_period(conn, through=through)
    return Output({"closed_through": through.isoformat()})


def _tx_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", help="tanggal transaksi (TTTT-BB-HH); bawaan hari ini")
    parser.add_argument("--amount", help="jumlah rupiah, misalnya 1250000")
    parser.add_argument("--via",
                        help="kas, bank, qris (atau utang untuk kredit; uang-muka untuk "
                             "terima-piutang dan bayar-utang dari uang muka; piutang/utang "
                             "untuk retur atas nota kredit); bawaan kas")
    parser.add_argument("--account", help="kode akun bila formulir meminta")
    parser.add_argument("--party", help="nama pelanggan, pemasok atau pemberi pinjaman")
    parser.add_argument("--due", help="tanggal jatuh tempo (bawaan 30 hari)")
    parser.add_argument("--memo", help="keterangan")
    parser.add_argument("--confirm", action="store_true", help="lanjutkan meski ada peringatan")
    parser.add_argument("--name", help="nama aset (pembelian-aset, pelepasan-aset)")
    parser.add_argument("--life-months", type=int, help="umur manfaat aset dalam bulan")
    parser.add_argument("--residual", help="nilai sisa aset")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add the tx, journal, saldo-awal, asset and close-period commands."""
    tx = sub.add_parser("tx", help="catat transaksi lewat formulir", parents=[common])
    tsub = tx.add_subparsers(dest="action", required=True, metavar="AKSI")
    add = tsub.add_parser("add", parents=[common])
    business_options(add)
    json_option(add)
    add.add_argument("--type", required=True, choices=list(FORMS), metavar="JENIS",
                     help=", ".join(FORMS))
    _tx_fields(add)
    add.add_argument("--item", help="SKU barang")
    add.add_argument("--qty", help="jumlah barang")
    add.add_argument("--interest", help="bunga yang ikut dibayar (bayar-pinjaman)")
    add.add_argument("--material", action="append", help="bahan produksi SKU=JUMLAH (berulang)")
    add.add_argument("--into", help="tujuan pindah-dana: kas, bank atau qris")
    add.add_argument("--of", metavar="REF",
                     help="nota asal untuk retur-penjualan / retur-pembelian")
    add.add_argument("--line", action="append",
                     help="baris nota SKU:JUMLAH[@HARGA][-POTONGAN], atau *JASA:JUMLAH@HARGA "
                          "(berulang)")
    add.add_argument("--discount", help="potongan untuk seluruh nota (rupiah)")
    add.add_argument("--channel", help="saluran penjualan: " + ", ".join(CHANNELS))
    add.set_defaults(func=tx_add)
    show = tsub.add_parser("show", help="isi nota penjualan atau pembelian", parents=[common])
    business_options(show)
    json_option(show)
    show.add_argument("ref")
    show.set_defaults(func=tx_show)
    rev = tsub.add_parser("reverse", help="batalkan transaksi dengan jurnal balik",
                          parents=[common])
    business_options(rev)
    json_option(rev)
    rev.add_argument("ref")
    rev.add_argument("--reason", required=True)
    rev.add_argument("--date")
    rev.add_argument("--correction", choices=["periode-lalu", "periode-berjalan"],
                     help="untuk transaksi di periode yang sudah ditutup: koreksi periode lalu "
                          "(lewat saldo laba) atau koreksi di periode berjalan")
    rev.set_defaults(func=tx_reverse)
    lst = tsub.add_parser("list", help="daftar transaksi", parents=[common])
    business_options(lst)
    json_option(lst)
    lst.add_argument("--from", dest="from_")
    lst.add_argument("--to")
    lst.add_argument("--limit", type=int, default=500)
    lst.set_defaults(func=tx_list)

    journal = sub.add_parser("journal", help="jurnal umum, impor dan ekspor CSV",
                             parents=[common])
    jsub = journal.add_subparsers(dest="action", required=True, metavar="AKSI")
    imp = jsub.add_parser("import", parents=[common])
    business_options(imp)
    json_option(imp)
    imp.add_argument("file")
    imp.add_argument("--skip-existing", action="store_true")
    imp.set_defaults(func=journal_import)
    exp = jsub.add_parser("export", parents=[common])
    business_options(exp)
    json_option(exp)
    exp.add_argument("--from", dest="from_")
    exp.add_argument("--to")
    exp.add_argument("--out")
    exp.set_defaults(func=journal_export)
    jadd = jsub.add_parser("add", help="jurnal umum bebas", parents=[common])
    business_options(jadd)
    json_option(jadd)
    jadd.add_argument("--date")
    jadd.add_argument("--memo")
    jadd.add_argument("--debit", action="append", help="AKUN=JUMLAH (berulang)")
    jadd.add_argument("--credit", action="append", help="AKUN=JUMLAH (berulang)")
    jadd.add_argument("--party")
    jadd.set_defaults(func=journal_add)

    sa = sub.add_parser("saldo-awal", aliases=["opening"], help="catat saldo awal",
                        parents=[common])
    business_options(sa)
    json_option(sa)
    sa.add_argument("--date", required=True)
    sa.add_argument("--account", action="append", help="AKUN=SALDO (berulang)")
    sa.add_argument("--receivable", action="append", help="PELANGGAN=JUMLAH piutang")
    sa.add_argument("--payable", action="append", help="PEMASOK=JUMLAH utang")
    sa.add_argument("--stock", action="append", help="SKU=JUMLAH@HARGA_POKOK")
    sa.add_argument("--due", action="append",
                    help="PIHAK=TTTT-BB-HH: jatuh tempo piutang/utang saldo awal pihak itu")
    sa.add_argument("--asset", action="append",
                    help="NAMA;AKUN;HARGA;TANGGAL_BELI;UMUR_BULAN[;AKUMULASI]")
    sa.set_defaults(func=opening)

    asset = sub.add_parser("asset", help="aset tetap dan penyusutan", parents=[common])
    ssub = asset.add_subparsers(dest="action", required=True, metavar="AKSI")
    sadd = ssub.add_parser("add", help="beli aset tetap", parents=[common])
    business_options(sadd)
    json_option(sadd)
    _tx_fields(sadd)
    sadd.set_defaults(func=asset_add)
    slist = ssub.add_parser("list", parents=[common])
    business_options(slist)
    json_option(slist)
    slist.set_defaults(func=asset_list)
    dep = ssub.add_parser("depreciate", help="catat penyusutan satu bulan", parents=[common])
    business_options(dep)
    json_option(dep)
    dep.add_argument("--month", required=True, help="TTTT-BB")
    dep.set_defaults(func=asset_depreciate)

    kasir = sub.add_parser("kasir", help="kasir: tutup kasir di akhir hari", parents=[common])
    ksub = kasir.add_subparsers(dest="action", required=True, metavar="AKSI")
    tutup = ksub.add_parser("tutup", help="hitung uang di laci; selisih dicatat",
                            parents=[common])
    business_options(tutup)
    json_option(tutup)
    tutup.add_argument("--counted", required=True, help="uang tunai yang dihitung di laci")
    tutup.add_argument("--reason", help="alasan selisih (wajib bila ada selisih)")
    tutup.add_argument("--date", help="tanggal (bawaan hari ini)")
    tutup.set_defaults(func=till_close)

    cp = sub.add_parser("close-period", help="tutup buku sampai tanggal", parents=[common])
    business_options(cp)
    json_option(cp)
    cp.add_argument("--through", required=True)
    cp.set_defaults(func=close)
