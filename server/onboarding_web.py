"""Seller onboarding pages: the public registration form at /daftar, and the waiting
registrations for the kurator (/kurator/pendaftaran) and the Dinas (/dinas/pendaftaran).

The form has a CSRF token and a per-address limit like the order and question forms; the
review pages reuse each side's own session cookie and action token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from server import curation
from server.deps import db
from server.dinas import web as dinas_web
from server.models import AppUser
from server.onboarding import (
    RegistrationRefused,
    decide_registration,
    pending_registrations,
    register_seller,
    registered_sellers,
    set_seller_active,
)
from server.shop.catalog import plain
from server.shop.web import client_ip, load_app_secret, render, shop_limits
from server.shop_forms import csrf_passed, form_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
Field = Annotated[str, Form()]
FIELDS = ("nama", "nib", "desa", "hp", "sertifikat", "pengguna")
NOTICES = {"aktif": "Akun diaktifkan; usahanya bertanda Terverifikasi Dinas.",
           "ditolak": "Pendaftaran ditolak; alasannya tersimpan untuk pemilik.",
           "nonaktif": "Akun dinonaktifkan; PC-nya tidak bisa sinkron lagi dan alasannya "
                       "tersimpan untuk pemilik.",
           "aktif-lagi": "Akun diaktifkan lagi; pemilik perlu menghubungkan ulang PC-nya."}


def _form(request: Request, form: dict[str, str], *, error: str = "", field: str = "",
          status: int = 200) -> HTMLResponse:
    return form_page(request, "daftar.html", "daftar",
                     {"form": form, "error": error, "field": field, "done": False},
                     status=status, path="/daftar")


@router.get("/daftar")
def registration_form(request: Request) -> HTMLResponse:
    return _form(request, dict.fromkeys(FIELDS, ""))


@router.post("/daftar")
def register(request: Request, session: SessionDep, csrf: Field = "", nama: Field = "",
             nib: Field = "", desa: Field = "", hp: Field = "", sertifikat: Field = "",
             pengguna: Field = "", sandi: Field = "") -> HTMLResponse:
    form = {"nama": nama[:200], "nib": nib[:40], "desa": desa[:120], "hp": hp[:30],
            "sertifikat": sertifikat[:300], "pengguna": pengguna[:80]}
    form = {k: plain(v) for k, v in form.items()}
    if not csrf_passed(request, csrf, "daftar"):
        return _form(request, form, status=403, error="Formulir kedaluwarsa atau tidak sah. "
                                                      "Kirim lagi.")
    if not shop_limits(request).register_ip.hit(client_ip(request)):
        return _form(request, form, status=429, error="Terlalu banyak pendaftaran dari jaringan "
                                                      "ini. Coba lagi nanti.")
    try:
        register_seller(session, business_name=form["nama"], nib=form["nib"],
                        desa=form["desa"], phone=form["hp"], username=form["pengguna"],
                        password=sandi[:200], certificates=form["sertifikat"])
    except RegistrationRefused as refused:
        session.rollback()
        return _form(request, form, status=422, error=refused.message, field=refused.field)
    return render(request, "daftar.html", {"done": True, "form": form},
                  headers={"Cache-Control": "no-store"})


Who = Callable[[Request, Session], AppUser | None]


def _review(request: Request, session: Session, user: AppUser, *, base: str, token: str,
            notice: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    return render(request, "pendaftaran.html", {
        "user": user, "waiting": pending_registrations(session),
        "sellers": registered_sellers(session), "base": base, "csrf": token,
        "notice": notice, "error": error}, status=status, headers={"Cache-Control": "no-store"})


def _decide(request: Request, session: Session, user: AppUser, registration_id: str, *,
            base: str, token: str, keputusan: str, alasan: str) -> Response:
    if keputusan not in NOTICES:
        return _review(request, session, user, base=base, token=token, status=422,
                       error="Pilih Aktifkan atau Tolak.")
    try:
        if keputusan in ("aktif", "ditolak"):
            decide_registration(session, registration_id=registration_id[:36],
                                activate=keputusan == "aktif", reviewer=user,
                                reason=plain(alasan))
        else:
            set_seller_active(session, registration_id=registration_id[:36],
                              active=keputusan == "aktif-lagi", reviewer=user,
                              reason=plain(alasan))
    except RegistrationRefused as refused:
        session.rollback()
        return _review(request, session, user, base=base, token=token, status=409,
                       error=refused.message)
    return RedirectResponse(f"{base}?pesan={keputusan}", status_code=303)


@dataclass(frozen=True)
class _Desk:
    """Who reviews registrations: the kurator's or the Dinas's pages, each with its own
    session cookie and action token."""

    base: str
    login: str
    current: Callable[[Request, Session], AppUser | None]
    token: Callable[[Request], str]
    ok: Callable[[Request, str], bool]


KURATOR = _Desk("/kurator/pendaftaran", "/kurator/masuk", curation.current_kurator,
                curation.action_token, curation.action_ok)
DINAS = _Desk("/dinas/pendaftaran", "/dinas/masuk", dinas_web.current_user,
              dinas_web.action_token, dinas_web.action_ok)


def _desk_list(desk: _Desk, request: Request, session: Session, pesan: str) -> Response:
    user = desk.current(request, session)
    if user is None:
        return RedirectResponse(desk.login, status_code=303)
    return _review(request, session, user, base=desk.base, token=desk.token(request),
                   notice=NOTICES.get(pesan, ""))


def _desk_decide(desk: _Desk, request: Request, session: Session, registration_id: str, *,
                 csrf: str, keputusan: str, alasan: str) -> Response:
    user = desk.current(request, session)
    if user is None:
        return RedirectResponse(desk.login, status_code=303)
    token = desk.token(request)
    if not desk.ok(request, csrf):
        return _review(request, session, user, base=desk.base, token=token, status=403,
                       error="Formulir kedaluwarsa. Muat ulang halaman ini.")
    return _decide(request, session, user, registration_id, base=desk.base, token=token,
                   keputusan=keputusan, alasan=alasan)


@router.get("/kurator/pendaftaran")
def kurator_list(request: Request, session: SessionDep, pesan: str = "") -> Response:
    return _desk_list(KURATOR, request, session, pesan)


@router.post("/kurator/pendaftaran/{registration_id}")
def kurator_decide(request: Request, registration_id: str, session: SessionDep,
                   csrf: Field = "", keputusan: Field = "", alasan: Field = "") -> Response:
    return _desk_decide(KURATOR, request, session, registration_id, csrf=csrf,
                        keputusan=keputusan, alasan=alasan)


@router.get("/dinas/pendaftaran")
def dinas_list(request: Request, session: SessionDep, pesan: str = "") -> Response:
    return _desk_list(DINAS, request, session, pesan)


@router.post("/dinas/pendaftaran/{registration_id}")
def dinas_decide(request: Request, registration_id: str, session: SessionDep,
                 csrf: Field = "", keputusan: Field = "", alasan: Field = "") -> Response:
    return _desk_decide(DINAS, request, session, registration_id, csrf=csrf,
                        keputusan=keputusan, alasan=alasan)
