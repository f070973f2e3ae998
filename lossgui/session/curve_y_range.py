"""A readable y-range for curves that explode at the ends of the swept interval.

BCELoss on probabilities is the case in point: at ``p = 0`` and ``p = 1``
the loss reaches 100 (torch clamps the log at −100) and the gradient
``±1e12``, so a plot fitted to all of its data shows every batch marker on a
flat line. :func:`readable_range` notices such ends (the curves over the
whole visible x-range span far more than over its central part) and returns
the range of the central part and of every marker instead.
:func:`off_scale_spans` then names the x-intervals where a curve leaves that
range, so the plot can shade them and say how far the curve goes.

Curves that do not explode (a parabola, a softplus, an exponential over a
few units) keep the full fit: :func:`readable_range` returns ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.session.curve_range import drawable

__all__ = [
    "CENTRAL",
    "EXPLOSION",
    "MARGIN",
    "OffScale",
    "off_scale_spans",
    "off_scale_text",
    "readable_range",
]

Array = npt.NDArray[Any]
Range = tuple[float, float]
XY = tuple[Array, Array]

#: The share of the visible x-range (centred) whose curve values set the range.
CENTRAL = 0.9
#: The full span over the central span above which the ends are left off.
EXPLOSION = 3.0
#: Room above and below the readable range, as a share of its span.
MARGIN = 0.08
#: Values larger than this are not drawn (as the plots' limit).


@dataclass(frozen=True)
class OffScale:
    """An x-interval where some curve leaves the shown y-range.

    Attributes
    ----------
    low, high : float
        The interval's ends (in x).
    above, below : float or None
        The largest value above the range and the smallest below it (``None``
        when no curve leaves on that side); ``inf`` for an infinite value.
    """

    low: float
    high: float
    above: float | None = None
    below: float | None = None


def _samples(curves: Sequence[XY], x_range: Range) -> tuple[Array, Array]:
    """Every curve point with a drawable y and an x inside ``x_range``."""
    xs: list[Array] = []
    ys: list[Array] = []
    low, high = sorted(float(v) for v in x_range)
    for x, y in curves:
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        size = min(x.size, y.size)
        x, y = x[:size], y[:size]
        with np.errstate(invalid="ignore"):
            keep = (x >= low) & (x <= high) & drawable(y)
        xs.append(x[keep])
        ys.append(y[keep])
    if not xs:
        return np.empty(0), np.empty(0)
    return np.concatenate(xs), np.concatenate(ys)


def _drawable(values: Array) -> Array:
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    kept: Array = flat[drawable(flat)]
    return kept


def readable_range(
    curves: Sequence[XY], markers: Array, x_range: Range
) -> Range | None:
    """The y-range that shows the markers and the curves' central part.

    Parameters
    ----------
    curves : sequence of (x, y)
        The drawn curves.
    markers : array
        The y of every batch marker (always inside the returned range).
    x_range : (float, float)
        The visible x interval.

    Returns
    -------
    (float, float) or None
        ``None`` when the curves over all of ``x_range`` span at most
        :data:`EXPLOSION` times what they span over its central
        :data:`CENTRAL` share: then the full fit is readable.

    Examples
    --------
    >>> p = np.linspace(0.0, 1.0, 801)
    >>> loss = -np.maximum(np.log(np.maximum(p, 1e-300)), -100.0)  # BCELoss, y=1
    >>> low, high = readable_range([(p, loss)], np.array([0.5]), (0.0, 1.0))
    >>> bool(high < 4.0)
    True
    >>> readable_range([(p, p**2)], np.array([0.5]), (0.0, 1.0)) is None
    True
    """
    x, y = _samples(curves, x_range)
    if not y.size:
        return None
    low, high = sorted(float(v) for v in x_range)
    trim = 0.5 * (1.0 - CENTRAL) * (high - low)
    central = y[(x >= low + trim) & (x <= high - trim)]
    if not central.size:
        return None
    c_low, c_high = float(central.min()), float(central.max())
    full = float(y.max()) - float(y.min())
    scale = max(abs(c_low), abs(c_high), 1e-300)
    c_span = max(c_high - c_low, 1e-9 * scale)
    if full <= EXPLOSION * c_span:
        return None
    points = _drawable(markers)
    if points.size:
        c_low = min(c_low, float(points.min()))
        c_high = max(c_high, float(points.max()))
    pad = MARGIN * max(c_high - c_low, 1e-9 * scale)
    return c_low - pad, c_high + pad


def _runs(mask: Array) -> list[tuple[int, int]]:
    """``(first, last)`` index of every run of ``True`` in ``mask``."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def _extreme(values: Array, above: bool) -> float | None:
    return float(values.max() if above else values.min()) if values.size else None


