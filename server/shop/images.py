"""The server's own check of a pushed product photo, and the copy it actually serves.

The desktop already shrinks and re-encodes photos, but the server cannot trust what arrives:
a pushed "JPEG" is decoded here (its real dimensions must be the declared ones, at most
1024 px a side, so no decompression bomb is opened), and the storefront serves a fresh
encoding of the pixels, never the uploaded bytes (a file that is also HTML or a script, or
that carries EXIF/GPS, does not survive it).
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

MAX_SIDE = 1024
QUALITY = 82


class BadImage(ValueError):
    """A photo refused, with the reason the owner reads."""


def decoded(raw: bytes, *, width: int | None = None, height: int | None = None) -> Image.Image:
    """The photo's pixels, after checking it is a JPEG of the declared size (≤1024 px)."""
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "JPEG":
                raise BadImage(f"foto harus JPEG, bukan {image.format}")
            w, h = image.size  # from the header, before any pixel is decoded
            if not (0 < w <= MAX_SIDE and 0 < h <= MAX_SIDE):
                raise BadImage(f"foto paling besar {MAX_SIDE} piksel per sisi ({w}×{h})")
            if (width, height) != (None, None) and (w, h) != (width, height):
                raise BadImage(f"ukuran foto {w}×{h} tidak sama dengan yang disebut "
                               f"({width}×{height})")
            image.load()
            return image.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise BadImage("foto rusak atau bukan gambar JPEG") from None


def reencoded(raw: bytes) -> bytes:
    """A new JPEG of the photo's pixels only (no metadata, nothing appended), with the
    upload's own quantisation tables when it is plain RGB, so it weighs what it weighed."""
    pixels = decoded(raw)
    out = io.BytesIO()
    with Image.open(io.BytesIO(raw)) as original:
        if original.mode == "RGB":
            original.save(out, "JPEG", quality="keep", optimize=True, progressive=True)
            return out.getvalue()
    pixels.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()
