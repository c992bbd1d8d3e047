"""SQLite storage: one file per business, a registry of businesses, migrations and backups."""
