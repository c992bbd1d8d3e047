"""FastAPI dependencies: the database session and the device behind a bearer token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from server.models import Device
from server.security import device_for_token


def db(request: Request) -> Iterator[Session]:
    """One session per request on the app's engine."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def current_device(request: Request, session: Annotated[Session, Depends(db)]) -> Device:
    """The device whose token is in `Authorization: Bearer ...` (401 otherwise)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        from server.security import AuthError

        raise AuthError(401, "Perlu token perangkat (Authorization: Bearer ...)")
    return device_for_token(session, token.strip())
