"""The `lumbung` command line: for the pendamping, for scripts and for tests."""
