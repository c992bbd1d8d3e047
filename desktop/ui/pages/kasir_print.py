"""The counter's nota on the system printer: the books write the slip as a PDF on the worker,
and the GUI thread draws it onto the OS's default printer without a dialog."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desktop.books.book import Book
from desktop.books.kasir import printer_setting
from desktop.ui.pdfpreview import configure_printer, render_pages
from desktop.ui.session import Session


def default_printer() -> QPrinter:
    """The OS's default printer (a test swaps this for a PDF file)."""
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def print_on_system(session: Session, ref: str,
                    failed: Callable[[BaseException], None]) -> None:
    """Write nota `ref` at the kasir's paper width and print it on the default printer."""
    def work(book: Book) -> Path:
        from desktop.books.pdf.receipt import write_receipt
        from desktop.books.receipt import receipt_for

        _target, paper = printer_setting(book.conn)
        handle, name = tempfile.mkstemp(prefix="nota-", suffix=".pdf")
        os.close(handle)  # ReportLab writes the file itself
        return write_receipt(receipt_for(book.conn, ref), Path(name), size=paper)

    def draw(path: Path) -> None:
        document = QPdfDocument()
        try:
            document.load(str(path))
            printer = default_printer()
            printer.setDocName(f"Nota {ref}")
            configure_printer(printer, document)
            if render_pages(document, printer) < 1:
                raise OSError(f"printer sistem menolak nota {ref}")
        except OSError as exc:
            failed(exc)
        finally:
            document.close()
            path.unlink(missing_ok=True)

    session.run(work, done=draw, failed=failed)
