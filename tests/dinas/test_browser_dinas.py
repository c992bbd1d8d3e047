"""The Dinas dashboard in Debian's Chromium (Playwright), on a phone and on a laptop.

Set LUMBUNG_DINAS_SHOTS=docs/screenshots to refresh the README's screenshots.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync_client.link import link  # noqa: F401 - imported by the Mall helper
from tests.dinas.conftest import Mall
from tests.shop.test_browser import CHROMIUM, browser  # noqa: F401 - the Chromium fixture
from tests.sync.conftest import live_sqlite  # noqa: F401 - a server on SQLite
from tests.sync.live import LiveServer

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"Chromium is not installed at {CHROMIUM} (make test installs it)")
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}


@pytest.fixture
def kabupaten(live_sqlite: LiveServer, tmp_path: Path, today: dt.date  # noqa: F811
              ) -> Iterator[Mall]:
    made = Mall(live_sqlite, tmp_path)
    for name, consent, desa in (("Tenun Bu Sari", "profil", "Tenganan"),
                                ("Keripik Pak Wayan", "ringkasan", "Tenganan"),
                                ("Kopi Bu Komang", "ringkasan", "Ngis"),
                                ("Arak Pak Gede", "none", "Sibetan")):
        made.business(name, consent=consent, desa=desa, secret=name.split()[-1])
    yield made
    for book in made.books.values():
        book.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_dashboard_fits_and_signs_in(kabupaten: Mall, browser: object,  # noqa: F811
                                         size: str, tmp_path: Path) -> None:
    from sqlmodel import Session

    from server.security import create_user

    with Session(kabupaten.live.app.state.engine) as session:
        create_user(session, username="petugas", password="rahasia-dinas", role="dinas")
    page = browser.new_page(viewport=SIZES[size], is_mobile=size == "phone")  # type: ignore[attr-defined]
    page.goto(kabupaten.live.url + "/dinas")
    assert page.url.endswith("/dinas/masuk")
    page.fill("#nama", "petugas")
    page.fill("#sandi", "rahasia-dinas")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.rstrip("/").endswith("/dinas"), page.inner_text("main")
    page.goto(kabupaten.live.url + "/dinas?dari=2026-01&sampai=2026-02")
    text = page.inner_text("main")
    assert "Manggis" in text and "Arak Pak Gede" not in text
    assert page.locator("svg rect").count() == 2  # January and February
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a {size}"
    folder = Path(os.environ.get("LUMBUNG_DINAS_SHOTS", str(tmp_path)))
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"dinas-{size}.png"
    page.screenshot(path=str(shot), full_page=size == "laptop")
    assert shot.stat().st_size > 10_000
