"""`lumbung product|order|question …`: listings on the kabupaten mall, orders, buyers' questions."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.books import dates
from desktop.books.errors import NotFoundError
from desktop.books.fmt import rupiah
from desktop.books.money import parse_amount
from desktop.books.stock import add_item, get_item
from desktop.cli.context import Output, book_command, opened
from desktop.cli.textout import simple_table
from desktop.shop import orders as shop_orders
from desktop.shop import questions as shop_questions
from desktop.shop.listings import (
    CATEGORIES,
    CURATION,
    Listing,
    add_listing,
    list_listings,
    set_published,
)


def _line(listing: Listing) -> tuple[str, ...]:
    return (listing.sku, listing.title, rupiah(listing.price), CURATION[listing.curation],
            str(len(listing.photos)))


def product_add(args: argparse.Namespace) -> Output:
    price = parse_amount(args.price, field="price", allow_zero=False)
    with opened(args) as book, book.write() as conn:
        try:
            get_item(conn, args.sku, field="sku")
        except NotFoundError:  # a product that is not a stock item yet becomes one
            add_item(conn, sku=args.sku, name=args.title, unit=args.unit, price=price)
        listing = add_listing(conn, sku=args.sku, title=args.title, price=price,
                              category=args.category, description=args.description or "",
                              weight_grams=args.weight_grams,
                              photos=[Path(p) for p in args.photo or []],
                              publish=args.publish)
    return Output(listing.as_dict(), f"Produk {listing.sku} '{listing.title}' dicatat "
                                     f"({CURATION[listing.curation]}).")


def product_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        listings = list_listings(book.conn)
    text = simple_table(("SKU", "Judul", "Harga", "Status", "Foto"),
                        [_line(x) for x in listings], right=(2, 4),
                        empty="Belum ada produk toko. Tambah dengan 'product add'.")
    return Output([x.as_dict() for x in listings], text)


def _publish(args: argparse.Namespace, published: bool) -> Output:
    with opened(args) as book, book.write() as conn:
        listing = set_published(conn, args.sku, published)
    state = "menunggu kurasi di Mall" if published else "tidak ditampilkan lagi"
    return Output(listing.as_dict(), f"Produk {listing.sku}: {state}.")


ORDER_FIELDS = ("code", "status", "sku", "qty", "buyer_name", "buyer_phone", "total")
LINE_FIELDS = ("sku", "title", "qty", "unit_price", "total")  # every product of the order


def order_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        found = shop_orders.list_orders(book.conn, args.status)
    data = [{**{k: getattr(o, k) for k in ORDER_FIELDS},
             "lines": [{k: getattr(line, k) for k in LINE_FIELDS} for line in o.lines]}
            for o in found]
    text = simple_table(("Kode", "Status", "Produk", "Pembeli", "Telepon", "Total"),
                        [(o.code, o.status, o.summary, o.buyer_name, o.buyer_phone,
                          rupiah(o.total)) for o in found], right=(5,),
                        empty="Belum ada pesanan dari Mall.")
    return Output(data, text)


def order_print(args: argparse.Namespace) -> Output:
    """`order nota CODE --pdf F` (the sale's nota) and `order label CODE --pdf F`."""
    from desktop.books.errors import InputError
    from desktop.books.pdf.receipt import write_receipt
    from desktop.books.receipt import receipt_for
    from desktop.shop.label import write_label

    with opened(args) as book:
        if args.what == "label":
            path = write_label(book.conn, args.code, Path(args.pdf))
        else:
            order = shop_orders.get_order(book.conn, args.code)
            if not order.sale_ref:
                raise InputError("Pesanan {value} belum diterima, jadi belum ada notanya",
                                 field="code", value=order.code)
            path = write_receipt(receipt_for(book.conn, order.sale_ref), Path(args.pdf),
                                 size=args.size)
    return Output({"pdf": str(path)}, f"Tersimpan: {path}")


def _order_step(args: argparse.Namespace) -> Output:
    day = dates.today()
    with opened(args) as book, book.write() as conn:
        step, code = args.step, args.code
        if step == "accept":
            order = shop_orders.accept(conn, code, device_id=book.device_id, day=day,
                                       confirm=args.confirm)
        elif step == "pay":
            order = shop_orders.pay(conn, code, device_id=book.device_id, day=day)
        elif step == "cancel":
            order = shop_orders.cancel(conn, code, reason=args.reason, device_id=book.device_id)
        elif step == "reject":
            order = shop_orders.reject(conn, code, reason=args.reason)
        elif step == "ship":
            order = shop_orders.ship(conn, code, courier=args.courier, resi=args.resi)
        else:
            order = shop_orders.complete(conn, code)
    return Output(order.as_dict(), f"Pesanan {order.code}: {order.status}.")


def _reject_phone(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        refused = shop_orders.reject_all_from(conn, args.phone, reason=args.reason)
    codes = ", ".join(order.code for order in refused)
    return Output([order.as_dict() for order in refused],
                  f"{len(refused)} pesanan baru dari {args.phone} ditolak"
                  + (f": {codes}." if codes else "."))


def question_list(args: argparse.Namespace) -> Output:
    with opened(args) as book:
        found = shop_questions.list_questions(book.conn, unanswered=args.unanswered)
    text = simple_table(("ID", "Produk", "Penanya", "Pertanyaan", "Jawaban"),
                        [(q.id[:8], q.sku or q.title, q.name, q.question[:60],
                          q.answer[:40] if q.answered else "(belum)") for q in found],
                        empty="Belum ada pertanyaan pembeli.")
    return Output([q.as_dict() for q in found], text)


def question_answer(args: argparse.Namespace) -> Output:
    with opened(args) as book, book.write() as conn:
        question = shop_questions.answer_question(conn, args.id, args.text)
    return Output(question.as_dict(), f"Jawaban untuk {question.name} disimpan; tampil di Mall "
                                      "setelah sinkron.")


def _register_questions(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                        common: argparse.ArgumentParser) -> None:
    question = sub.add_parser("question", help="pertanyaan pembeli di Mall", parents=[common])
    qsub = question.add_subparsers(dest="action", required=True, metavar="AKSI")
    qlist = book_command(qsub, "list", common)
    qlist.add_argument("--unanswered", action="store_true", help="hanya yang belum dijawab")
    qlist.set_defaults(func=question_list)
    answer = book_command(qsub, "answer", common, help="jawab satu pertanyaan")
    answer.add_argument("id", help="ID pertanyaan (boleh 8 huruf pertamanya)")
    answer.add_argument("--text", required=True, help="jawaban yang tampil di Mall")
    answer.set_defaults(func=question_answer)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    """Add `product add|list|publish|unpublish`, `order list|accept|…`, `question list|answer`."""
    _register_orders(sub, common)
    _register_questions(sub, common)
    product = sub.add_parser("product", help="produk di toko online Mall", parents=[common])
    psub = product.add_subparsers(dest="action", required=True, metavar="AKSI")
    add = book_command(psub, "add", common, help="daftarkan barang sebagai produk toko")
    add.add_argument("--sku", required=True)
    add.add_argument("--title", required=True)
    add.add_argument("--price", required=True, help="harga jual dalam rupiah")
    add.add_argument("--category", default="makanan-olahan", choices=list(CATEGORIES))
    add.add_argument("--description")
    add.add_argument("--weight-grams", type=int, default=0)
    add.add_argument("--unit", default="pcs", help="satuan bila barang belum ada (pcs, bks…)")
    add.add_argument("--photo", action="append", help="berkas foto (boleh sampai 5 kali)")
    add.add_argument("--publish", action="store_true", help="langsung ajukan tayang")
    add.set_defaults(func=product_add)
    plist = book_command(psub, "list", common)
    plist.set_defaults(func=product_list)
    for name, published in (("publish", True), ("unpublish", False)):
        command = book_command(psub, name, common)
        command.add_argument("sku")
        command.set_defaults(func=lambda a, p=published: _publish(a, p))


def _register_orders(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    order = sub.add_parser("order", help="pesanan dari toko online Mall", parents=[common])
    osub = order.add_subparsers(dest="action", required=True, metavar="AKSI")
    olist = book_command(osub, "list", common)
    olist.add_argument("--status", choices=list(shop_orders.STATUSES))
    olist.set_defaults(func=order_list)
    options = {"accept": ("--confirm",), "reject": ("--reason",), "pay": (),
               "ship": ("--courier", "--resi"), "complete": (), "cancel": ("--reason",)}
    for step, extra in options.items():
        command = book_command(osub, step, common)
        command.add_argument("code")
        for name in extra:
            if name == "--confirm":
                command.add_argument(name, action="store_true",
                                     help="terima walau stok kurang")
            else:
                command.add_argument(name, required=True)
        command.set_defaults(func=_order_step, step=step)
    every = book_command(osub, "reject-phone", common,
                         help="tolak semua pesanan baru dari satu nomor HP")
    every.add_argument("phone", help="nomor HP pembeli (0812…, +62 812…)")
    every.add_argument("--reason", required=True, help="alasan yang dibaca pembeli")
    every.set_defaults(func=_reject_phone)
    for what in ("nota", "label"):
        command = book_command(osub, what, common, help="nota penjualan pesanan"
                               if what == "nota" else "label kirim (A6) untuk paket")
        command.add_argument("code")
        command.add_argument("--pdf", required=True, help="berkas PDF yang ditulis")
        if what == "nota":
            command.add_argument("--size", choices=("a5", "58mm"), default="a5")
        command.set_defaults(func=order_print, what=what)
