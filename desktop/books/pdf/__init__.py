"""PDF renderers (ReportLab) of report data: statements, the pack, ledgers and receipts.

Nothing here computes a figure; every number comes from the report objects that also feed
the JSON output.
"""
