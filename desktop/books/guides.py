"""Panduan: a short guide per task, like the printed modules of the seeds' training programs.

Each guide names the app's own screenshot (rendered by `make screenshots`) and a few plain
steps; the desktop shows it, and `write_guide_pdf` prints it on one A4 page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.books.i18n import N_, tr


@dataclass(frozen=True)
class Guide:
    """One task: its title, the screenshot it shows, and its steps."""

    key: str
    title: str
    screen: str  # docs/screenshots/<lang>-<size>-<screen>.png
    steps: tuple[str, ...]


GUIDES: tuple[Guide, ...] = (
    Guide("jual", N_("Mencatat penjualan"), "02b-catat-penjualan", (
        N_("Klik Catat Transaksi di kiri, lalu Penjualan tunai."),
        N_("Ketik nama barang, lalu jumlahnya. Harganya terisi sendiri."),
        N_("Pilih Tunai, QRIS atau Transfer bank."),
        N_("Tekan Enter untuk menyimpan. Baris hijau di atas menyebut apa yang tercatat."))),
    Guide("beli", N_("Mencatat pembelian"), "02-catat", (
        N_("Klik Catat Transaksi, lalu Beli barang / bahan."),
        N_("Ketik nama barang. Barang baru? Klik + Barang baru dan isi satuannya."),
        N_("Isi jumlah barang dan uang yang dibayar."),
        N_("Bila belum dibayar, pilih Utang dan isi nama pemasok. Tekan Enter."))),
    Guide("utang", N_("Membayar utang"), "06-utang-piutang", (
        N_("Klik Catat Transaksi, lalu Bayar utang."),
        N_("Pilih pemasok. Sisa utangnya terisi sebagai jumlah."),
        N_("Ubah jumlahnya bila hanya membayar sebagian, lalu tekan Enter."),
        N_("Sisa utang terlihat di halaman Utang Piutang."))),
    Guide("laporan", N_("Mencetak laporan"), "07-laporan", (
        N_("Klik Laporan di kiri."),
        N_("Pilih laporan, misalnya Laba Rugi, dan periodenya, misalnya Bulan ini."),
        N_("Klik Simpan PDF, atau Cetak untuk langsung mencetak."))),
    Guide("cadangan", N_("Cadangan ke flash disk"), "09-pengaturan", (
        N_("Colokkan flash disk."),
        N_("Klik Pengaturan, lalu Cadangan."),
        N_("Klik Buat cadangan dan pilih flash disk itu."),
        N_("Simpan flash disk di tempat lain dari komputer."))),
    Guide("mall", N_("Menghubungkan ke Mall"), "08b-mall", (
        N_("Klik Pengaturan, lalu Mall."),
        N_("Isi alamat Mall, nama pengguna dan sandi dari Dinas."),
        N_("Klik Hubungkan. Setelah itu, kirim perubahan dengan Sinkronkan."))),
)
BY_KEY = {guide.key: guide for guide in GUIDES}

# The one plain hint shown the first time each form is opened.
FORM_HINTS = {
    "penjualan-tunai": N_("Petunjuk: ketik nama barang dan jumlahnya; harga terisi sendiri. "
                          "Tekan Enter untuk menyimpan, Esc untuk kembali."),
    "pembelian-persediaan": N_("Petunjuk: barang yang belum ada bisa ditambah di sini dengan "
                               "+ Barang baru."),
    "beban": N_("Petunjuk: pilih jenis biaya, isi jumlah uangnya, lalu tekan Enter."),
}
DEFAULT_HINT = N_("Petunjuk: isi kolom dari atas ke bawah, lalu tekan Enter untuk menyimpan. "
                  "Esc untuk kembali.")


def form_hint(kind: str) -> str:
    """The first-time hint of a form, in the current language."""
    return tr(FORM_HINTS.get(kind, DEFAULT_HINT))


def screenshot(guide: Guide, folder: Path, *, lang: str, size: str = "normal") -> Path | None:
    """The guide's screenshot in this language, if `make screenshots` has made it."""
    path = folder / f"{lang}-{size}-{guide.screen}.png"
    return path if path.is_file() else None


def write_guide_pdf(guide: Guide, path: Path, *, image: Path | None) -> Path:
    """The guide on one A4 page: title, the screenshot, numbered steps."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desktop.books.pdf.fonts import BOLD, register_fonts

    regular = register_fonts()
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(tr(guide.title))
    y = height - 25 * mm
    canvas.setFont(BOLD, 20)
    canvas.drawString(20 * mm, y, tr(guide.title))
    y -= 12 * mm
    if image is not None:
        shot_width = width - 40 * mm
        shot_height = shot_width * 768 / 1366
        canvas.drawImage(str(image), 20 * mm, y - shot_height, shot_width, shot_height,
                         preserveAspectRatio=True)
        y -= shot_height + 10 * mm
    canvas.setFont(regular, 14)
    for number, step in enumerate(guide.steps, start=1):
        for index, line in enumerate(_wrap(f"{number}. {tr(step)}", regular, 14, width - 40 * mm)):
            canvas.drawString((20 if index == 0 else 26) * mm, y, line)
            y -= 8 * mm
        y -= 2 * mm
    canvas.setFont(regular, 9)
    canvas.drawString(20 * mm, 12 * mm, tr("Panduan Lumbung"))
    canvas.showPage()
    canvas.save()
    return path


def _wrap(text: str, font: str, size: float, room: float) -> list[str]:
    from desktop.books.pdf.fonts import text_width

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, font, size) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines
