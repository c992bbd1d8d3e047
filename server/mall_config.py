"""The kabupaten's own mall: its name, logo, colour, contact and footer.

The admin sets them (`lumbung-server config set`); they live in the `mall_setting` table
(migration 0008). Every page, message and WhatsApp text the mall produces takes the name
from `MallConfig.name`, never from a literal: the one default is `DEFAULT.name` here.

Values come from outside and are data: the templates escape them, the colour must be a
`#rrggbb` hex (it is written into the stylesheet), and the logo is decoded by Pillow,
at most 512 px a side, and served as a fresh PNG of its pixels (never the uploaded bytes).
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from server.models import MallSetting
from server.shop.pagecache import configured_seconds

COLOR = re.compile(r"#[0-9a-fA-F]{6}")
LOGO_SIDE = 512
LOGO_BYTES = 2_000_000
TEXT_LIMITS = {"name": 80, "contact": 300, "footer": 500}


@dataclass(frozen=True)
class MallConfig:
    """What the buyer sees of the mall's identity (`logo` is the PNG's sha256, or "")."""

    name: str = "Mall Lumbung"
    color: str = "#1d6b3a"
    contact: str = ""
    footer: str = ("menampilkan produk UMKM yang diperiksa kurator Dinas. "
                   "Tanpa iklan, tanpa pelacakan.")
    logo: str = ""

    def public(self) -> dict[str, str]:
        """The settings as `config show` prints them."""
        return {"name": self.name, "color": self.color, "contact": self.contact,
                "footer": self.footer, "logo": self.logo}


DEFAULT = MallConfig()
FIELDS = ("name", "color", "contact", "footer")


class BadSetting(ValueError):
    """A setting refused, naming the field and the value."""


def load_config(session: Session) -> MallConfig:
    """The mall's settings from the database, defaults where none is set."""
    rows = {row.key: row for row in session.exec(select(MallSetting))}
    values: dict[str, Any] = {key: rows[key].value for key in FIELDS if key in rows}
    if "logo" in rows:
        values["logo"] = rows["logo"].value
    return replace(DEFAULT, **values)


def logo_png(session: Session, sha: str) -> bytes | None:
    """The logo's PNG bytes when `sha` names the current logo."""
    row = session.get(MallSetting, "logo")
    return row.data if row is not None and row.value == sha else None


def clean_logo(raw: bytes) -> bytes:
    """A fresh PNG of the logo's pixels, after checking it is a PNG or JPEG ≤512 px a side."""
    if len(raw) > LOGO_BYTES:
        raise BadSetting(f"logo: berkas terlalu besar ({len(raw)} byte, paling besar "
                         f"{LOGO_BYTES})")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise BadSetting(f"logo: harus PNG atau JPEG, bukan {image.format}")
            w, h = image.size  # from the header, before any pixel is decoded
            if not (0 < w <= LOGO_SIDE and 0 < h <= LOGO_SIDE):
                raise BadSetting(f"logo: paling besar {LOGO_SIDE} piksel per sisi ({w}×{h})")
            image.load()
            pixels = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise BadSetting("logo: berkas rusak atau bukan gambar PNG/JPEG") from None
    out = io.BytesIO()
    pixels.save(out, "PNG", optimize=True)
    return out.getvalue()


def set_config(session: Session, *, name: str | None = None, color: str | None = None,
               contact: str | None = None, footer: str | None = None,
               logo: bytes | None = None) -> MallConfig:
    """Change the given settings (None leaves one as it is); the new settings."""
    given = {"name": name, "color": color, "contact": contact, "footer": footer}
    for key, value in given.items():
        if value is None:
            continue
        value = value.strip()
        if key == "color" and not COLOR.fullmatch(value):
            raise BadSetting(f"color: '{value}' bukan warna #rrggbb (contoh #1d6b3a)")
        if key == "name" and not value:
            raise BadSetting("name: nama mall tidak boleh kosong")
        limit = TEXT_LIMITS.get(key)
        if limit is not None and len(value) > limit:
            raise BadSetting(f"{key}: paling panjang {limit} huruf ({len(value)})")
        session.merge(MallSetting(key=key, value=value.lower() if key == "color" else value))
    if logo is not None:
        png = clean_logo(logo)
        session.merge(MallSetting(key="logo", value=hashlib.sha256(png).hexdigest(), data=png))
    session.commit()
    return load_config(session)


def current(state: Any) -> MallConfig:
    """This process's copy of the settings, re-read after the page cache's lifetime (an
    admin's change shows within seconds on every worker)."""
    cached = getattr(state, "mall_config", None)
    now = time.monotonic()
    if cached is not None and now - cached[0] < configured_seconds():
        config: MallConfig = cached[1]
        return config
    engine: Engine = state.engine
    with Session(engine) as session:
        config = load_config(session)
    state.mall_config = (now, config)
    return config
