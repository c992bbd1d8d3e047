"""The kurator's pages: log in, see listings waiting for a decision, approve or reject them.

A kurator (or admin) logs in with a password; the session is a signed cookie under /kurator
only (HttpOnly, SameSite=Strict, 8 hours, void once the password changes), and every action
form carries a token derived from it. A kurator has no business and no device token, so none
of the sync or order APIs open for them.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from server.deps import db
from server.models import AppUser
from server.security import AuthError, check_password
from server.shop import guard
from server.shop.catalog import plain
from server.shop.curate import CurationRefused, decide, live_count, waiting_products
from server.shop.questions import hide_question, recent_questions
from server.shop.web import app_secret, client_ip, load_app_secret, render
from server.shop_forms import csrf_passed, form_page

router = APIRouter(prefix="/kurator", include_in_schema=False,
                   dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
Field = Annotated[str, Form()]
CURATORS = ("kurator", "admin")
NOTICES = {"setuju": "Produk disetujui dan sekarang tayang.",
           "tolak": "Produk ditolak; alasannya dikirim ke pemilik.",
           "sembunyi": "Pertanyaan disembunyikan dari halaman produk dan dari penjual."}


def current_kurator(request: Request, session: Session) -> AppUser | None:
    """The kurator whose valid session cookie came with the request."""
    cookie = request.cookies.get(guard.KURATOR_COOKIE)
    user_id = guard.kurator_user_id(cookie)
    if user_id is None or cookie is None:
        return None
    user = session.get(AppUser, user_id)
    if user is None or user.role not in CURATORS or \
            not guard.kurator_cookie_ok(app_secret(request), cookie, user.password_hash):
        return None
    return user


def _action_token(request: Request) -> str:
    return guard.sign(app_secret(request), f"kurasi:{request.cookies.get(guard.KURATOR_COOKIE)}")


def _action_ok(request: Request, token: str) -> bool:
    return hmac.compare_digest(token.encode(), _action_token(request).encode())


def _login_page(request: Request, *, username: str = "", error: str = "",
                status: int = 200) -> HTMLResponse:
    return form_page(request, "kurator_masuk.html", "masuk",
                     {"username": username, "error": error}, status=status, path="/kurator")


@router.get("/masuk")
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/masuk")
def login(request: Request, session: SessionDep, csrf: Field = "", nama: Field = "",
          sandi: Field = "") -> Response:
    if not csrf_passed(request, csrf, "masuk"):
        return _login_page(request, username=nama[:80], status=403,
                           error="Formulir kedaluwarsa. Coba masuk lagi.")
    try:
        request.app.state.ip_throttle.check(client_ip(request))
        user = check_password(session, plain(nama[:80]), sandi[:200],
                              throttle=request.app.state.login_throttle, ip=client_ip(request))
    except AuthError as exc:
        return _login_page(request, username=nama[:80], error=exc.message, status=exc.status)
    if user.role not in CURATORS:
        return _login_page(request, username=nama[:80], status=403,
                           error="Akun ini bukan akun kurator.")
    response = RedirectResponse("/kurator", status_code=303)
    response.set_cookie(guard.KURATOR_COOKIE,
                        guard.kurator_cookie(app_secret(request), user.id or 0,
                                             user.password_hash),
                        max_age=guard.KURATOR_MAX_AGE, path="/kurator", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/keluar")
def logout(request: Request, csrf: Field = "") -> Response:
    response = RedirectResponse("/kurator/masuk", status_code=303)
    if _action_ok(request, csrf):
        response.delete_cookie(guard.KURATOR_COOKIE, path="/kurator")
    return response


def _board(request: Request, session: Session, user: AppUser, *, notice: str = "",
           error: str = "", status: int = 200) -> HTMLResponse:
    return render(request, "kurator.html", {
        "user": user, "waiting": waiting_products(session), "live": live_count(session),
        "questions": recent_questions(session),
        "csrf": _action_token(request), "notice": notice, "error": error}, status=status,
        headers={"Cache-Control": "no-store"})


@router.get("")
def board(request: Request, session: SessionDep, pesan: str = "") -> Response:
    user = current_kurator(request, session)
    if user is None:
        return RedirectResponse("/kurator/masuk", status_code=303)
    return _board(request, session, user, notice=NOTICES.get(pesan, ""))


@router.post("/produk/{product_id}")
def decide_product(request: Request, product_id: str, session: SessionDep, csrf: Field = "",
                   keputusan: Field = "", alasan: Field = "", versi: Field = "") -> Response:
    user = current_kurator(request, session)
    if user is None:
        return RedirectResponse("/kurator/masuk", status_code=303)
    if not _action_ok(request, csrf):
        return _board(request, session, user, status=403,
                      error="Formulir kedaluwarsa atau tidak sah. Muat ulang halaman ini.")
    if keputusan not in ("setuju", "tolak"):
        return _board(request, session, user, status=422, error="Pilih Setujui atau Tolak.")
    try:
        decide(session, product_id=product_id[:36], approve=keputusan == "setuju",
               reason=alasan, seen_hash=versi or None)
    except CurationRefused as refused:
        session.rollback()
        return _board(request, session, user, status=409, error=str(refused))
    session.commit()
    return RedirectResponse(f"/kurator?pesan={keputusan}", status_code=303)


@router.post("/pertanyaan/{question_id}")
def hide(request: Request, question_id: str, session: SessionDep, csrf: Field = "") -> Response:
    """Take an abusive or off-topic question off the mall (the seller's desktop drops it too)."""
    user = current_kurator(request, session)
    if user is None:
        return RedirectResponse("/kurator/masuk", status_code=303)
    if not _action_ok(request, csrf):
        return _board(request, session, user, status=403,
                      error="Formulir kedaluwarsa atau tidak sah. Muat ulang halaman ini.")
    if not hide_question(session, question_id=question_id[:36]):
        return _board(request, session, user, status=404,
                      error="Pertanyaan itu tidak ada atau sudah disembunyikan.")
    session.commit()
    return RedirectResponse("/kurator?pesan=sembunyi", status_code=303)


action_token = _action_token  # the onboarding review pages (server/onboarding_web.py) share it
action_ok = _action_ok
