"""Shared helpers: timing, medians and the one-line report format."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(name: str, value: float, floor: float | None, unit: str, budget: str,
           ok: bool) -> dict:
    ratio = f"{value / floor:.2f}×" if floor else "—"
    floor_text = f"{floor:.1f} {unit}" if floor else "—"
    verdict = "ok" if ok else "OVER BUDGET"
    print(f"{name:<46} {value:>9.2f} {unit:<4} floor {floor_text:>12}  ratio {ratio:>6}  "
          f"budget {budget:<14} {verdict}", flush=True)
    return {"name": name, "value": value, "floor": floor, "unit": unit, "budget": budget, "ok": ok}
