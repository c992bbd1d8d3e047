"""A sealed backup: one file that holds encrypted books and the wrappings of their key.

Layout: a magic line, an 8-byte length, the key file's JSON (the data key wrapped under the
PIN and the recovery code, never the key itself), then the SQLCipher file's bytes. So a backup
on a flash drive restores on any PC with the PIN or the recovery code, and without them it
is noise: the JSON names only the business id and the KDF settings.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop.books.store import keyfile

MAGIC = b"LUMBUNG-CADANGAN-TERENKRIPSI v1\n"
_LENGTH_BYTES = 8
_CHUNK = 64 * 1024  # progress is reported per chunk, so a cancel comes quickly

Report = Callable[[int, int], None]


def is_sealed(path: Path) -> bool:
    """Whether a file is a sealed backup (by its first bytes)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def write(db_file: Path, target: Path, header: keyfile.KeyFile) -> None:
    """Write `header` and the encrypted `db_file` into `target`, and fsync it."""
    data = dict(header.as_json(), failures=0, blocked_until=0.0)
    blob = json.dumps(data).encode()
    with open(target, "wb") as out:
        out.write(MAGIC)
        out.write(len(blob).to_bytes(_LENGTH_BYTES, "big"))
        out.write(blob)
        with open(db_file, "rb") as source:
            shutil.copyfileobj(source, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def read_header(path: Path) -> tuple[keyfile.KeyFile, int]:
    """The key wrappings of a sealed backup and where its database bytes start."""
    with open(path, "rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a sealed backup")
        length = int.from_bytes(handle.read(_LENGTH_BYTES), "big")
        if not 0 < length < 1024 * 1024:
            raise ValueError("bad header length")
        header = keyfile.parse(json.loads(handle.read(length)))
    return header, len(MAGIC) + _LENGTH_BYTES + length


def extract(path: Path, out: Path, *, progress: Report | None = None) -> keyfile.KeyFile:
    """Copy the encrypted database out of a sealed backup into `out` (still encrypted)."""
    header, start = read_header(path)
    total = path.stat().st_size - start
    done = 0
    with open(path, "rb") as source, open(out, "wb") as dest:
        source.seek(start)
        while chunk := source.read(_CHUNK):
            dest.write(chunk)
            done += len(chunk)
            if progress is not None and done < total:
                progress(done, total)
        dest.flush()
        os.fsync(dest.fileno())
    return header
