"""Seller onboarding: an owner registers on the mall, the Dinas or a kurator activates.

`register_seller` makes an umkm login and its new business, inactive: it cannot get a device
token (server/security.py `enrol_device`), so it can neither sync nor publish. The Dinas or a
kurator sees the waiting registrations, checks the NIB (13 digits) and certificates, and
`decide_registration` activates it (the business is then "Terverifikasi Dinas" on the
storefront) or refuses it with a reason. Later `set_seller_active` can deactivate an active
seller with a reason (its login can no longer link a PC, its PCs' tokens are revoked and the
mark is taken off) and activate it again; both are written to the Dinas audit log.
"""

from __future__ import annotations

import re
import uuid

from sqlmodel import Session, col, select

from protocol.rules import normalize_phone
from server.dinas.export import audit
from server.models import AppUser, Business, Device, SellerRegistration, utcnow
from server.security import create_user
from server.shop.pagecache import storefront_changed

REVIEWERS = ("dinas", "kurator", "admin")
NIB = re.compile(r"[0-9]{13}")


class RegistrationRefused(ValueError):
    """A registration or decision refused, naming the field (`field`) and the value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def check_nib(raw: str) -> str:
    """The NIB as 13 ASCII digits (spaces and dots people type are dropped)."""
    nib = re.sub(r"[\s.-]", "", raw)
    if not NIB.fullmatch(nib) or not nib.isascii():
        raise RegistrationRefused("nib", f"NIB harus 13 angka (tertulis '{raw[:40]}')")
    return nib


def register_seller(session: Session, *, business_name: str, nib: str, desa: str, phone: str,
                    username: str, password: str, certificates: str = "") -> SellerRegistration:
    """A new inactive umkm login with its own new business, waiting for the Dinas."""
    name = business_name.strip()
    if not 3 <= len(name) <= 200:
        raise RegistrationRefused("nama", "Nama usaha 3 sampai 200 huruf")
    number = check_nib(nib)
    place = desa.strip()
    if not 2 <= len(place) <= 120:
        raise RegistrationRefused("desa", "Isi nama desa (2 sampai 120 huruf)")
    mobile = normalize_phone(phone)
    if mobile is None:
        raise RegistrationRefused("hp", f"Nomor HP '{phone[:30]}' bukan nomor ponsel Indonesia")
    if len(certificates) > 300:
        raise RegistrationRefused("sertifikat", "Sertifikat paling panjang 300 huruf")
    taken = session.exec(select(SellerRegistration).where(
        SellerRegistration.nib == number, col(SellerRegistration.status) != "ditolak")).first()
    if taken is not None:
        raise RegistrationRefused("nib", f"NIB {number} sudah didaftarkan di Mall")
    try:
        user = create_user(session, username=username.strip(), password=password, role="umkm",
                           business_name=name, new_business=True, active=False)
    except ValueError as exc:
        field = "sandi" if "sandi" in str(exc) else "nama" if "Usaha" in str(exc) else "pengguna"
        raise RegistrationRefused(field, str(exc)) from None
    registration = SellerRegistration(
        id=str(uuid.uuid4()), business_id=str(user.business_id), user_id=user.id or 0,
        nib=number, desa=place, phone=mobile, certificates=certificates.strip())
    session.add(registration)
    session.commit()
    return registration


def inactive_reason(session: Session, user: AppUser) -> str:
    """What an inactive account is told when it tries to link a PC: waiting, or the refusal's
    reason."""
    registration = session.exec(select(SellerRegistration).where(
        SellerRegistration.user_id == user.id).order_by(
        col(SellerRegistration.created_at).desc())).first()
    if registration is not None and registration.status == "ditolak":
        return f"Pendaftaran ditolak Dinas: {registration.reason}"
    if registration is not None and registration.status == "nonaktif":
        return f"Akun ini dinonaktifkan Dinas: {registration.reason}"
    return "Akun ini belum diaktifkan Dinas: NIB sedang diperiksa"


def pending_registrations(session: Session) -> list[tuple[SellerRegistration, Business]]:
    """Registrations waiting for a decision, oldest first, with their businesses."""
    return list(session.exec(
        select(SellerRegistration, Business)
        .where(SellerRegistration.business_id == Business.id,
               SellerRegistration.status == "menunggu")
        .order_by(col(SellerRegistration.created_at))).all())


def _under_review(session: Session, registration_id: str, reviewer: AppUser, *, status: str,
                  reason: str, reason_needed: bool, words: tuple[str, str, str]
                  ) -> tuple[SellerRegistration, AppUser, Business, str]:
    """The registration a reviewer acts on, if it is in `status`, with its login, business and
    the reason trimmed; `words`: what only reviewers do, the stale-page message, whose reason."""
    if reviewer.role not in REVIEWERS:
        raise RegistrationRefused("peran", f"Hanya Dinas atau kurator yang {words[0]}")
    registration = session.get(SellerRegistration, registration_id)
    if registration is None or registration.status != status:
        raise RegistrationRefused("pendaftaran", words[1])
    reason = reason.strip()[:500]
    if reason_needed and not reason:
        raise RegistrationRefused("alasan", f"Tulis alasan {words[2]} untuk pemilik")
    user = session.get(AppUser, registration.user_id)
    business = session.get(Business, registration.business_id)
    assert user is not None and business is not None
    return registration, user, business, reason


def decide_registration(session: Session, *, registration_id: str, activate: bool,
                        reviewer: AppUser, reason: str = "") -> SellerRegistration:
    """Activate (NIB checked: the business becomes verified) or refuse with a reason."""
    registration, user, business, reason = _under_review(
        session, registration_id, reviewer, status="menunggu", reason=reason,
        reason_needed=not activate, words=("mengaktifkan akun", "Pendaftaran ini tidak ada atau "
                                           "sudah diputus", "penolakan"))
    now = utcnow()
    if activate:
        check_nib(registration.nib)
        user.active = True
        business.verified_at = now
        session.add_all([user, business])
    registration.status = "aktif" if activate else "ditolak"
    registration.reason = reason
    registration.decided_by = reviewer.username
    registration.decided_at = now
    session.add(registration)
    storefront_changed(session)  # the mark (and its products) on every page
    session.commit()
    return registration


def registered_sellers(session: Session) -> list[tuple[SellerRegistration, Business]]:
    """Registrations already activated (`aktif`) or deactivated since (`nonaktif`)."""
    return list(session.exec(
        select(SellerRegistration, Business)
        .where(SellerRegistration.business_id == Business.id,
               col(SellerRegistration.status).in_(("aktif", "nonaktif")))
        .order_by(col(Business.name), col(SellerRegistration.id))).all())


def set_seller_active(session: Session, *, registration_id: str, active: bool,
                      reviewer: AppUser, reason: str = "") -> SellerRegistration:
    """Deactivate an active seller (a reason is required) or activate a deactivated one.

    Deactivating stops the login linking a PC, revokes every PC's token at once (after
    activation again the owner links the PC anew) and takes the "Terverifikasi Dinas" mark
    off; activating again gives the login and the mark back. Written to the audit log."""
    registration, user, business, reason = _under_review(
        session, registration_id, reviewer, status="nonaktif" if active else "aktif",
        reason=reason, reason_needed=not active, words=(
            "mengubah status akun", "Akun ini tidak ada atau statusnya sudah berubah",
            "penonaktifan"))
    now = utcnow()
    user.active = active
    business.verified_at = now if active else None
    if not active:
        for device in session.exec(select(Device).where(
                Device.business_id == business.id, col(Device.revoked_at).is_(None))):
            device.revoked_at = now
            session.add(device)
    registration.status = "aktif" if active else "nonaktif"
    registration.reason = reason
    registration.decided_by = reviewer.username
    registration.decided_at = now
    session.add_all([user, business, registration])
    audit(session, username=reviewer.username, action="akun",
          detail=f"{'aktifkan lagi' if active else 'nonaktifkan'} {business.name}"
          + (f": {reason}" if reason else ""))
    storefront_changed(session)  # the mark (and its products) on every page
    session.commit()
    return registration
