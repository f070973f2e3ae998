"""The swept x-range of the batch view: the batch in view, inside the input's domain.

A new document, example or loss starts from :data:`DEFAULT_RANGE` widened to
cover every value of the batch (with a margin) and cut to the input's domain
(``[0, 1]`` for probabilities). An edit that moves a value outside the range
widens it; a range the user typed is only cut to the domain. The batch view
reads the values' extent from a per-row summary kept up to date row by row
(:mod:`lossgui.session.curve_summary`), not from a pass over every value.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.session.evaluation import Evaluation
from lossgui.session.problem import Problem, input_domain

__all__ = [
    "DEFAULT_RANGE",
    "PLOT_LIMIT",
    "batch_values",
    "covers",
    "covers_extent",
    "domain_of",
    "drawable",
    "fitted_range",
    "within_domain",
]

Array = npt.NDArray[Any]
Range = tuple[float, float]

DEFAULT_RANGE: Range = (-6.0, 6.0)
#: Values larger than this are not drawn (the plots cannot place them).
PLOT_LIMIT = 1e150


def domain_of(evaluation: Evaluation) -> Range:
    """The values the swept input may take (``(-inf, inf)`` or ``(0, 1)``)."""
    return input_domain(Problem.from_evaluation(evaluation))


def drawable(values: Any) -> npt.NDArray[np.bool_]:
    """Where ``values`` are finite and within :data:`PLOT_LIMIT` (safe to plot)."""
    a = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        mask: npt.NDArray[np.bool_] = np.isfinite(a) & (np.abs(a) <= PLOT_LIMIT)
    return mask


def batch_values(evaluation: Evaluation) -> npt.NDArray[np.float64]:
    """The grid's finite, drawable values (where the markers sit)."""
    grid = np.asarray(evaluation.grid, dtype=np.float64).reshape(-1)
    out: npt.NDArray[np.float64] = grid[drawable(grid)]
    return out


def within_domain(x_range: Range, domain: Range) -> Range:
    """``x_range`` cut to ``domain`` (the domain itself when nothing is left)."""
    low, high = sorted(float(v) for v in x_range)
    low, high = max(low, domain[0]), min(high, domain[1])
    if low < high:
        return low, high
    if math.isfinite(domain[0]) and math.isfinite(domain[1]):
        return float(domain[0]), float(domain[1])
    return DEFAULT_RANGE


def covers(x_range: Range, values: Array) -> bool:
    """Whether every value lies in ``x_range``."""
    if values.size == 0:
        return True
    return covers_extent(x_range, (float(values.min()), float(values.max())))


def covers_extent(x_range: Range, extent: Range | None) -> bool:
    """Whether ``extent`` (the smallest and largest value, or None) lies in it."""
    return extent is None or (x_range[0] <= extent[0] and extent[1] <= x_range[1])


def fitted_range(
    values: Array | Range | None, domain: Range, start: Range = DEFAULT_RANGE
) -> Range:
    """``start`` widened to cover ``values`` (10 % margin), cut to ``domain``.

    ``values`` may be the values themselves or their ``(smallest, largest)``
    (``None``: no values).

    Examples
    --------
    >>> fitted_range(np.array([2.0, 3.0, 0.1]), (-np.inf, np.inf), (0.0, 1.0))
    (0.0, 4.0)
    >>> fitted_range((0.1, 3.0), (-np.inf, np.inf), (0.0, 1.0))
    (0.0, 4.0)
    >>> fitted_range(np.array([0.5, 1.0]), (0.0, 1.0))
    (0.0, 1.0)
    """
    low, high = (float(v) for v in start)
    if isinstance(values, np.ndarray):
        extent = (float(values.min()), float(values.max())) if values.size else None
    else:
        extent = values
    if extent is not None:
        v_low, v_high = extent
        span = max(v_high - v_low, 1.0)
        if v_low < low:
            low = float(math.floor(v_low - 0.1 * span))
        if v_high > high:
            high = float(math.ceil(v_high + 0.1 * span))
    return within_domain((low, high), domain)
