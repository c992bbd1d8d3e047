"""The kurator's pages: log in, see listings waiting for a decision, approve or reject them.

A kurator (or admin) logs in with a password through the staff door (server/staff_login.py):
a signed cookie under /kurator only, and a token derived from it on every action form. A
kurator has no business and no device token, so none of the sync or order APIs open for them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from server.deps import db
from server.models import AppUser
from server.shop import guard
from server.shop.curate import CurationRefused, decide, live_count, waiting_products
from server.shop.questions import hide_question, recent_questions
from server.shop.web import load_app_secret, render
from server.staff_login import StaffDoor, add_login

router = APIRouter(prefix="/kurator", include_in_schema=False,
                   dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
Field = Annotated[str, Form()]
CURATORS = ("kurator", "admin")
NOTICES = {"setuju": "Produk disetujui dan sekarang tayang.",
           "tolak": "Produk ditolak; alasannya dikirim ke pemilik.",
           "sembunyi": "Pertanyaan disembunyikan dari halaman produk dan dari penjual."}


KURATOR = StaffDoor(base="/kurator", cookie=guard.KURATOR_COOKIE, form="masuk", token_tag="kurasi",
                    roles=CURATORS, login_roles=CURATORS, title="Masuk kurator",
                    heading="Masuk sebagai kurator", refused="Akun ini bukan akun kurator.",
                    landing=lambda _user: "/kurator")
add_login(router, KURATOR)


def current_kurator(request: Request, session: Session) -> AppUser | None:
    """The kurator whose valid session cookie came with the request."""
    return KURATOR.user(request, session)


_action_token = KURATOR.token
_action_ok = KURATOR.token_ok


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


def _acting(request: Request, session: Session, csrf: str) -> AppUser | Response:
    """The kurator posting an action form, or what to answer instead (sign in, stale form)."""
    user = current_kurator(request, session)
    if user is None:
        return RedirectResponse("/kurator/masuk", status_code=303)
    if not _action_ok(request, csrf):
        return _board(request, session, user, status=403,
                      error="Formulir kedaluwarsa atau tidak sah. Muat ulang halaman ini.")
    return user


@router.post("/produk/{product_id}")
def decide_product(request: Request, product_id: str, session: SessionDep, csrf: Field = "",
                   keputusan: Field = "", alasan: Field = "", versi: Field = "") -> Response:
    user = _acting(request, session, csrf)
    if isinstance(user, Response):
        return user
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
    user = _acting(request, session, csrf)
    if isinstance(user, Response):
        return user
    if not hide_question(session, question_id=question_id[:36]):
        return _board(request, session, user, status=404,
                      error="Pertanyaan itu tidak ada atau sudah disembunyikan.")
    session.commit()
    return RedirectResponse("/kurator?pesan=sembunyi", status_code=303)


action_token = _action_token  # the onboarding review pages (server/onboarding_web.py) share it
action_ok = _action_ok
