"""`lumbung report NAME`: compute once, then print as text or JSON, or write CSV/XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.books.business import get_profile
from desktop.books.dates import parse_date, today, year_start
from desktop.books.render.tabular import write_csv, write_xlsx
from desktop.books.render.text import render_text
from desktop.books.reports.catalog import REPORTS, ReportArgs, run_report, tables_of
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
        data = result.to_json()
        tables = tables_of(result)
        business = get_profile(conn).name
    written = []
    for target, writer in ((args.csv, write_csv), (args.xlsx, write_xlsx)):
        if target:
            for index, table in enumerate(tables):
                path = Path(target) if len(tables) == 1 else _numbered(Path(target), index)
                written.append(str(writer(table, path)))
    if written:
        return Output({"report": args.name, "files": written}, "\n".join(written))
    text = "\n".join(render_text(table, business=business) for table in tables)
    return Output(data, text)


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
    parser.set_defaults(func=report)
