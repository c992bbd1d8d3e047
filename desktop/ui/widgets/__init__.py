"""Reusable widgets: money entry, search pickers, PIN pad, cards and form rows."""
