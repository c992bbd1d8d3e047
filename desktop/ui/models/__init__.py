"""Qt item models over the books: they fetch through the session's worker, never on the GUI thread."""
