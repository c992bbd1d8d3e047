"""The small list of businesses kept on this PC (several owners share one Puskom PC)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.books.errors import InputError, NotFoundError
from desktop.books.store.connection import connect, write_tx

_SCHEMA = """
CREATE TABLE IF NOT EXISTS business (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    file TEXT NOT NULL,
    created_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class BusinessRef:
    """Where one business's books live and how people call it."""

    id: str
    slug: str
    name: str
    file: Path

    def as_dict(self) -> dict[str, str]:
        """Return the public identity, as `business create` prints it."""
        return {"id": self.id, "slug": self.slug, "name": self.name}


def slugify(name: str) -> str:
    """Turn 'Keripik Pisang Bu Made' into 'keripik-pisang-bu-made'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "usaha"


class Registry:
    """Lists, finds and records businesses; the books themselves are separate files."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "registry.sqlite3"
        data_dir.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        conn = connect(self.path, books=False)
        try:
            conn.execute(_SCHEMA)
            yield conn
        finally:
            conn.close()

    def list(self) -> list[BusinessRef]:
        """Return every business on this PC, by name."""
        with self._conn() as conn:
            rows = conn.execute("SELECT id, slug, name, file FROM business ORDER BY name").fetchall()
        return [self._ref(row) for row in rows]

    def find(self, key: str) -> BusinessRef:
        """Find a business by id, slug or a unique id prefix of at least 6 characters."""
        wanted = key.strip()
        if not wanted:
            raise InputError("Pilih usaha dengan --business (id atau slug)", field="business")
        with self._conn() as conn:
            row = conn.execute(
                "SELECT id, slug, name, file FROM business WHERE id = ? OR slug = ?",
                (wanted, wanted.lower()),
            ).fetchone()
            if row is None and len(wanted) >= 6:
                rows = conn.execute(
                    "SELECT id, slug, name, file FROM business WHERE substr(id, 1, length(?1)) = ?1",
                    (wanted,),
                ).fetchall()
                row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFoundError(
                "Usaha '{value}' tidak ada di komputer ini", field="business", value=key
            )
        return self._ref(row)

    def get(self, business_id: str) -> BusinessRef | None:
        """Return the business with this exact id, if registered."""
        with self._conn() as conn:
            row = conn.execute(
                "SELECT id, slug, name, file FROM business WHERE id = ?", (business_id,)
            ).fetchone()
        return self._ref(row) if row else None

    def add(self, *, business_id: str, name: str, file: Path) -> BusinessRef:
        """Record a business under a slug that is unique on this PC."""
        base = slugify(name)
        with self._conn() as conn, write_tx(conn):
            taken = {r[0] for r in conn.execute("SELECT slug FROM business")}
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            conn.execute(
                "INSERT INTO business (id, slug, name, file, created_at) VALUES (?, ?, ?, ?, ?)",
                (business_id, slug, name, self._relative(file), dt.datetime.now().isoformat()),
            )
        return BusinessRef(business_id, slug, name, file)

    def rename(self, business_id: str, name: str) -> None:
        """Keep the registry's display name in step with the profile."""
        with self._conn() as conn, write_tx(conn):
            conn.execute("UPDATE business SET name = ? WHERE id = ?", (name, business_id))

    def _relative(self, file: Path) -> str:
        try:
            return str(file.relative_to(self.data_dir))
        except ValueError:
            return str(file)

    def _ref(self, row: tuple[str, str, str, str]) -> BusinessRef:
        file = Path(row[3])
        return BusinessRef(row[0], row[1], row[2], file if file.is_absolute() else self.data_dir / file)
