"""`POST /api/v1/auth/device`: a username and password, once, for a per-device token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, select

from server.deps import db
from server.models import Business
from server.onboarding import inactive_reason
from server.schemas import DeviceToken, problems
from server.security import AuthError, check_password, enrol_device

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class DeviceLogin(BaseModel):
    """What a PC sends to join its business."""

    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=200)
    device_name: str = Field(default="", max_length=120)
    book_id: str | None = Field(default=None, min_length=36, max_length=36,
                                description="the desktop books' business id; absent to restore")


@router.post("/device", summary="Exchange a login for a device token (shown once)",
             response_model=DeviceToken, responses=problems(400, 401, 403, 404, 409, 413, 429))
def login_device(body: DeviceLogin, request: Request,
                 session: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    # The per-address limit was counted before the body was read (server/limits.py).
    user = check_password(session, body.username, body.password,
                          throttle=request.app.state.login_throttle,
                          ip=request.client.host if request.client else "?")
    if user.business_id is None:
        raise AuthError(403, "Akun ini bukan akun usaha (umkm)")
    if not user.active:  # before the books are bound to the business
        raise AuthError(403, inactive_reason(session, user))
    business = session.exec(select(Business).where(Business.id == user.business_id)
                            .with_for_update()).one()
    if body.book_id is not None:
        if business.book_id is None:
            taken = session.exec(select(Business).where(Business.book_id == body.book_id)).first()
            if taken is not None:
                raise AuthError(409, "Buku ini sudah terhubung ke akun usaha lain di Mall")
            business.book_id = body.book_id
            session.add(business)
        elif business.book_id != body.book_id:
            raise AuthError(409, "Akun ini sudah terhubung ke buku usaha lain; pakai "
                                 "'Pulihkan dari server' untuk PC kedua")
    elif business.book_id is None:
        raise AuthError(404, "Belum ada buku usaha ini di Mall untuk dipulihkan")
    session.commit()
    device, token = enrol_device(session, user, name=body.device_name)
    return {"token": token, "device_id": device.id, "device_number": device.number,
            "business": {"id": business.id, "name": business.name, "slug": business.slug,
                         "book_id": business.book_id, "epoch": business.epoch}}
