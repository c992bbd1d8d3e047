"""`lumbung-server`: run the mall, and the admin commands (users, devices, epoch).

A password is never needed on the command line, where `ps` and the shell history show it:
it is asked for at a prompt, or read from the first line of stdin with `--password-stdin`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import uuid
from pathlib import Path

from sqlmodel import Session, select

from server.app import default_data_dir
from server.db import default_url, make_engine, upgrade
from server.dinas import cli as dinas_cli
from server.mall_config import load_config, set_config
from server.models import AppUser, Business, Device
from server.security import ROLES, create_user, hash_password, revoke
from server.serve import uvicorn_options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lumbung-server", description="Server Mall kabupaten")
    parser.add_argument("--database-url", help="postgresql+psycopg://... (default: SQLite)")
    parser.add_argument("--data-dir", type=Path, help="where the SQLite database lives")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the mall and the sync API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--workers", type=int, default=1)
    run.add_argument("--forwarded-allow-ips", metavar="IP[,IP...]",
                     help="behind a reverse proxy: its address(es), whose X-Forwarded-For is "
                          "trusted for the per-address limits (never '*' on an open port)")
    run.add_argument("--auto-approve", action="store_true",
                     help="show new and changed listings at once, without a kurator "
                          "(same as LUMBUNG_AUTO_APPROVE=1)")
    admin = sub.add_parser("admin", help="users, devices and epochs").add_subparsers(
        dest="action", required=True)
    user = admin.add_parser("create-user", help="add a login")
    user.add_argument("--username", required=True)
    _password_options(user)
    user.add_argument("--role", required=True, choices=ROLES)
    user.add_argument("--business-name")
    admin.add_parser("list-users", help="every login")
    reset = admin.add_parser("reset-password", help="set a new password")
    reset.add_argument("--username", required=True)
    _password_options(reset)
    devices = admin.add_parser("list-devices", help="devices of every business")
    devices.add_argument("--business", help="business slug")
    rev = admin.add_parser("revoke-device", help="cut a device's token off")
    rev.add_argument("device_id")
    admin.add_parser("new-epoch", help="after restoring the database from a backup: makes every "
                                       "desktop re-send what the server lacks")
    dinas_cli.add_commands(sub)
    config = sub.add_parser("config", help="the kabupaten's own mall: name, logo, colour, "
                                           "contact, footer").add_subparsers(dest="action",
                                                                             required=True)
    change = config.add_parser("set", help="change the given settings (others stay)")
    change.add_argument("--name", help='the mall\'s name, e.g. "Karangasem Mall"')
    change.add_argument("--logo", type=Path, help="PNG or JPEG, at most 512 px a side")
    change.add_argument("--color", help="main colour, #rrggbb")
    change.add_argument("--contact", help="contact line shown under every page")
    change.add_argument("--footer", help="text after the name at the foot of every page")
    config.add_parser("show", help="the current settings")
    return parser


def _password_options(command: argparse.ArgumentParser) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin")
    group.add_argument("--password", help=argparse.SUPPRESS)  # old scripts; shows in `ps`


def read_password(args: argparse.Namespace) -> str:
    """The password from stdin, a prompt (twice), or (old scripts) `--password`."""
    if args.password is not None:
        print("Peringatan: --password terlihat oleh pengguna lain (ps, riwayat shell); pakai "
              "--password-stdin atau isi saat diminta", file=sys.stderr)
        return str(args.password)
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise ValueError("Kedua kata sandi tidak sama")
    return first


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database_url or default_url(args.data_dir or default_data_dir())
    if args.command == "run":
        import uvicorn

        os.environ["LUMBUNG_DATABASE_URL"] = url
        if args.auto_approve:  # read by server/shop/project.py in every worker
            os.environ["LUMBUNG_AUTO_APPROVE"] = "1"
        engine = make_engine(url)
        upgrade(engine)
        with Session(engine) as session:
            name = load_config(session).name
        print(f"{name} di http://{args.host}:{args.port} (basis data: "
              f"{url.split('@')[-1]})", file=sys.stderr)
        engine.dispose()
        uvicorn.run("server.asgi:app", host=args.host, port=args.port, workers=args.workers,
                    log_level="warning",
                    **uvicorn_options(forwarded_allow_ips=args.forwarded_allow_ips))
        return 0
    engine = make_engine(url)
    upgrade(engine)
    try:
        with Session(engine) as session:
            work = {"dinas": dinas_cli.run, "config": _config}.get(args.command, _admin)
            print(json.dumps(work(session, args), ensure_ascii=False, indent=2))
    except ValueError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    return 0


def _config(session: Session, args: argparse.Namespace) -> object:
    if args.action == "show":
        return load_config(session).public()
    logo = None
    if args.logo is not None:
        try:
            logo = args.logo.read_bytes()
        except OSError as exc:
            raise ValueError(f"logo: berkas {args.logo} tidak terbaca ({exc.strerror})") from None
    return set_config(session, name=args.name, color=args.color, contact=args.contact,
                      footer=args.footer, logo=logo).public()


def _admin(session: Session, args: argparse.Namespace) -> object:
    if args.action == "create-user":
        user = create_user(session, username=args.username, password=read_password(args),
                           role=args.role, business_name=args.business_name)
        return {"username": user.username, "role": user.role, "business_id": user.business_id}
    if args.action == "list-users":
        return [{"username": u.username, "role": u.role, "business_id": u.business_id}
                for u in session.exec(select(AppUser).order_by(AppUser.username))]
    if args.action == "reset-password":
        found = session.exec(select(AppUser).where(AppUser.username == args.username)).first()
        if found is None:
            raise ValueError(f"Pengguna '{args.username}' tidak ada")
        found.password_hash = hash_password(read_password(args))
        session.add(found)
        session.commit()
        return {"username": found.username, "password": "diganti"}
    if args.action == "list-devices":
        query = select(Device, Business).where(Device.business_id == Business.id)
        if args.business:
            query = query.where(Business.slug == args.business)
        return [{"device_id": d.id, "business": b.slug, "number": d.number, "name": d.name,
                 "last_seen": d.last_seen.isoformat() if d.last_seen else None,
                 "revoked": d.revoked_at is not None} for d, b in session.exec(query)]
    if args.action == "revoke-device":
        device = revoke(session, args.device_id)
        return {"device_id": device.id, "revoked": True}
    if args.action == "new-epoch":
        businesses = list(session.exec(select(Business)))
        for business in businesses:
            business.epoch = str(uuid.uuid4())
            session.add(business)
        session.commit()
        return {"businesses": len(businesses), "epoch": "baru"}
    raise ValueError(f"perintah '{args.action}' tidak dikenal")


if __name__ == "__main__":
    sys.exit(main())
