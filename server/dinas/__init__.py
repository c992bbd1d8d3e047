"""The Dinas view of the mall: consented monthly summaries and profiles, programs, OVOP."""
