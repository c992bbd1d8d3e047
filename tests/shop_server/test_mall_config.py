"""The kabupaten's own mall (issue 16 item 10): the name, logo, colour, contact and footer the
admin sets show on every page and WhatsApp text; outside text stays data."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from server.cli import main
from server.mall_config import BadSetting, load_config, set_config
from tests.shop_server.conftest import HOSTILE, Mall


def _png(size: tuple[int, int] = (64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 255)).save(out, "PNG")
    return out.getvalue()


def _style_hash(html: str) -> str:
    css = re.search(r"<style>(.*?)</style>", html, re.S)
    assert css is not None
    return base64.b64encode(hashlib.sha256(css.group(1).encode()).digest()).decode()


def test_every_page_shows_the_configured_mall(client: TestClient, mall: Mall) -> None:
    seller = mall.seller("Dapur Bu Komang", whatsapp="6281234567890")
    slug = mall.product(mall.listing(seller)).slug
    default = client.get("/")
    assert "Mall Lumbung" in default.text and "#1d6b3a" in default.text
    with mall.session() as session:
        config = set_config(session, name="Karangasem Mall", color="#AA3300", logo=_png(),
                            contact="Dinas Koperasi, 0363-21000", footer="milik warga.")
    mall.app.state.mall_config = None  # as every worker does after the page cache's seconds
    for path in ("/", "/cari", f"/produk/{slug}", "/faq", "/pesanan"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Karangasem Mall" in page.text and "Mall Lumbung" not in page.text, path
        assert "#aa3300" in page.text and "#1d6b3a" not in page.text, path
        assert f'src="/logo/{config.logo}.png"' in page.text, path
        assert "Dinas Koperasi, 0363-21000" in page.text and "milik warga." in page.text, path
        # the recoloured stylesheet is the one the Content-Security-Policy allows
        assert f"'sha256-{_style_hash(page.text)}'" in page.headers["content-security-policy"]
    wa = re.search(r'href="(https://wa\.me/[^"]+)"', client.get(f"/produk/{slug}").text)
    assert wa is not None and "di Karangasem Mall" in unquote(wa.group(1))
    logo = client.get(f"/logo/{config.logo}.png")
    assert logo.status_code == 200 and logo.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(logo.content)).size == (64, 64)
    assert client.get(f"/logo/{'0' * 64}.png").status_code == 404


def test_a_hostile_name_is_escaped(client: TestClient, mall: Mall) -> None:
    with mall.session() as session:
        set_config(session, name=HOSTILE[:80], contact=HOSTILE, footer=HOSTILE)
    page = client.get("/faq").text
    assert "<script>alert" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("color", "red;}body{display:none", "color"),
    ("color", "#12345", "color"),
    ("name", "   ", "name"),
    ("name", "x" * 81, "name"),
])
def test_bad_settings_are_refused_by_field(mall: Mall, field: str, value: str,
                                           message: str) -> None:
    with mall.session() as session, pytest.raises(BadSetting, match=message):
        set_config(session, **{field: value})
    with mall.session() as session:
        assert load_config(session).name == "Mall Lumbung"


def test_a_logo_must_be_a_small_real_image(mall: Mall) -> None:
    with mall.session() as session:
        with pytest.raises(BadSetting, match="logo: berkas rusak"):
            set_config(session, logo=b"<html><script>alert(1)</script></html>")
        with pytest.raises(BadSetting, match="512 piksel"):
            set_config(session, logo=_png((600, 100)))
        gif = io.BytesIO()
        Image.new("RGB", (10, 10)).save(gif, "GIF")
        with pytest.raises(BadSetting, match="PNG atau JPEG, bukan GIF"):
            set_config(session, logo=gif.getvalue())
        assert load_config(session).logo == ""


def test_cli_sets_and_shows_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    base = ["--data-dir", str(tmp_path)]
    assert main([*base, "config", "set", "--name", "Karangasem Mall", "--logo", str(logo),
                 "--color", "#224488", "--contact", "WA 0812"]) == 0
    capsys.readouterr()
    assert main([*base, "config", "show"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["name"] == "Karangasem Mall" and shown["color"] == "#224488"
    assert shown["contact"] == "WA 0812" and len(shown["logo"]) == 64
    assert main([*base, "config", "set", "--color", "blue"]) == 2
    assert "color" in capsys.readouterr().err
