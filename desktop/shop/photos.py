"""Product photos: checked, turned upright, shrunk and re-encoded before they go anywhere.

A village link pays for every byte, so a photo is at most 1024 px on its long side and a
JPEG of about 60–150 KB; five of them cost well under 1 MB. Re-encoding also drops whatever
else the file carried (EXIF with the owner's GPS position, trailing data, scripts).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop.books.errors import InputError

MAX_FILE_BYTES = 15 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 200, 12_000     # pixels of the original
LONG_SIDE = 1024                     # pixels of what is kept
QUALITY = 72
ALLOWED = ("JPEG", "PNG", "WEBP")
MAX_PHOTOS = 5


@dataclass(frozen=True)
class Photo:
    """A prepared photo: JPEG bytes, their sha256 (its name everywhere) and its size."""

    data: bytes
    sha256: str
    width: int
    height: int


def prepare_photo(path: Path, *, field: str = "photo") -> Photo:
    """Check a picture file (type, size, dimensions) and return it re-encoded for the mall."""
    path = Path(path)
    if not path.is_file():
        raise InputError("Berkas foto '{value}' tidak ada", field=field, value=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError("Berkas foto '{value}' terlalu besar (maks. 15 MB)", field=field,
                         value=str(path))
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
            if kind not in ALLOWED:
                raise InputError("Foto '{value}' harus JPEG, PNG atau WebP", field=field,
                                 value=str(path))
            if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
                raise InputError("Foto '{value}' berukuran {width}×{height} piksel; sisi "
                                 "terpendek minimal 200 dan terpanjang maksimal 12000",
                                 field=field, value=str(path), width=width, height=height)
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((LONG_SIDE, LONG_SIDE))
            flat = _on_white(upright)
            out = io.BytesIO()
            flat.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise InputError("Foto '{value}' tidak bisa dibaca sebagai gambar", field=field,
                         value=str(path)) from exc
    data = out.getvalue()
    return Photo(data, hashlib.sha256(data).hexdigest(), flat.width, flat.height)


def _on_white(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent parts become white, as on a product page."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
