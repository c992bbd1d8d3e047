"""Schema step 12 (issue 16): the owner's consent for the Dinas, the profile the Dinas asks
for, and which monthly summaries were last queued for the mall."""

from __future__ import annotations

from protocol.dinas import CONSENT_LEVELS, DEFAULT_CONSENT

_LEVELS = ", ".join(f"'{level}'" for level in CONSENT_LEVELS)

V12 = f"""
-- One row: what the Dinas may see (protocol/dinas.py) and the Dinas profile as JSON, whose
-- fields and bounds are protocol/entities.py's `dinas_profile`.
CREATE TABLE dinas_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    consent TEXT NOT NULL DEFAULT '{DEFAULT_CONSENT}' CHECK (consent IN ({_LEVELS})),
    data TEXT NOT NULL DEFAULT '{{}}',
    updated_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO dinas_profile (id) VALUES (1);
-- The hash of each month's summary as last queued: a back-dated entry changes the hash of
-- the months it touches, and only those are queued again.
CREATE TABLE dinas_summary_sent (
    month TEXT PRIMARY KEY,
    hash TEXT NOT NULL
) WITHOUT ROWID
"""
