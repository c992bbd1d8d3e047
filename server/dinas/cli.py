"""`lumbung-server dinas ringkasan|audit`: the Dinas export for reporting upward, from the shell.

`ringkasan --from YYYY-MM --to YYYY-MM --group kecamatan|desa|kategori|kelas|tahap|usaha`
prints JSON (`{"groups": [...], "suppressed": n}`) or writes `--csv F` / `--xlsx F`; every
export is written to the audit log under the name of the account running the command.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from sqlmodel import Session

from server.dinas.export import audit, audit_log, to_csv, to_xlsx
from server.dinas.report import GROUPS, summarise


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `dinas ringkasan` and `dinas audit` to the server's command line."""
    dinas = sub.add_parser("dinas", help="Dinas exports and audit log").add_subparsers(
        dest="action", required=True)
    summary = dinas.add_parser("ringkasan", help="consented monthly figures, grouped")
    summary.add_argument("--from", dest="start", required=True, metavar="YYYY-MM")
    summary.add_argument("--to", dest="end", required=True, metavar="YYYY-MM")
    summary.add_argument("--group", default="kecamatan", choices=tuple(GROUPS))
    out = summary.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON (the default)")
    out.add_argument("--csv", type=Path, metavar="F")
    out.add_argument("--xlsx", type=Path, metavar="F")
    log = dinas.add_parser("audit", help="who viewed or exported what")
    log.add_argument("--limit", type=int, default=200)


def run(session: Session, args: argparse.Namespace) -> object:
    """Do one `dinas` command; returns what to print as JSON."""
    if args.action == "audit":
        return [{"at": a.at.isoformat(), "username": a.username, "action": a.action,
                 "detail": a.detail} for a in audit_log(session, limit=args.limit)]
    for value in (args.start, args.end):
        if len(value) != 7 or value[4] != "-" or not (value[:4] + value[5:]).isdigit():
            raise ValueError(f"Bulan '{value}' harus YYYY-MM")
    summary = summarise(session, group=args.group, start=args.start, end=args.end)
    kind = "xlsx" if args.xlsx else "csv" if args.csv else "json"
    audit(session, username=f"cli:{getpass.getuser()}", action="ekspor",
          detail=f"{kind} {args.group} {args.start}..{args.end}: {len(summary.groups)} baris")
    session.commit()
    if args.xlsx:
        args.xlsx.write_bytes(to_xlsx(session, summary))
    elif args.csv:
        args.csv.write_text(to_csv(session, summary), encoding="utf-8")
    else:
        return summary.as_json()
    return {"file": str(args.xlsx or args.csv), "groups": len(summary.groups),
            "suppressed": summary.suppressed}
