"""``python -m benchmarks [name …]`` (or ``./dev.sh bench``): run the benchmarks, print each
figure beside its floor. Names: startup, enqueue, search, sync, portal_load, gui_list.
Budgets: DESIGN.md; what each measures: benchmarks/README.md."""

from __future__ import annotations

import importlib
import sys

ALL = ("startup", "enqueue", "search", "sync", "portal_load", "gui_list")


def main(argv: list[str]) -> int:
    names = argv or list(ALL)
    unknown = [n for n in names if n not in ALL]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(ALL)}",
              file=sys.stderr)
        return 2
    results = []
    for name in names:
        results += importlib.import_module(f"benchmarks.{name}").run()
    over = [r["name"] for r in results if not r["ok"]]
    if over:
        print(f"\nover budget: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
