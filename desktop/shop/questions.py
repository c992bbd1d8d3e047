"""Buyers' public questions on the mall, and the owner's answers from the desktop.

A question is asked on a product page and reaches every PC of the business at the next sync
(sync_client/apply_shop.py). The owner's answer is stored here and queued as an `answer`
change; the mall shows it under the question once it arrives. An answer can be corrected
later: the newest one is shown.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass

from desktop.books.errors import InputError, NotFoundError
from desktop.books.outbox import record_change

MAX_ANSWER = 2000  # the mall keeps this much (server/shop/questions.py)


@dataclass(frozen=True)
class Question:
    """One buyer's question, with the product it is about and the answer once given."""

    id: str
    listing_id: str
    sku: str
    title: str
    name: str
    question: str
    answer: str
    asked_at: str
    answered_at: str | None

    @property
    def answered(self) -> bool:
        """Whether the owner has answered it."""
        return self.answered_at is not None

    def as_dict(self) -> dict[str, object]:
        """What `lumbung question list --json` prints."""
        return asdict(self)


_SELECT = ("SELECT q.id, q.listing_id, COALESCE(i.sku, ''), COALESCE(l.title, ''), q.name, "
           "q.question, q.answer, q.asked_at, q.answered_at FROM shop_question q "
           "LEFT JOIN listing l ON l.id = q.listing_id LEFT JOIN item i ON i.id = l.item_id")


def list_questions(conn: sqlite3.Connection, *, unanswered: bool = False) -> list[Question]:
    """Questions, unanswered first, then newest first."""
    where = " WHERE q.answered_at IS NULL" if unanswered else ""
    rows = conn.execute(f"{_SELECT}{where} ORDER BY q.answered_at IS NOT NULL, q.asked_at DESC, "
                        "q.id")
    return [Question(*row) for row in rows]


def get_question(conn: sqlite3.Connection, question_id: str) -> Question:
    """One question by its id (or the start of it, as typed on the command line)."""
    key = question_id.strip().lower()
    rows = conn.execute(f"{_SELECT} WHERE q.id = ? OR (length(?) >= 6 AND q.id LIKE ? || '%') "
                        "LIMIT 2", (key, key, key)).fetchall()
    if not rows:
        raise NotFoundError("Pertanyaan '{value}' tidak ada", field="question", value=question_id)
    if len(rows) > 1:
        raise InputError("Awalan '{value}' cocok dengan lebih dari satu pertanyaan; tulis lebih "
                         "panjang", field="question", value=question_id)
    return Question(*rows[0])


def answer_question(conn: sqlite3.Connection, question_id: str, answer: str) -> Question:
    """Store the owner's answer and queue it for the mall (inside the caller's transaction)."""
    question = get_question(conn, question_id)
    text = answer.strip()
    if not text:
        raise InputError("Jawaban wajib diisi", field="answer", value=answer)
    if len(text) > MAX_ANSWER:
        raise InputError("Jawaban paling panjang {limit} huruf ({value} huruf diisi)",
                         field="answer", value=str(len(text)), limit=MAX_ANSWER)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("UPDATE shop_question SET answer = ?, answered_at = ? WHERE id = ?",
                 (text, now, question.id))
    record_change(conn, "answer", question.id, "insert", {"question": question.id,
                                                         "answer": text})
    return get_question(conn, question.id)


def store_question(conn: sqlite3.Connection, question_id: str, data: dict[str, object]) -> bool:
    """Keep a question pulled from the mall (once); whether it was new here."""
    done = conn.execute(
        "INSERT INTO shop_question (id, listing_id, name, question, asked_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (question_id, str(data["listing"]), str(data["name"])[:60],
         str(data["question"])[:1000], str(data.get("created_at", ""))))
    return bool(done.rowcount)


def store_answer(conn: sqlite3.Connection, question_id: str, answer: str, at: str) -> bool:
    """An answer another PC of this business gave, unless this PC's own is newer."""
    done = conn.execute("UPDATE shop_question SET answer = ?, answered_at = ? WHERE id = ? "
                        "AND (answered_at IS NULL OR answered_at <= ?)",
                        (answer[:MAX_ANSWER], at, question_id, at))
    return bool(done.rowcount)
