"""Toko → Pertanyaan: buyers' questions from the mall, and the owner's answer to each."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.i18n import tr
from desktop.shop.questions import Question, answer_question, list_questions
from desktop.ui.errors import show_error
from desktop.ui.pages.stock_table import (
    Column,
    Row,
    RowsModel,
    replace_rows,
    rows_view,
    selected_key,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, plain, primary_button


def question_rows(questions: list[Question]) -> list[Row]:
    """Questions as table rows; unanswered ones stand out."""
    return [Row([q.asked_at[:10], q.title or q.sku, q.name, q.question.replace("\n", " "),
                 tr("Sudah dijawab") if q.answered else tr("Belum dijawab")],
                [q.asked_at, q.title, q.name, q.question, q.answered],
                key=q.id, mark="" if q.answered else "low") for q in questions]


class QuestionsPanel(QWidget):
    """The question table, the chosen question in full, and a box for the answer."""

    changed = Signal(str)  # a message after an answer was saved
    waiting = Signal(int)  # how many questions shown have no answer yet (the tab's count)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.questions: dict[str, Question] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.only_open = QCheckBox(tr("Hanya yang belum dijawab"))
        self.only_open.setObjectName("questions-open")
        self.only_open.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.only_open)
        self.model = RowsModel([Column(tr("Tanggal")), Column(tr("Produk")),
                                Column(tr("Penanya")), Column(tr("Pertanyaan")),
                                Column(tr("Status"))])
        self.table = rows_view(self.model, stretch=3)
        self.table.setObjectName("questions")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        layout.addWidget(self.table, 1)
        self.asked = plain(QLabel())  # a buyer's words: never read as markup
        self.asked.setObjectName("question-text")
        self.asked.setWordWrap(True)
        layout.addWidget(self.asked)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("question-answer")
        self.answer.setPlaceholderText(tr("Tulis jawaban Anda. Jawaban tampil untuk semua "
                                          "pembeli di halaman produk."))
        self.answer.setMaximumHeight(110)
        layout.addWidget(self.answer)
        row = QHBoxLayout()
        self.save = primary_button(tr("Simpan jawaban"))
        self.save.setObjectName("question-save")
        self.save.clicked.connect(lambda: self.submit())
        row.addWidget(self.save)
        row.addWidget(muted(tr("Terkirim ke Mall saat sinkron berikutnya.")), 1)
        layout.addLayout(row)
        self._chosen()

    def refresh(self) -> None:
        """Read the questions (all, or only the unanswered)."""
        only_open = self.only_open.isChecked()
        self.session.run(lambda book: list_questions(book.conn, unanswered=only_open),
                         done=self._show)

    def _show(self, questions: list[Question]) -> None:
        self.questions = {q.id: q for q in questions}
        replace_rows(self.table, self.model, question_rows(questions))
        self._chosen()
        self.waiting.emit(sum(not q.answered for q in questions))

    def selected(self) -> Question | None:
        """The question chosen in the table."""
        key = selected_key(self.table)
        return self.questions.get(key) if isinstance(key, str) else None

    def _chosen(self, *_args: QModelIndex) -> None:
        question = self.selected()
        self.answer.setEnabled(question is not None)
        self.save.setEnabled(question is not None)
        if question is None:
            self.asked.setText(tr("Pertanyaan pembeli dari halaman produk di Mall muncul di "
                                  "sini setelah sinkron."))
            self.answer.setPlainText("")
            return
        self.asked.setText(tr("{name} bertanya tentang {product}:", name=question.name,
                              product=question.title or question.sku)
                           + "\n" + question.question)
        self.answer.setPlainText(question.answer)
        self.save.setText(tr("Ubah jawaban") if question.answered else tr("Simpan jawaban"))

    def submit(self, text: str | None = None) -> None:
        """Save the answer typed (or `text`) for the chosen question."""
        question = self.selected()
        if question is None:
            return
        answer = self.answer.toPlainText() if text is None else text
        key = question.id

        def work(book: Book) -> Question:
            with book.write() as conn:
                return answer_question(conn, key, answer)

        self.session.run(work, done=self._saved, failed=lambda exc: show_error(self, exc),
                         changes=("shop",))

    def _saved(self, question: Question) -> None:
        self.changed.emit(tr("Jawaban untuk {name} disimpan; tampil di Mall setelah sinkron.",
                             name=question.name))
        self.refresh()
