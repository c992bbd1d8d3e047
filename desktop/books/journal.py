"""The free journal (jurnal umum) for the pendamping: any accounts, as long as it balances.

Fixed assets stay in step with their register: a debit on a 15xx account registers the asset
(named by the memo, default useful life); crediting 15xx or touching 1509 is refused, because
pelepasan-aset and penyusutan do that with the register.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.books.assets import ACCUMULATED, default_life, register_asset
from desktop.books.book import Book
from desktop.books.dates import parse_date
from desktop.books.errors import InputError
from desktop.books.ledger import EntryDraft, LineDraft, Posted, post_entry
from desktop.books.money import parse_amount
from desktop.books.parties import ensure_party


def post_journal(book: Book, *, date: str, memo: str, debits: Sequence[tuple[str, str]],
                 credits: Sequence[tuple[str, str]], party: str | None = None) -> Posted:
    """Post a free journal entry from (account, amount) pairs on each side."""
    day = parse_date(date)
    if not memo.strip():
        raise InputError("Keterangan jurnal wajib diisi", field="memo")
    lines = [LineDraft(code.strip(), debit=parse_amount(amount, field="debit", allow_zero=False))
             for code, amount in debits]
    lines += [LineDraft(code.strip(), credit=parse_amount(amount, field="credit",
                                                          allow_zero=False))
              for code, amount in credits]
    for number, line in enumerate(lines, start=1):
        if line.account == ACCUMULATED or (line.account.startswith("15") and line.credit):
            raise InputError("Akun {value} hanya lewat formulir aset: pelepasan aset untuk "
                             "menjual atau membuang, penyusutan untuk akumulasi penyusutan",
                             field="account", row=number, value=line.account)
    with book.write() as conn:
        party_id = ensure_party(conn, party, kind="lainnya").id if party else None
        draft = EntryDraft("jurnal-umum", day, memo.strip(), lines, party_id=party_id)
        posted = post_entry(conn, draft, device_id=book.device_id)
        for line in lines:
            if line.account.startswith("15") and line.debit:
                register_asset(conn, name=line.memo or memo.strip(), account=line.account,
                               acquired=day, cost=line.debit, residual=0,
                               life_months=default_life(line.account), entry_seq=posted.seq)
        return posted
