"""The device token: in the OS keyring, or a 0600 file when this PC has no keyring."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

import keyring
from keyring.errors import KeyringError

SERVICE = "lumbung-mall"
log = logging.getLogger(__name__)


def _usable() -> bool:
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    return getattr(backend, "priority", 0) > 0 and not name.startswith(
        ("keyring.backends.fail", "keyring.backends.null", "keyring.backends.chainer"))


def _file(data_dir: Path, business_id: str) -> Path:
    return data_dir / "sync" / f"{business_id}.token"


def save_token(data_dir: Path, business_id: str, token: str) -> str:
    """Store the token; returns where ('keyring' or the file path) for the user to know."""
    if _usable():
        try:
            keyring.set_password(SERVICE, business_id, token)
            _file(data_dir, business_id).unlink(missing_ok=True)
            return "keyring"
        except KeyringError as exc:
            log.warning("keyring refused the token (%s); using a private file", exc)
    path = _file(data_dir, business_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
    os.chmod(path, 0o600)
    log.warning("Tidak ada keyring di PC ini; token perangkat disimpan di %s (hanya bisa "
                "dibaca pengguna ini)", path)
    return str(path)


def load_token(data_dir: Path, business_id: str) -> str | None:
    """The stored token, if any."""
    if _usable():
        try:
            token = keyring.get_password(SERVICE, business_id)
            if token:
                return token
        except KeyringError:
            pass
    path = _file(data_dir, business_id)
    return path.read_text().strip() if path.exists() else None


def forget_token(data_dir: Path, business_id: str) -> None:
    """Remove the token from both places."""
    if _usable():
        with contextlib.suppress(KeyringError):
            keyring.delete_password(SERVICE, business_id)
    _file(data_dir, business_id).unlink(missing_ok=True)
