"""The one place that decides how an error reaches the owner."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.books.errors import Cancelled, UserFacingError, traceback_for_log
from desktop.books.i18n import N_, tr

_log_dir: Path | None = None


def set_log_dir(data_dir: Path) -> None:
    """Unexpected errors are written under `<data-dir>/logs/` (made now, as the README says)."""
    global _log_dir
    _log_dir = data_dir / "logs"
    try:
        _log_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        logging.exception("could not make the log folder")


def install_excepthook() -> None:
    """An error in a Qt slot goes to the log file instead of only to a console she never sees."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log_unexpected(exc)
        previous(kind, exc, tb)

    sys.excepthook = hook


def log_unexpected(exc: BaseException) -> str:
    """Write the traceback to the log file and return where it is."""
    folder = _log_dir or Path.home() / ".lumbung-logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "lumbung.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(traceback_for_log(exc))
        return str(path)
    except OSError:
        logging.exception("could not write the log", exc_info=exc)
        return "stderr"


# The books name fields as the command line does; the owner reads the field's label instead.
FIELD_NAMES = {
    "name": N_("Nama"), "pin": N_("PIN"), "reason": N_("Alasan"), "sku": N_("Kode barang"),
    "amount": N_("Jumlah uang"), "qty": N_("Jumlah barang"), "item": N_("Barang"),
    "party": N_("Nama pelanggan / pemasok"), "date": N_("Tanggal"), "due": N_("Jatuh tempo"),
    "unit": N_("Satuan"), "price": N_("Harga"), "account": N_("Jenis"), "memo": N_("Keterangan"),
    "phone": N_("Nomor HP/WA"), "email": N_("Email"), "ref": N_("Nomor transaksi"),
    "min_qty": N_("Stok minimum"), "category": N_("Kategori"), "path": N_("Berkas"),
}


def field_text(exc: UserFacingError) -> str:
    """The refusal itself, without where it is, for showing right under its field."""
    params = dict(exc.params)
    if exc.value is not None:
        params.setdefault("value", exc.value)
    return tr(exc.template, **params)


def plain_message(exc: UserFacingError) -> str:
    """The refusal with the field's label in front, never an internal name ("Kolom name")."""
    text = field_text(exc)
    where = []
    if exc.row is not None:
        where.append(tr("baris {row}", row=exc.row))
    label = FIELD_NAMES.get(exc.field or "")
    if label:
        where.append(tr(label))
    if not where:
        return text
    location = ", ".join(where)
    return f"{location[0].upper()}{location[1:]}: {text}"


def message_for(exc: BaseException) -> str | None:
    """Plain words for an error; None when nothing should be shown (the user cancelled)."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, UserFacingError):
        return plain_message(exc)
    return tr("Terjadi kesalahan yang tidak terduga. Rinciannya dicatat di {log}",
              log=log_unexpected(exc))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show an error as a plain Indonesian sentence in a message box (never a traceback)."""
    text = message_for(exc)
    if text is None:
        return
    shown.append(text)
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Belum berhasil"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-box")
    if _quiet:
        box.open()
    else:
        box.exec()


_quiet = False
shown: list[str] = []  # every message shown, newest last (read by tests and the smoke run)


def quiet_dialogs(on: bool = True) -> None:
    """Open error boxes without blocking (tests read them, then close them)."""
    global _quiet
    _quiet = on
