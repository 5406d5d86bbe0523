"""Benchmarks: each figure printed beside its floor, as a ratio measured in the same run."""
