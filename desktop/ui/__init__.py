"""The PySide6 desktop app: it collects input and shows results; the books do the work."""
