"""Run every benchmark in one process and print one table per area.

    uv run python -m tests.benchmarks            # everything
    uv run python -m tests.benchmarks engine     # or: repaint, edits, curves, large,
                                                 # scale, files, startup

Not part of the default pytest run (pyproject ignores tests/benchmarks).
"""

from __future__ import annotations

import sys
from typing import Any

from tests.benchmarks import (
    bench_curves,
    bench_edits,
    bench_engine,
    bench_files,
    bench_large,
    bench_repaint,
    bench_scale,
    bench_startup,
)

#: Each area: its heading and its module (``run()`` and ``table(result)``), in
#: the order they run.
AREAS: dict[str, tuple[str, Any]] = {
    "engine": ("engine: lossgui against torch, alternating (fastest ms)", bench_engine),
    "repaint": (
        "interaction: one cell edit -> every view updated (median ms)",
        bench_repaint,
    ),
    "edits": (
        "every loss at 1,000x10: one cell edit, each tab in front (ms)",
        bench_edits,
    ),
    "curves": ("the curve panel's share of one cell edit (median ms)", bench_curves),
    "large": ("a million samples: read, import, rank, open (median s)", bench_large),
    "scale": ("50,000 x 1000 cross-entropy: open, edit ratio, memory", bench_scale),
    "files": ("session files: save and open large sessions (median s)", bench_files),
    "startup": ("start-up and memory (subprocess, offscreen)", bench_startup),
}


def main(argv: list[str]) -> int:
    """Run the areas named in ``argv`` (all by default)."""
    areas = argv or list(AREAS)
    print(bench_engine.machine())
    for area, (heading, module) in AREAS.items():
        if area not in areas:
            continue
        print(f"\n== {heading} ==")
        if module is bench_engine:
            print(bench_engine.method())
        print(module.table(module.run()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
