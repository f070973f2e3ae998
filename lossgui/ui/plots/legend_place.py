"""Where a legend covers the least of the curves (NumPy only).

The plot's four corners are candidate boxes the size of the legend; the
box holding the fewest curve points (and batch markers) wins, top-right
first on ties. A legend never sits anywhere but in a corner.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["ANCHORS", "AVOID_WEIGHT", "MARKER_WEIGHT", "best_anchor"]

#: How many curve points a label on the plot counts as (covered last).
AVOID_WEIGHT = 10_000.0
#: How many curve points a batch marker counts as.
MARKER_WEIGHT = 20.0

#: name -> (itemPos, parentPos, offset) for ``GraphicsWidgetAnchor.anchor``.
ANCHORS = {
    "top-right": ((1, 0), (1, 0), (-8, 8)),
    "top-left": ((0, 0), (0, 0), (8, 8)),
    "bottom-right": ((1, 1), (1, 1), (-8, -8)),
    "bottom-left": ((0, 1), (0, 1), (8, -8)),
}


def _boxes(width: float, height: float) -> dict[str, tuple[float, float, float, float]]:
    """Candidate boxes ``(u0, u1, v0, v1)`` in unit coordinates (v = 1 at the top)."""
    w, h = width, height
    return {
        "top-right": (1 - w, 1, 1 - h, 1),
        "top-left": (0, w, 1 - h, 1),
        "bottom-right": (1 - w, 1, 0, h),
        "bottom-left": (0, w, 0, h),
    }


def best_anchor(
    data: Sequence[tuple[np.ndarray, np.ndarray]],
    x_range: tuple[float, float],
    size: tuple[float, float],
    y_range: tuple[float, float] | None = None,
    avoid: Sequence[tuple[np.ndarray, np.ndarray, float]] = (),
) -> str:
    """The :data:`ANCHORS` key whose box covers the fewest points of ``data``.

    Parameters
    ----------
    data : sequence of (x, y)
        The curves (non-finite points are ignored).
    x_range : (float, float)
        The visible x interval; y spans the data's finite range.
    size : (float, float)
        The legend's width and height as fractions of the plot (0 to 1).
    y_range : (float, float), optional
        The visible y interval (default: the data's finite range).
    avoid : sequence of (x, y, weight)
        Points to cover less willingly, each counting as ``weight`` curve
        points (batch markers; labels on the plot with :data:`AVOID_WEIGHT`).
    """
    xs = [np.asarray(x, dtype=np.float64)[::4] for x, _ in data]
    ys = [np.asarray(y, dtype=np.float64)[::4] for _, y in data]
    ws = [np.ones(x.size) for x in xs]
    for x, y, weight in avoid:
        xs.append(np.asarray(x, dtype=np.float64).reshape(-1))
        ys.append(np.asarray(y, dtype=np.float64).reshape(-1))
        ws.append(np.full(xs[-1].size, float(weight)))
    if not xs:
        return "top-right"
    x, y, w = np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)
    keep = np.isfinite(x) & np.isfinite(y) & (x >= x_range[0]) & (x <= x_range[1])
    x, y, w = x[keep], y[keep], w[keep]
    if not x.size or x_range[1] <= x_range[0]:
        return "top-right"
    low, high = (float(y.min()), float(y.max())) if y_range is None else y_range
    span = high - low or 1.0
    with np.errstate(all="ignore"):  # spans near ±1e308 overflow: any anchor will do
        u = (x - x_range[0]) / (x_range[1] - x_range[0])
        v = (y - low) / span
    counts = {
        name: float(w[(u >= u0) & (u <= u1) & (v >= v0) & (v <= v1)].sum())
        for name, (u0, u1, v0, v1) in _boxes(*size).items()
    }
    return min(counts, key=lambda name: counts[name])
