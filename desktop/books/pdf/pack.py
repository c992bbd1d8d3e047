"""The printed statement pack: cover, four statements, CALK and the signature block."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from desktop.books.business import Profile
from desktop.books.pdf.blocks import (
    BODY,
    SUBHEADING,
    grid,
    heading,
    logo_image,
    para,
    signature_block,
    style,
    table_block,
)
from desktop.books.pdf.document import build_pdf, content_width
from desktop.books.reports.common import period_text, range_text
from desktop.books.reports.pack import Pack

COVER_TITLE = style("sampul", size=22, bold=True, align=TA_CENTER, space_after=10)
COVER_NAME = style("sampul-nama", size=16, bold=True, align=TA_CENTER, space_after=6)
COVER_LINE = style("sampul-baris", size=10.5, align=TA_CENTER, space_after=3)
LABEL = style("label", size=9.5, bold=True)
VALUE = style("nilai", size=9.5)


def cover(pack: Pack, width: float) -> list[Flowable]:
    """Title page with the business's identity; only what is known is shown."""
    profile = pack.profile
    story: list[Flowable] = [Spacer(1, 40 * mm if pack.logo is None else 10 * mm)]
    if pack.logo is not None:
        story += [logo_image(pack.logo, max_width=60 * mm, max_height=30 * mm),
                  Spacer(1, 8 * mm)]
    story += [para("LAPORAN KEUANGAN", COVER_TITLE), para(profile.name, COVER_NAME),
              para(period_text(pack.end), COVER_LINE),
              para(f"({range_text(pack.start, pack.end)})", COVER_LINE),
              para("Disusun berdasarkan SAK EMKM", COVER_LINE), Spacer(1, 18 * mm)]
    rows = [[para(label, LABEL), para(value, VALUE)] for label, value in identity_rows(profile)]
    if rows:
        story.append(grid(rows, [45 * mm, width - 45 * mm - 20 * mm], h_align="CENTER"))
    story += [Spacer(1, 18 * mm), para("Isi laporan:", SUBHEADING)]
    for number, name in enumerate(("Laporan Posisi Keuangan", "Laporan Laba Rugi",
                                   "Laporan Arus Kas", "Laporan Perubahan Ekuitas",
                                   "Catatan atas Laporan Keuangan"), start=1):
        story.append(para(f"{number}. {name}", BODY))
    return story


def identity_rows(profile: Profile) -> list[tuple[str, str]]:
    """Label and value of each identity field that is filled in."""
    fields = (("Pemilik", profile.owner), ("Jenis usaha", profile.type.capitalize()),
              ("Alamat", profile.address), ("Desa/Kelurahan", profile.desa),
              ("Kecamatan", profile.kecamatan), ("Kabupaten/Kota", profile.kabupaten),
              ("Provinsi", profile.provinsi), ("Telepon/WhatsApp", profile.phone),
              ("Email", profile.email), ("Produk", profile.category), ("NIB", profile.nib),
              ("NPWP", profile.npwp), ("P-IRT", profile.pirt))
    return [(label, value) for label, value in fields if value]


def calk_story(pack: Pack, width: float) -> list[Flowable]:
    """The notes: paragraphs for policies, a table for each material line."""
    story = heading(pack.profile.name, "Catatan atas Laporan Keuangan",
                    f"{period_text(pack.end)} ({range_text(pack.start, pack.end)})")
    for note in pack.calk.notes:
        block: list[Flowable] = [Paragraph(f"{note.number}. {note.title}", SUBHEADING)]
        block += [para(text) for text in note.paragraphs]
        if note.table is not None:
            block += [*table_block(note.table, width=width * 0.8), Spacer(1, 4 * mm)]
        # A note's breakdown stays on one page with its heading when it fits on one.
        story.append(KeepTogether(block))
    return story


def write_pack(pack: Pack, path: Path) -> Path:
    """Print the whole pack to one A4 PDF."""
    width = content_width()
    story = cover(pack, width)
    for table in pack.statements():
        story += [PageBreak(), *heading(pack.profile.name, table.title, table.period),
                  *table_block(table, width=width, size=8.5)]
    story += [PageBreak(), *calk_story(pack, width),
              signature_block(pack.profile, pack.end, width=width)]
    return build_pdf(path, story, title=f"Laporan Keuangan {pack.profile.name}",
                     author=pack.profile.name)
