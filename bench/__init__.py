"""Benchmarks (see bench/README.md and docs/BENCHMARKS.md)."""
