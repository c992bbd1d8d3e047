"""Sync between the desktop books and the kabupaten mall server (arrives with the sync issue)."""
