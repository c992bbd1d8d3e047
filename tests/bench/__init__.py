"""Benchmarks for Lumbung: `make bench` runs `python -m tests.bench.run`."""
