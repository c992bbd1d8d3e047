"""Schema v13: when each party's saldo awal piutang or utang falls due.

An opening balance is one entry for every party, so its due date lives on the party; umur
piutang / utang reads it for the saldo awal lines. It syncs as the party's `opening_due`.
"""

from __future__ import annotations

V13 = """
ALTER TABLE party ADD COLUMN opening_due TEXT
"""
