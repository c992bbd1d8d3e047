"""Public questions on a product, and the seller's answers.

A question shows on the product page at once (as plain, escaped text) and goes to the seller's
desktop as a `question` change; the answer comes back from the desktop in a later step through
`answer_question`. A kurator can hide a question.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from server.models import utcnow
from server.shop.catalog import plain
from server.shop.changes import append_change
from server.shop.models import Product, ProductQuestion
from server.shop.orders import OrderRefused, clean_text

MAX_NAME, MAX_QUESTION, MAX_ANSWER = 60, 1000, 2000


def _clean(value: str, name: str, label: str, limit: int) -> str:
    return clean_text(value, name, label=label, multiline=name != "name", limit=limit)


def ask_question(session: Session, *, product: Product, name: str,
                 question: str) -> ProductQuestion:
    """Add a buyer's question to a product (the caller commits)."""
    asked = ProductQuestion(id=str(uuid.uuid4()), product_id=product.id,
                            business_id=product.business_id,
                            name=_clean(name, "name", "Nama", MAX_NAME),
                            question=_clean(question, "question", "Pertanyaan", MAX_QUESTION),
                            created_at=utcnow())
    session.add(asked)
    append_change(session, business_id=product.business_id, entity="question",
                  entity_id=asked.id, op="insert",
                  data={"listing": product.id, "name": asked.name, "question": asked.question,
                        "created_at": asked.created_at.isoformat()})
    return asked


def answer_question(session: Session, *, business_id: str, question_id: str,
                    answer: str) -> ProductQuestion:
    """The seller's answer (from the seller's desktop; the caller commits)."""
    asked = session.get(ProductQuestion, plain(question_id))
    if asked is None or asked.business_id != business_id:
        raise OrderRefused(404, "Pertanyaan tidak ditemukan")
    asked.answer = _clean(answer, "answer", "Jawaban", MAX_ANSWER)
    asked.answered_at = utcnow()
    session.add(asked)
    session.flush()
    return asked


def hide_question(session: Session, *, question_id: str) -> bool:
    """Take a question off the page (a kurator's call) and off the seller's desktops; whether
    it was shown until now (the caller commits)."""
    asked = session.get(ProductQuestion, plain(question_id))
    if asked is None or asked.hidden:
        return False
    asked.hidden = True
    session.add(asked)
    append_change(session, business_id=asked.business_id, entity="question",
                  entity_id=asked.id, op="delete", data={})
    return True


def recent_questions(session: Session, *, limit: int = 30
                     ) -> list[tuple[ProductQuestion, Product]]:
    """The newest shown questions on the whole mall, with their products (for the kurator)."""
    return [(q, p) for q, p in session.exec(
        select(ProductQuestion, Product).join(Product, col(Product.id) ==
                                              col(ProductQuestion.product_id))
        .where(col(ProductQuestion.hidden).is_(False))
        .order_by(col(ProductQuestion.created_at).desc(), col(ProductQuestion.id))
        .limit(limit))]


def product_questions(session: Session, product_id: str, *, limit: int = 20
                      ) -> list[ProductQuestion]:
    """The questions shown on a product page, newest first."""
    return list(session.exec(select(ProductQuestion).where(
        ProductQuestion.product_id == product_id, col(ProductQuestion.hidden).is_(False))
        .order_by(col(ProductQuestion.created_at).desc(), col(ProductQuestion.id))
        .limit(limit)))
