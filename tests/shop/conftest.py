"""Shop tests: the demo business (it has stock items) and picture files like a phone's."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.demo import DEMO_PIN, create_demo


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Book]:
    ref, _ = create_demo(tmp_path / "data")
    book = open_business(tmp_path / "data", ref.id, DEMO_PIN)
    yield book
    book.close()


def phone_photo(path: Path, *, size: tuple[int, int] = (4000, 3000), seed: int = 1,
                fmt: str = "JPEG", exif: bool = False) -> Path:
    """A picture with a phone photo's texture (gradients, shapes, sensor noise)."""
    rng = random.Random(seed)
    channels = []
    for _ in range(3):  # each channel: a turned gradient, blurred sensor noise and a shape
        gradient = Image.linear_gradient("L").rotate(rng.randrange(360)).resize(size)
        noise = Image.effect_noise((size[0] // 4, size[1] // 4), 40).resize(size)
        channel = Image.blend(gradient, noise, 0.35)
        ImageDraw.Draw(channel).ellipse(
            [rng.randrange(size[0] // 2), rng.randrange(size[1] // 2),
             size[0] // 2 + rng.randrange(size[0] // 2),
             size[1] // 2 + rng.randrange(size[1] // 2)], fill=rng.randrange(256))
        channels.append(channel)
    image = Image.merge("RGB", channels)
    kwargs: dict[str, object] = {"quality": 92} if fmt == "JPEG" else {}
    if exif:
        data = Image.Exif()
        data[0x0112] = 6                       # orientation: rotated
        data[0x8825] = {1: "S", 2: (8.0, 30.0, 0.0)}  # GPS position of the owner's kitchen
        kwargs["exif"] = data
    image.save(path, fmt, **kwargs)
    return path
