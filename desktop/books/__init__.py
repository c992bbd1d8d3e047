"""Offline double-entry books for one UMKM: ledger, stock, money owed and SAK EMKM reports."""
