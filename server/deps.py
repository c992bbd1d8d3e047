"""FastAPI dependencies: the database session and the device behind a bearer token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from server.models import Device
from server.security import AuthError, device_for_token


def db(request: Request) -> Iterator[Session]:
    """One session per request on the app's engine."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


def bearer_token(request: Request) -> str:
    """The token in `Authorization: Bearer ...` (401 when there is none)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError(401, "Perlu token perangkat (Authorization: Bearer ...)")
    return token.strip()


def current_device(request: Request, session: Annotated[Session, Depends(db)]) -> Device:
    """The device whose token is in `Authorization: Bearer ...` (401 otherwise)."""
    device = device_for_token(session, bearer_token(request))
    # End the lookup's transaction: the connection goes back to the pool (and SQLite's write
    # lock is let go) while the request waits for a worker thread. A request that held a
    # connection while waiting for a thread, when every thread waits for a connection, would
    # stall the whole worker until the pool's timeout.
    session.commit()
    return device
