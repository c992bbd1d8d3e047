"""Render benchmark results as a markdown table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bench.measure import Result


def fmt(value: float | None, unit: str) -> str:
    """Seconds as `12.3 ms` or `4.56 s`; megabytes as `123 MB`; bytes (`B`, or `kB` as
    1,000 bytes), counts and rates."""
    if value is None:
        return "—"
    if unit == "kB":
        return f"{value / 1000:,.1f} kB"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "B":
        return f"{value:,.1f} B"
    if unit == "n":
        return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"
    if unit == "/s":
        return f"{value:,.1f}/s"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _target(result: Result) -> str:
    if result.target is None:
        return "—"
    sign = "≥ " if result.higher_is_better else "≤ "
    sign = f"ratio {sign}" if result.target_on == "ratio" else sign
    return sign + fmt(result.target, "x" if result.target_on == "ratio" else result.unit)


def _subjects(meta: dict[str, object]) -> list[str]:
    """What was measured: the generated book, the storefront's catalogue, or both."""
    lines = []
    book = meta.get("book")
    if isinstance(book, dict):
        lines.append(f"- Book: {book['entries']:,} entries, {book['lines']:,} lines, "
                     f"{book['start']} .. {book['end']} (seed {book['seed']}; first-year subset "
                     f"{book['first_year_entries']:,} entries)")
    shop = meta.get("shop")
    if isinstance(shop, dict):
        lines.append(
            f"- Storefront (k): {shop['products_shown']:,} shown products (+{shop['products_hidden']:,}"
            f" waiting, refused or draft) of {shop['businesses']:,} businesses, "
            f"{shop['photos']:,} photos ({shop['photo_bytes'] / 1e6:,.0f} MB), on "
            f"{shop['database']}; server `--workers {shop['workers']}`, {shop['http']}; page cache "
            f"{shop['page_cache_seconds']:.0f} s (+ serve-stale {shop['page_cache_stale_seconds']:.0f}"
            " s while re-rendering)")
    return lines


def markdown(results: list[Result], meta: dict[str, object]) -> str:
    """The results table with a short header saying what was measured and where."""
    head = ["# Lumbung benchmark results", "", *_subjects(meta),
        f"- Machine: {meta['cpus']} CPUs, {meta['platform']}; Python {meta['python']}, "
        f"SQLite {meta['sqlite']}; load average {meta['load_before']} before, "
        f"{meta['load_after']} after",
        f"- Commit {meta['commit']}, run {meta['started']} ({meta['wall_seconds']:.0f} s)",
        "- Every time is the median of the runs shown; peak RSS is the worst run. "
        "`Ratio` is result ÷ baseline, both measured in this run.", "",
        "| | Measure | Runs | Result | Baseline (same run) | Baseline value | Ratio | Target "
        "| Status |",
        "|---|---|---:|---:|---|---:|---:|---:|---|",
    ]
    rows = []
    for r in results:
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        rows.append(f"| {r.section} | {r.name} | {len(r.samples)} | {fmt(r.value, r.unit)} | "
                    f"{r.baseline_name or '—'} | {fmt(r.baseline, r.unit)} | {ratio} | "
                    f"{_target(r)} | {r.status} |")
    notes = [f"- **{r.section} {r.name}**: {r.note}" for r in results if r.note]
    checks = meta.get("checks", {})
    assert isinstance(checks, dict)
    check_lines = [f"- {name}: {'ok' if ok else 'FAILED'}" for name, ok in checks.items()]
    passed = sum(r.status == "PASS" for r in results)
    over = sum(r.status in ("OVER", "UNDER") for r in results)
    tail = ["", f"**{passed} PASS, {over} OVER/UNDER** (benchmarks inform; they never fail "
            "the build)",
            "", "Notes:", *notes, "", "Correctness checks:", *check_lines]
    return "\n".join(head + rows + tail) + "\n"


def write(results: list[Result], meta: dict[str, object], folder: Path, stem: str) -> str:
    """Write `<stem>.json` and `<stem>.md` into `folder`; returns the markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    text = markdown(results, meta)
    (folder / f"{stem}.md").write_text(text, encoding="utf-8")
    payload = {"meta": meta, "results": [r.as_dict() for r in results]}
    (folder / f"{stem}.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return text
