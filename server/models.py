"""The server's tables (SQLModel); Alembic migrations in `server/migrations` create them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, LargeBinary, PrimaryKeyConstraint, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """Timezone-aware now, the only time the server stores."""
    return dt.datetime.now(dt.UTC)


class Business(SQLModel, table=True):
    """A UMKM on the mall; `book_id` is the id of its books on the desktop, bound at first link."""

    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    slug: str = Field(unique=True, max_length=120)
    book_id: str | None = Field(default=None, unique=True, max_length=36)
    epoch: str = Field(max_length=36)
    last_seq: int = 0
    created_at: dt.datetime = Field(default_factory=utcnow)
    verified_at: dt.datetime | None = None  # NIB checked by the Dinas (migration 0008)


class AppUser(SQLModel, table=True):
    """A login: an owner (umkm, tied to one business), a kurator or an admin."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=80)
    password_hash: str = Field(max_length=200)
    role: str = Field(max_length=10)
    business_id: str | None = Field(default=None, foreign_key="business.id", max_length=36)
    active: bool = True  # False until the Dinas activates a self-registered seller (0008)
    failed_logins: int = 0    # unused: logins are slowed down, never locked (server/security.py)
    locked_until: float = 0
    created_at: dt.datetime = Field(default_factory=utcnow)


class Device(SQLModel, table=True):
    """One PC of a business, holding one token (stored as its SHA-256) until revoked."""

    id: str = Field(primary_key=True, max_length=36)
    business_id: str = Field(foreign_key="business.id", index=True, max_length=36)
    user_id: int = Field(foreign_key="app_user.id")
    number: int
    name: str = Field(default="", max_length=120)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_seen: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


class ChangeLog(SQLModel, table=True):
    """Every accepted change, numbered per business: what devices pull.

    Keyed by (business_id, seq), with no foreign key to `business` (migration 0011): only a
    push or a server-made change writes here, each for the business row it has just locked.
    """

    __tablename__ = "change_log"
    __table_args__ = (UniqueConstraint("business_id", "change_id"),)
    business_id: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True)
    change_id: str = Field(max_length=36)
    device_id: str = Field(max_length=36)
    entity: str = Field(max_length=20)
    entity_id: str = Field(max_length=64)   # a uuid, or a photo's sha256 (migration 0003)
    op: str = Field(max_length=10)
    data: str = Field(sa_column=Column(Text, nullable=False))
    hlc: str = Field(max_length=80)
    hash: str = Field(max_length=64)
    received_at: dt.datetime = Field(default_factory=utcnow)


class Entity(SQLModel, table=True):
    """The current state of every entity of every business (fields merged by clock).

    The primary key is (entity_id, entity), in that order, so its index also serves a push's
    lookups by id alone; no foreign key to `business`, as for the change log (migration 0011).
    Look a row up with a dict (`session.get(Entity, {"entity": ..., "entity_id": ...})`).
    """

    __table_args__ = (PrimaryKeyConstraint("entity_id", "entity"),)
    entity: str = Field(primary_key=True, max_length=20)
    entity_id: str = Field(primary_key=True, max_length=64)  # uuid or sha256
    business_id: str = Field(index=True, max_length=36)
    data: str = Field(sa_column=Column(Text, nullable=False))
    clocks: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    updated_seq: int = 0


class LoginFailure(SQLModel, table=True):
    """Failed logins per throttle key (hashed), shared by every server process (migration
    0007; server/throttle_db.py)."""

    __tablename__ = "login_failure"
    key: str = Field(primary_key=True, max_length=32)
    failures: int = 0
    last_at: float = 0.0


class PhotoUpload(SQLModel, table=True):
    """A photo's bytes as they arrive (server/photos_api.py), named by their sha256; complete
    when `received == total` and the bytes hash to the name (migration 0007)."""

    __tablename__ = "photo_upload"
    sha256: str = Field(primary_key=True, max_length=64)
    business_id: str = Field(foreign_key="business.id", max_length=36)
    total: int
    received: int = 0
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow)


class MallSetting(SQLModel, table=True):
    """One of the kabupaten's own settings for its mall: name, colour, contact, footer, logo
    (migration 0008; server/mall_config.py reads and writes them)."""

    __tablename__ = "mall_setting"
    key: str = Field(primary_key=True, max_length=20)
    value: str = Field(default="", sa_column=Column(Text, nullable=False))
    data: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class SellerRegistration(SQLModel, table=True):
    """An owner's own registration on the mall (server/onboarding.py): waits (`menunggu`)
    until the Dinas or a kurator checks the NIB and activates (`aktif`) or refuses (`ditolak`,
    with the reason) it (migration 0008)."""

    __tablename__ = "seller_registration"
    id: str = Field(primary_key=True, max_length=36)
    business_id: str = Field(foreign_key="business.id", max_length=36)
    user_id: int = Field(foreign_key="app_user.id")
    nib: str = Field(max_length=13)
    desa: str = Field(max_length=120)
    phone: str = Field(max_length=20)
    certificates: str = Field(default="", max_length=300)
    status: str = Field(default="menunggu", index=True, max_length=10)
    reason: str = Field(default="", max_length=500)
    decided_by: str = Field(default="", max_length=80)
    decided_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
