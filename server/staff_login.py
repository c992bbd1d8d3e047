"""One sign-in for the mall's staff pages: the kurator's under /kurator, the Dinas's under /dinas.

Each side is a `StaffDoor`: its path, its cookie, who may come in, and the words its login page
says. The session is a signed cookie under that path only (HttpOnly, SameSite=Strict, 8 hours,
void once the password changes); every action form carries a token derived from it.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from server.deps import db
from server.models import AppUser
from server.security import AuthError, check_password
from server.shop import guard
from server.shop.catalog import plain
from server.shop.web import app_secret, client_ip
from server.shop_forms import csrf_passed, form_page

FormField = Annotated[str, Form()]
SessionDep = Annotated[Session, Depends(db)]


@dataclass(frozen=True)
class StaffDoor:
    """A staff side's login: where it lives, its cookie and tokens, who may enter, its words."""

    base: str  # "/kurator": the cookie's path, and where /masuk and /keluar live
    cookie: str
    form: str  # the login form's CSRF name
    token_tag: str  # what the action tokens are derived under
    roles: tuple[str, ...]  # who may use the pages
    login_roles: tuple[str, ...]  # who may sign in (the Dinas's door also lets a kurator in)
    title: str  # the login page's <title>
    heading: str
    refused: str  # said to a valid account of another role
    landing: Callable[[AppUser], str]  # where a fresh session goes

    def user(self, request: Request, session: Session,
             roles: tuple[str, ...] | None = None) -> AppUser | None:
        """The signed-in user of a valid session on this side, with one of `roles`."""
        cookie = request.cookies.get(self.cookie)
        user_id = guard.kurator_user_id(cookie)
        if user_id is None or cookie is None:
            return None
        user = session.get(AppUser, user_id)
        if user is None or user.role not in (roles or self.roles) or \
                not guard.kurator_cookie_ok(app_secret(request), cookie, user.password_hash):
            return None
        return user

    def token(self, request: Request) -> str:
        """The action token of the visitor's session (every form on the side carries it)."""
        return guard.sign(app_secret(request), f"{self.token_tag}:{request.cookies.get(self.cookie)}")

    def token_ok(self, request: Request, token: str) -> bool:
        """Whether a post carries this session's action token."""
        return hmac.compare_digest(token.encode(), self.token(request).encode())

    def login_page(self, request: Request, *, username: str = "", error: str = "",
                   status: int = 200) -> HTMLResponse:
        """The sign-in form, in this side's words."""
        return form_page(request, "staff_masuk.html", self.form,
                         {"door": self, "username": username, "error": error},
                         status=status, path=self.base)

    def sign_in(self, request: Request, session: Session, *, csrf: str, nama: str,
                sandi: str) -> Response:
        """Check the form and the password; a session cookie and the landing page, or the form
        again with why not."""
        username = nama[:80]
        if not csrf_passed(request, csrf, self.form):
            return self.login_page(request, username=username, status=403,
                                   error="Formulir kedaluwarsa. Coba masuk lagi.")
        try:
            request.app.state.ip_throttle.check(client_ip(request))
            user = check_password(session, plain(username), sandi[:200],
                                  throttle=request.app.state.login_throttle,
                                  ip=client_ip(request))
        except AuthError as exc:
            return self.login_page(request, username=username, error=exc.message,
                                   status=exc.status)
        if user.role not in self.login_roles:
            return self.login_page(request, username=username, status=403, error=self.refused)
        response = RedirectResponse(self.landing(user), status_code=303)
        response.set_cookie(self.cookie, guard.kurator_cookie(app_secret(request), user.id or 0,
                                                              user.password_hash),
                            max_age=guard.KURATOR_MAX_AGE, path=self.base, httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")
        return response

    def sign_out(self, request: Request, csrf: str) -> Response:
        """Drop the session (only with its own token, so a link elsewhere cannot)."""
        response = RedirectResponse(f"{self.base}/masuk", status_code=303)
        if self.token_ok(request, csrf):
            response.delete_cookie(self.cookie, path=self.base)
        return response


def add_login(router: APIRouter, door: StaffDoor) -> None:
    """GET and POST {base}/masuk and POST {base}/keluar on the side's router."""

    @router.get("/masuk")
    def login_form(request: Request) -> HTMLResponse:
        return door.login_page(request)

    @router.post("/masuk")
    def login(request: Request, session: SessionDep, csrf: FormField = "", nama: FormField = "",
              sandi: FormField = "") -> Response:
        return door.sign_in(request, session, csrf=csrf, nama=nama, sandi=sandi)

    @router.post("/keluar")
    def logout(request: Request, csrf: FormField = "") -> Response:
        return door.sign_out(request, csrf)