def _merge(spans: list[OffScale]) -> list[OffScale]:
    """Overlapping intervals joined, their extremes combined."""
    merged: list[OffScale] = []
    for span in sorted(spans, key=lambda s: s.low):
        if merged and span.low <= merged[-1].high:
            last = merged.pop()
            above = [v for v in (last.above, span.above) if v is not None]
            below = [v for v in (last.below, span.below) if v is not None]
            span = OffScale(
                last.low,
                max(last.high, span.high),
                max(above) if above else None,
                min(below) if below else None,
            )
        merged.append(span)
    return merged


def _median(values: Array) -> float:
    """``np.median`` of a 1-D array, written out.

    ``np.median`` imports ``numpy.ma`` on first use: about 40 ms of the
    window's start-up, spent on the first curves drawn.
    """
    ordered = np.sort(values)
    if ordered.size == 0 or np.isnan(ordered[-1]):
        return float("nan")  # as np.median: a NaN anywhere (sorted last)
    mid = ordered.size // 2
    if ordered.size % 2:
        return float(ordered[mid])
    return float((ordered[mid - 1] + ordered[mid]) / 2)


def off_scale_spans(
    curves: Sequence[XY], y_range: Range, x_range: Range
) -> list[OffScale]:
    """The x-intervals where a curve leaves ``y_range`` (joined, left to right).

    Each interval reaches half a sample step past its outermost points, so
    a single point off the scale (the clamped end ``p = 0``) still has a width.
    NaN points are gaps, not off the scale; ``±inf`` is.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 5)
    >>> y = np.array([100.0, 1.0, 0.5, 1.0, 2.0])
    >>> off_scale_spans([(x, y)], (0.0, 3.0), (0.0, 1.0))
    [OffScale(low=0.0, high=0.125, above=100.0, below=None)]
    """
    y_low, y_high = sorted(float(v) for v in y_range)
    x_low, x_high = sorted(float(v) for v in x_range)
    spans: list[OffScale] = []
    for x, y in curves:
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        size = min(x.size, y.size)
        x, y = x[:size], y[:size]
        if size < 2:
            continue
        half = 0.5 * _median(np.abs(np.diff(x)))
        with np.errstate(invalid="ignore"):
            inside_x = (x >= x_low - half) & (x <= x_high + half)
            above = inside_x & (y > y_high)
            below = inside_x & (y < y_low)
        for first, last in _runs(above | below):
            part = slice(first, last + 1)
            ys = y[part]
            spans.append(
                OffScale(
                    max(float(min(x[first], x[last])) - half, x_low),
                    min(float(max(x[first], x[last])) + half, x_high),
                    _extreme(ys[ys > y_high], above=True),
                    _extreme(ys[ys < y_low], above=False),
                )
            )
    return _merge([s for s in spans if s.low < s.high])


def off_scale_text(span: OffScale) -> str:
    """A short label such as ``↑ 100`` or ``↓ -1e+12`` (how far the curves go)."""
    parts = []
    if span.above is not None:
        parts.append(f"↑ {span.above:.3g}")
    if span.below is not None:
        parts.append(f"↓ {span.below:.3g}")
    return "  ".join(parts)
