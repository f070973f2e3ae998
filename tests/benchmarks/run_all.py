"""Run every benchmark in one process and print one table per area.

    uv run python -m tests.benchmarks            # everything
    uv run python -m tests.benchmarks engine     # or: repaint, edits, curves, large,
                                                 # scale, files, startup

Not part of the default pytest run (pyproject ignores tests/benchmarks).
"""

from __future__ import annotations

import sys

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


def main(argv: list[str]) -> int:
    """Run the areas named in ``argv`` (all by default)."""
    areas = argv or [
        "engine",
        "repaint",
        "edits",
        "curves",
        "large",
        "scale",
        "files",
        "startup",
    ]
    print(bench_engine.machine())
    if "engine" in areas:
        print("\n== engine: lossgui against torch, alternating (fastest ms) ==")
        print(bench_engine.method())
        print(bench_engine.table(bench_engine.run()))
    if "repaint" in areas:
        print("\n== interaction: one cell edit -> every view updated (median ms) ==")
        print(bench_repaint.table(bench_repaint.run()))
    if "edits" in areas:
        print("\n== every loss at 1,000x10: one cell edit, each tab in front (ms) ==")
        print(bench_edits.table(bench_edits.run()))
    if "curves" in areas:
        print("\n== the curve panel's share of one cell edit (median ms) ==")
        print(bench_curves.table(bench_curves.run()))
    if "large" in areas:
        print("\n== a million samples: read, import, rank, open (median s) ==")
        print(bench_large.table(bench_large.run()))
    if "scale" in areas:
        print("\n== 50,000 x 1000 cross-entropy: open, edit ratio, memory ==")
        print(bench_scale.table(bench_scale.run()))
    if "files" in areas:
        print("\n== session files: save and open large sessions (median s) ==")
        print(bench_files.table(bench_files.run()))
    if "startup" in areas:
        print("\n== start-up and memory (subprocess, offscreen) ==")
        print(bench_startup.table(bench_startup.run()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
