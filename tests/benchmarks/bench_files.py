"""Session files: saving and opening large sessions (no Qt).

Each stage is :func:`lossgui.io.session_file.write_session` or
:func:`~lossgui.io.session_file.read_session` of one document, the median
wall-clock time over a few runs next to its target:

``1,000,000 x 1``
    BCEWithLogitsLoss with a million float32 logits and targets, as a
    ``.lossgui`` container (target 0.5 s each way) and, for comparison, as
    readable JSON (no target; JSON is meant for small sessions).
``50,000 x 1000``
    CrossEntropyLoss over 1000 classes, float32 logits and int64 class
    indices, as a ``.lossgui`` container (target 2 s each way).
``small JSON``
    A bundled example opened as JSON (what File > Open of a small session
    costs).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from tests.benchmarks.timing import median_seconds

#: The target of each stage in seconds (None: measured for comparison only).
TARGETS: dict[str, float | None] = {
    "save 1,000,000x1 .lossgui": 0.5,
    "open 1,000,000x1 .lossgui": 0.5,
    "save 1,000,000x1 .json": None,
    "open 1,000,000x1 .json": None,
    "save 50,000x1000 .lossgui": 2.0,
    "open 50,000x1000 .lossgui": 2.0,
    "open small example .json": 0.05,
}


def million_document() -> Any:
    """BCEWithLogitsLoss on 1,000,000 float32 logits and 0/1 targets."""
    from lossgui.session import new_document

    doc = new_document("BCEWithLogitsLoss")
    doc.resize(1_000_000, 1)
    rng = np.random.default_rng(3)
    doc.tensors["input"][...] = rng.normal(0, 3, 1_000_000).astype(np.float32)
    doc.tensors["target"][...] = rng.random(1_000_000) < 0.5
    return doc


def batch_document() -> Any:
    """CrossEntropyLoss on 50,000 x 1000 float32 logits and class indices."""
    from lossgui.session import new_document

    doc = new_document("CrossEntropyLoss")
    doc.resize(50_000, 1000)
    rng = np.random.default_rng(4)
    doc.tensors["input"][...] = rng.standard_normal((50_000, 1000), np.float32)
    doc.tensors["target"][...] = rng.integers(0, 1000, 50_000)
    return doc


def run(repeats: int = 3) -> dict[str, float]:
    """Median seconds of each stage."""
    from lossgui.io.bundled import list_examples
    from lossgui.io.session_file import read_session, write_session

    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, make, suffixes in (
            ("1,000,000x1", million_document, (".lossgui", ".json")),
            ("50,000x1000", batch_document, (".lossgui",)),
        ):
            doc = make()
            for suffix in suffixes:
                path = Path(folder) / f"session{suffix}"
                result[f"save {label} {suffix}"] = median_seconds(
                    lambda p=path, d=doc: write_session(p, d), repeats
                )
                result[f"open {label} {suffix}"] = median_seconds(
                    lambda p=path: read_session(p), repeats
                )
                path.unlink()
            del doc
    example = list_examples()[0].path
    result["open small example .json"] = median_seconds(
        lambda: read_session(example), max(repeats, 5)
    )
    return result


def table(result: dict[str, float]) -> str:
    """Stages as text lines: median seconds against their target."""
    lines = [f"{'stage':28} {'median s':>9} {'target s':>9}"]
    for stage, seconds in result.items():
        target = TARGETS[stage]
        shown = "-" if target is None else f"{target:.2f}"
        over = "  OVER TARGET" if target is not None and seconds > target else ""
        lines.append(f"{stage:28} {seconds:9.4f} {shown:>9}{over}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run(int(sys.argv[1]) if len(sys.argv) > 1 else 3)))
