"""The Dinas's rows of one business, rebuilt from its merged entities after a push.

Only `consent`, `dinas_profile`, `profile` (its name, NIB, desa, kecamatan and category) and
`summary` entities are read: never entries, parties or orders. At consent `none` the
business's rows are deleted, so withdrawing takes effect at the sync that carries it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from protocol.dinas import DEFAULT_CONSENT
from server.dinas.models import DinasBusiness, DinasMonth
from server.models import Entity, utcnow

if TYPE_CHECKING:
    from server.validate import Envelope

WATCHED = ("consent", "dinas_profile", "profile", "summary")
_MONEY = ("omzet", "hpp", "laba", "kas", "aset", "utang", "modal")


def project_dinas(session: Session, business_id: str, changes: list[Envelope]) -> None:
    """Rebuild the business's Dinas rows when a change it depends on was just stored."""
    if not any(c.entity in WATCHED for c in changes):
        return
    session.flush()
    rebuild_business(session, business_id)


def rebuild_business(session: Session, business_id: str) -> None:
    """The business's `dinas_business` and `dinas_month` rows from its entities as they are."""
    rows = session.exec(select(Entity).where(Entity.business_id == business_id,
                                             col(Entity.entity).in_(WATCHED))).all()
    one = {r.entity: json.loads(r.data) for r in rows if r.entity != "summary"}
    consent = one.get("consent", {}).get("dinas", DEFAULT_CONSENT)
    session.execute(delete(DinasMonth).where(col(DinasMonth.business_id) == business_id))
    existing = session.get(DinasBusiness, business_id)
    if consent == "none":
        if existing is not None:
            session.delete(existing)
        return
    profile: dict[str, Any] = one.get("profile", {})
    named = consent == "profil"
    row = existing or DinasBusiness(business_id=business_id, consent=consent)
    row.consent = consent
    row.name = str(profile.get("name", ""))[:200] if named else ""
    row.nib = str(profile.get("nib", ""))[:20] if named else ""
    row.desa = str(profile.get("desa", ""))[:100]
    row.kecamatan = str(profile.get("kecamatan", ""))[:100]
    row.category = str(profile.get("category", ""))[:60]
    # The permit numbers of the main profile count too, unless the Dinas profile has its own.
    permits = {f"{c}_no": profile[c] for c in ("nib", "pirt", "halal", "sni") if profile.get(c)}
    row.profile = json.dumps({**permits, **one.get("dinas_profile", {}),
                              "alamat": str(profile.get("address", ""))} if named else {},
                             ensure_ascii=False)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    summaries = sorted((json.loads(r.data) for r in rows if r.entity == "summary"),
                       key=lambda s: str(s["month"]))
    cum_omzet = cum_laba = 0
    for seq, summary in enumerate(summaries, start=1):
        money = {k: int(summary.get(k, 0)) for k in _MONEY}
        cum_omzet += money["omzet"]
        cum_laba += money["laba"]
        session.add(DinasMonth(
            business_id=business_id, month=summary["month"], **money,
            notas=int(summary.get("notas", 0)), tenaga_kerja=int(summary.get("tenaga_kerja", 0)),
            kelas=str(summary.get("kelas", "mikro")), tahap=str(summary.get("tahap", "persiapan")),
            channels=json.dumps(summary.get("channels", {})),
            cum_omzet=cum_omzet, cum_laba=cum_laba, seq=seq))
