"""`lumbung report NAME`: compute once, then print as text or JSON, or write CSV/XLSX/PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.books.business import get_profile
from desktop.books.dates import parse_date, today, year_start
from desktop.books.render.tabular import write_csv, write_xlsx
from desktop.books.render.text import render_text
from desktop.books.reports.catalog import REPORTS, AnyReport, ReportArgs, run_report, tables_of
from desktop.books.reports.ledger_report import BukuBesar
from desktop.books.reports.pack import Pack
from desktop.cli.context import Output, business_options, json_option, opened


def report(args: argparse.Namespace) -> Output:
    end = parse_date(args.to, field="to") if args.to else None
    as_of = parse_date(args.as_of, field="as-of") if args.as_of else None
    end = end or as_of or today()
    start = parse_date(args.from_, field="from") if args.from_ else year_start(end)
    spec = ReportArgs(as_of=as_of or end, start=start, end=end, account=args.account,
                      sku=args.sku)
    with opened(args) as book, book.read() as conn:
        result = run_report(conn, args.name, spec)
        business = get_profile(conn).name
        written = _write_files(args, result, business)
        if written:
            return Output({"report": args.name, "files": written}, "\n".join(written))
        if args.json:  # the text table of a long ledger costs far more than its JSON
            return Output(result.to_json())
        text = "\n".join(render_text(table, business=business) for table in tables_of(result))
        return Output(result.to_json(), text)


def _write_files(args: argparse.Namespace, result: AnyReport, business: str) -> list[str]:
    """Write the files asked for; rows of long ledgers stream from the open books."""
    written = []
    if args.pdf:
        written.append(str(_write_pdf(Path(args.pdf), result, business)))
    for target, writer in ((args.csv, write_csv), (args.xlsx, write_xlsx)):
        if target:
            tables = tables_of(result)
            for index, table in enumerate(tables):
                path = Path(target) if len(tables) == 1 else _numbered(Path(target), index)
                written.append(str(writer(table, path)))
    return written


def _write_pdf(path: Path, result: AnyReport, business: str) -> Path:
    from desktop.books.pdf.pack import write_pack  # ReportLab loads only for PDFs
    from desktop.books.pdf.single import write_tables

    if isinstance(result, Pack):
        return write_pack(result, path)
    total = result.line_count if isinstance(result, BukuBesar) else 0
    done = [0]

    def progress(rows: int) -> None:
        done[0] += rows
        if total > 2000 and sys.stderr.isatty():
            print(f"\rMenulis PDF… {min(100, 100 * done[0] // total):3d}%", end="",
                  file=sys.stderr)

    written = write_tables(tables_of(result), path, business=business, on_rows=progress)
    if total > 2000 and sys.stderr.isatty():
        print(file=sys.stderr)
    return written


def nota(args: argparse.Namespace) -> Output:
    from desktop.books.receipt import receipt_for

    with opened(args) as book:
        receipt = receipt_for(book.conn, args.ref, kuitansi=args.kuitansi)
    if args.escpos:
        from desktop.books.escpos import send_to_printer, slip_bytes

        size = args.size if args.size != "a5" else "58mm"
        job = slip_bytes(receipt, size=size)
        send_to_printer(job, args.escpos)
        return Output({"report": "nota", "printer": args.escpos, "bytes": len(job)},
                      f"{len(job)} byte ke {args.escpos}")
    if args.pdf:
        from desktop.books.pdf.receipt import write_receipt

        path = write_receipt(receipt, Path(args.pdf), size=args.size)
        return Output({"report": "nota", "files": [str(path)]}, str(path))
    data = receipt.to_json()
    lines = [receipt.profile.name, f"{receipt.title} {receipt.ref} · {receipt.date.isoformat()}"]
    lines += [f"  {line['name']}: {line['amount']}" for line in data["lines"]]  # type: ignore[attr-defined]
    lines += [f"Jumlah: {data['total']} ({receipt.words})", f"Pembayaran: {receipt.payment}"]
    return Output(data, "\n".join(lines))


def _numbered(path: Path, index: int) -> Path:
    return path.with_name(f"{path.stem}-{index + 1:03d}{path.suffix}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add the report command."""
    parser = sub.add_parser("report", help="laporan keuangan dan lainnya", parents=[common])
    business_options(parser)
    json_option(parser)
    parser.add_argument("name", choices=list(REPORTS), metavar="NAMA",
                        help=", ".join(REPORTS))
    parser.add_argument("--as-of", help="per tanggal (posisi keuangan, neraca saldo, umur)")
    parser.add_argument("--from", dest="from_", help="dari tanggal (bawaan 1 Januari)")
    parser.add_argument("--to", help="sampai tanggal (bawaan hari ini)")
    parser.add_argument("--account", help="kode akun (buku besar)")
    parser.add_argument("--sku", help="SKU barang (kartu stok)")
    parser.add_argument("--csv", help="simpan sebagai CSV")
    parser.add_argument("--xlsx", help="simpan sebagai Excel")
    parser.add_argument("--pdf", help="cetak sebagai PDF (A4)")
    parser.set_defaults(func=report)
    slip = sub.add_parser("nota", help="nota penjualan atau kuitansi satu transaksi",
                          parents=[common])
    business_options(slip)
    json_option(slip)
    slip.add_argument("ref", help="nomor transaksi, misalnya PT-2026-000012")
    slip.add_argument("--size", choices=("a5", "58mm", "80mm"), default="a5",
                      help="a5, atau 58mm / 80mm untuk printer thermal")
    slip.add_argument("--kuitansi", action="store_true",
                      help="kuitansi penjualan tunai (berisi setiap baris nota)")
    slip.add_argument("--pdf", help="cetak sebagai PDF")
    slip.add_argument("--escpos", metavar="PRINTER",
                      help="cetak langsung ke printer thermal ESC/POS: tcp://HOST:9100, "
                           "/dev/usb/lp0, COM3 atau file")
    slip.set_defaults(func=nota)
