"""The free journal (jurnal umum) for the pendamping: any accounts, as long as it balances."""

from __future__ import annotations

from collections.abc import Sequence

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
    with book.write() as conn:
        party_id = ensure_party(conn, party, kind="lainnya").id if party else None
        draft = EntryDraft("jurnal-umum", day, memo.strip(), lines, party_id=party_id)
        return post_entry(conn, draft, device_id=book.device_id)
