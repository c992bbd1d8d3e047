"""(k) Page weight: what a phone downloads to show a storefront page the first time.

A first visit has an empty browser cache, so the weight is every byte that comes over the
connection (status line, headers and body, as sent: gzip where the server sends gzip) for:
the page's HTML; every image it names (`<img src>`, and the largest candidate of any `srcset`,
since a 3x phone screen takes the largest); every stylesheet, script, icon or preload it links;
and `/favicon.ico`, which browsers ask for when a page names no icon. Each address is counted
once, as a browser fetches it once. Lazy images (`loading="lazy"`) are counted too: on a
390 × 844 phone the cards below the fold are fetched as the buyer scrolls, so counting them
gives the weight of seeing the whole page, an upper bound on the first screen's.

The requests carry a phone's headers (Android Chrome, `Accept-Encoding: gzip, deflate, br`);
the server answers HTML in gzip and JPEGs as they are. 1 kB = 1,000 bytes, as browsers
count. For contrast, the same page is weighed as if each photo were the original the desktop
uploaded (the 1024 px JPEG at `/foto/SHA.jpg`) rather than the server's 160 / 320 px copy.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from tests.bench.rawhttp import Reply
from tests.bench.shop_load import Conn

LINKED = {"stylesheet", "icon", "shortcut icon", "apple-touch-icon", "preload", "modulepreload",
          "manifest"}
SMALL_COPY = re.compile(r"^/foto/([0-9a-f]{64})-\d+\.jpg$")


class Resources(HTMLParser):
    """The addresses a browser fetches to show a page, in the order it meets them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.images = 0
        self.has_icon = False

    def _add(self, url: str | None) -> None:
        if url and url not in self.urls and not url.startswith("data:"):
            self.urls.append(url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("img", "source"):
            self.images += tag == "img"
            self._add(a.get("src"))
            if a.get("srcset"):
                self._add(largest(a["srcset"] or ""))
        elif tag == "link" and (a.get("rel") or "").lower() in LINKED:
            self.has_icon |= "icon" in (a.get("rel") or "").lower()
            self._add(a.get("href"))
        elif tag == "script":
            self._add(a.get("src"))


def largest(srcset: str) -> str:
    """The candidate a high-density phone screen picks from a `srcset`: the widest."""
    best, size = "", -1.0
    for part in srcset.split(","):
        bits = part.split()
        if not bits:
            continue
        descriptor = bits[1] if len(bits) > 1 else "1x"
        value = float(descriptor[:-1]) if descriptor[-1] in "wx" else 0.0
        if value > size:
            best, size = bits[0], value
    return best


@dataclass
class Fetched:
    """One address fetched: its status, type, bytes over the wire and body bytes."""

    url: str
    status: int
    kind: str
    wire: int
    body: int
    encoding: str


@dataclass
class Weight:
    """A page's first load: the HTML and everything fetched for it."""

    path: str
    html: Fetched
    parts: list[Fetched] = field(default_factory=list)
    images: int = 0
    html_text: str = ""
    originals_wire: int = 0  # the same page with every photo at its uploaded 1024 px

    @property
    def total(self) -> int:
        """Bytes over the wire for the whole first load."""
        return self.html.wire + sum(p.wire for p in self.parts)

    @property
    def image_bytes(self) -> int:
        return sum(p.wire for p in self.parts if p.kind.startswith("image/"))

    def ok(self) -> bool:
        """The page and every photo it names (each fetched once) answered 200, as JPEG."""
        images = [p for p in self.parts if p.url.startswith("/foto/")]
        return self.html.status == 200 and bool(images) == bool(self.images) and all(
            p.status == 200 and p.kind == "image/jpeg" and p.body > 0 for p in images)

    def describe(self) -> str:
        fetched = sum(p.kind.startswith("image/") for p in self.parts)
        other = self.total - self.html.wire - self.image_bytes
        return (f"{self.path}: HTML {self.html.wire:,} B ({self.html.encoding or 'identity'}, "
                f"{len(self.html_text.encode()):,} B unpacked), {self.images} <img> "
                f"({fetched} distinct photos) {self.image_bytes:,} B, other {other:,} B, "
                f"total {self.total:,} B")


def _fetched(url: str, reply: Reply) -> Fetched:
    return Fetched(url, reply.status, reply.headers.get("content-type", "").split(";")[0],
                   reply.wire_bytes, len(reply.body), reply.headers.get("content-encoding", ""))


async def weigh(address: tuple[str, int], path: str) -> Weight:
    """Load `path` as a phone's browser would on its first visit, counting every byte."""
    import gzip

    conn = Conn(*address)
    try:
        reply = await conn.get(path)
        body = gzip.decompress(reply.body) if reply.headers.get("content-encoding") == "gzip" \
            else reply.body
        weight = Weight(path, _fetched(path, reply), html_text=body.decode("utf-8"))
        parser = Resources()
        parser.feed(weight.html_text)
        weight.images = parser.images
        wanted = list(parser.urls) + ([] if parser.has_icon else ["/favicon.ico"])
        origin = urlsplit(f"http://{address[0]}:{address[1]}{path}")
        for url in wanted:
            target = urlsplit(urljoin(origin.geturl(), url))
            if target.netloc != origin.netloc:
                raise ValueError(f"{path} loads {url} from elsewhere")  # CSP forbids it anyway
            local = target.path + (f"?{target.query}" if target.query else "")
            weight.parts.append(_fetched(local, await conn.get(local)))
        weight.originals_wire = weight.total
        for part in weight.parts:
            small = SMALL_COPY.match(part.url)
            if small:
                original = await conn.get(f"/foto/{small.group(1)}.jpg")
                weight.originals_wire += original.wire_bytes - part.wire
    finally:
        await conn.close()
    return weight


def weigh_pages(address: tuple[str, int], paths: list[str]) -> list[Weight]:
    """`weigh` each path in turn (each on a fresh connection, as a new visitor)."""
    return [asyncio.run(weigh(address, p)) for p in paths]
