"""Renderers of report data: terminal text, JSON, CSV and XLSX. They never compute a figure."""
