"""The Dinas's pages under /dinas: sign in, the dashboard, businesses, programs, OVOP, exports.

A `dinas` (or `admin`) login gets a signed session cookie under /dinas only, through the same
staff door as the kurator's (server/staff_login.py); a kurator may sign in here for the OVOP
scores only. Every page view and export is written to the audit log. Pages are server-rendered
(autoescaped), charts are inline SVG.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import Session, col, select

from protocol.dinas import STAGES
from server.deps import db
from server.dinas import program as programs
from server.dinas.export import audit, audit_log, to_csv, to_xlsx
from server.dinas.mall import mall_stats, per_business
from server.dinas.models import DinasBusiness, DinasOvop, DinasProgram, DinasProgramMember
from server.dinas.report import (
    GROUPS,
    figures,
    gaps,
    summarise,
    trend,
)
from server.dinas.warm import default_period
from server.models import AppUser
from server.shop.models import Product
from server.shop.web import load_app_secret, render
from server.staff_login import StaffDoor, add_login

router = APIRouter(prefix="/dinas", include_in_schema=False,
                   dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
FormField = Annotated[str, Form()]
COOKIE = "dinas"
OFFICERS = ("dinas", "admin")
OVOP_CRITERIA = {"bahan": "Bahan baku lokal", "pasokan": "Pasokan", "nilai": "Nilai tambah",
                 "kapasitas": "Kapasitas", "kemasan": "Kemasan"}
NO_STORE = {"Cache-Control": "no-store"}
PAGE_ROWS = 100  # businesses per page of /dinas/usaha; the export has them all


DOOR = StaffDoor(base="/dinas", cookie=COOKIE, form="dinas-masuk", token_tag="dinas",
                 roles=OFFICERS, login_roles=(*OFFICERS, "kurator"), title="Masuk Dinas",
                 heading="Masuk sebagai petugas Dinas", refused="Akun ini bukan akun Dinas.",
                 landing=lambda user: "/dinas/ovop" if user.role == "kurator" else "/dinas")


def current_user(request: Request, session: Session, roles: tuple[str, ...] = OFFICERS
                 ) -> AppUser | None:
    """The signed-in user of a valid /dinas session with one of `roles`."""
    return DOOR.user(request, session, roles)


_token = DOOR.token
_token_ok = DOOR.token_ok


def _page(request: Request, name: str, user: AppUser, context: dict[str, Any], *,
          status: int = 200) -> HTMLResponse:
    return render(request, name, {"user": user, "csrf": _token(request), "GROUPS": GROUPS,
                                  "STAGES": STAGES, **context},
                  status=status, headers=NO_STORE)


def _period(dari: str, sampai: str) -> tuple[str, str]:
    """The months asked for, else the twelve months up to this one."""
    end = sampai if _is_month(sampai) else default_period(dt.date.today())[1]
    start = dari if _is_month(dari) else programs.month_add(end, -11)
    return (start, end) if start <= end else (end, start)


def _is_month(text: str) -> bool:
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
        and 1 <= int(text[5:]) <= 12


add_login(router, DOOR)  # GET/POST /dinas/masuk and POST /dinas/keluar


@router.get("")
def dashboard(request: Request, session: SessionDep, kelompok: str = "kecamatan",
              dari: str = "", sampai: str = "") -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    group = kelompok if kelompok in GROUPS and kelompok != "usaha" else "kecamatan"
    start, end = _period(dari, sampai)
    people = figures(session, start=start, end=end)
    summary = summarise(session, group=group, start=start, end=end)
    funnel = summarise(session, group="tahap", start=start, end=end)
    months = trend(session, start=start, end=end)
    audit(session, username=user.username, action="lihat", detail=f"ringkasan {group} {start}..{end}")
    session.commit()
    return _page(request, "dinas.html", user, {
        "summary": summary, "funnel": funnel, "months": months, "chart": _bars(months),
        "gaps": gaps(session, start=start, end=end),
        "mall": mall_stats(session, group=group, start=start, end=end),
        "group": group, "start": start, "end": end, "total": len(people)})


def _bars(months: list[Any]) -> list[dict[str, Any]]:
    """Bar geometry of monthly omzet for the inline SVG (width 100 per bar slot, height 100)."""
    top = max((m.omzet for m in months), default=0) or 1
    return [{"x": i * 100 + 10, "h": max(1, int(80 * max(m.omzet, 0) / top)), "m": m}
            for i, m in enumerate(months)]


@router.get("/usaha")
def businesses(request: Request, session: SessionDep, dari: str = "", sampai: str = "",
               hal: int = 1) -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    start, end = _period(dari, sampai)
    summary = summarise(session, group="usaha", start=start, end=end)
    pages = max(1, -(-len(summary.groups) // PAGE_ROWS))
    page = min(max(1, hal), pages)
    rows = summary.groups[(page - 1) * PAGE_ROWS:page * PAGE_ROWS]
    mall = per_business(session, start=start, end=end,
                        only=[g.business_id for g in rows if g.business_id])
    audit(session, username=user.username, action="lihat",
          detail=f"usaha {start}..{end} hal {page}")
    session.commit()
    return _page(request, "dinas_usaha.html", user, {
        "summary": summary, "rows": rows, "mall": mall, "page": page, "pages": pages,
        "start": start, "end": end})


@router.get("/ekspor")
def export(request: Request, session: SessionDep, kelompok: str = "kecamatan", dari: str = "",
           sampai: str = "", format: str = "csv") -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    group = kelompok if kelompok in GROUPS else "kecamatan"
    start, end = _period(dari, sampai)
    kind = format if format in ("csv", "xlsx", "json") else "csv"
    summary = summarise(session, group=group, start=start, end=end)
    audit(session, username=user.username, action="ekspor",
          detail=f"{kind} {group} {start}..{end}: {len(summary.groups)} baris")
    session.commit()
    name = f"ringkasan-{group}-{start}-{end}"
    if kind == "json":
        return JSONResponse(summary.as_json(), headers=NO_STORE)
    if kind == "xlsx":
        return Response(to_xlsx(session, summary), headers={
            **NO_STORE, "Content-Disposition": f'attachment; filename="{name}.xlsx"'},
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return Response(to_csv(session, summary), media_type="text/csv; charset=utf-8", headers={
        **NO_STORE, "Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/program")
def program_list(request: Request, session: SessionDep, error: str = "") -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    listed = list(session.exec(select(DinasProgram).order_by(col(DinasProgram.start).desc())))
    named = list(session.exec(select(DinasBusiness).where(DinasBusiness.consent == "profil")
                              .order_by(col(DinasBusiness.name))))
    audit(session, username=user.username, action="lihat", detail="program")
    session.commit()
    return _page(request, "dinas_program.html", user, {
        "programs": listed, "named": named, "kinds": programs.KINDS, "error": error},
        status=422 if error else 200)


@router.post("/program")
async def program_add(request: Request, session: SessionDep) -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    form = await request.form()
    if not _token_ok(request, str(form.get("csrf", ""))):
        return program_list(request, session, error="Formulir kedaluwarsa. Muat ulang halaman.")
    try:
        start = dt.date.fromisoformat(str(form.get("mulai", "")))
        end = dt.date.fromisoformat(str(form.get("selesai", "")))
        made = programs.add_program(
            session, name=str(form.get("nama", ""))[:200], kind=str(form.get("jenis", "")),
            start=start, end=end, by=user.username,
            members=[str(v)[:36] for v in form.getlist("peserta")][:5000])
    except ValueError as exc:
        session.rollback()
        return program_list(request, session, error=str(exc) if isinstance(
            exc, programs.ProgramRefused) else "Tanggal harus diisi (YYYY-MM-DD)")
    audit(session, username=user.username, action="program", detail=f"tambah {made.name}")
    session.commit()
    return RedirectResponse(f"/dinas/program/{made.id}", status_code=303)


@router.get("/program/{program_id}")
def program_view(request: Request, program_id: str, session: SessionDep) -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    found = session.get(DinasProgram, program_id[:36])
    if found is None:
        return _page(request, "dinas_program.html", user, {
            "programs": [], "named": [], "kinds": programs.KINDS,
            "error": "Program itu tidak ada."}, status=404)
    members = len(list(session.exec(select(DinasProgramMember).where(
        DinasProgramMember.program_id == found.id))))
    audit(session, username=user.username, action="lihat", detail=f"program {found.name}")
    session.commit()
    return _page(request, "dinas_evaluasi.html", user, {
        "program": found, "rows": programs.evaluate(session, found), "members": members,
        "window": programs.WINDOW})


@router.get("/ovop")
def ovop(request: Request, session: SessionDep, error: str = "") -> Response:
    user = current_user(request, session, (*OFFICERS, "kurator"))
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    rows = session.execute(select(DinasOvop, Product).join(
        Product, col(Product.id) == DinasOvop.product_id).order_by(
        col(DinasOvop.desa), col(Product.title))).all()
    audit(session, username=user.username, action="lihat", detail="ovop")
    session.commit()
    return _page(request, "dinas_ovop.html", user, {
        "rows": [(o, p, json.loads(o.scores)) for o, p in rows], "criteria": OVOP_CRITERIA,
        "error": error}, status=422 if error else 200)


@router.post("/ovop")
def ovop_add(request: Request, session: SessionDep, csrf: FormField = "",
             desa: FormField = "", produk: FormField = "") -> Response:
    user = current_user(request, session)
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    if not _token_ok(request, csrf):
        return ovop(request, session, error="Formulir kedaluwarsa. Muat ulang halaman.")
    slug = produk.strip().rsplit("/", 1)[-1][:120]
    product = session.exec(select(Product).where(Product.slug == slug)).first()
    if product is None or not desa.strip():
        return ovop(request, session, error="Isi desa dan alamat produk di Mall (mis. "
                    "/produk/keripik-pisang).")
    count = len(list(session.exec(select(DinasOvop).where(DinasOvop.desa == desa.strip()))))
    if count >= 5:
        return ovop(request, session, error="Satu desa paling banyak 5 produk unggulan.")
    session.add(DinasOvop(id=str(uuid.uuid4()), desa=desa.strip()[:100], product_id=product.id,
                          created_by=user.username))
    audit(session, username=user.username, action="ovop", detail=f"tambah {slug}")
    session.commit()
    return RedirectResponse("/dinas/ovop", status_code=303)


@router.post("/ovop/{ovop_id}/nilai")
async def ovop_score(request: Request, ovop_id: str, session: SessionDep) -> Response:
    user = current_user(request, session, ("kurator", "admin"))
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    form = await request.form()
    found = session.get(DinasOvop, ovop_id[:36])
    if found is None or not _token_ok(request, str(form.get("csrf", ""))):
        return ovop(request, session, error="Formulir kedaluwarsa atau produk tidak ada.")
    scores = {}
    for key in OVOP_CRITERIA:
        value = str(form.get(key, ""))
        if value not in ("1", "2", "3", "4", "5"):
            return ovop(request, session, error=f"Nilai {OVOP_CRITERIA[key]} harus 1 sampai 5.")
        scores[key] = int(value)
    found.scores = json.dumps(scores)
    session.add(found)
    audit(session, username=user.username, action="ovop", detail=f"nilai {found.id}")
    session.commit()
    return RedirectResponse("/dinas/ovop", status_code=303)


@router.get("/audit")
def audit_page(request: Request, session: SessionDep) -> Response:
    user = current_user(request, session, ("admin",))
    if user is None:
        return RedirectResponse("/dinas/masuk", status_code=303)
    return _page(request, "dinas_audit.html", user, {"rows": audit_log(session)})


action_token = _token  # the onboarding review pages (server/onboarding_web.py) share it
action_ok = _token_ok
