"""How strongly each cell of the results grid is coloured (NumPy only, no Qt).

Each cell gets an *intensity* in ``[0, 1]`` relative to the largest finite
magnitude in its quantity, and a *sign*: ``alpha = round(MAX_ALPHA *
min(|v| / peak, 1))``. ``inf`` counts as the maximum; ``nan`` gets no colour
and a flag, so the view can hatch it instead. Alpha is capped so text stays
readable on light and dark palettes. :func:`scale` colours a whole array at
once, :func:`cell` one value (what a view paints), :func:`block_peaks` finds
the peak of each block of rows without full-size copies; the Qt brushes are made in
:mod:`lossgui.ui.result_model`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_ALPHA",
    "PEAK_BLOCK_VALUES",
    "Scale",
    "block_peaks",
    "cell",
    "rows_per_block",
    "scale",
]

MAX_ALPHA = 150
Array = npt.NDArray[Any]


@dataclass(frozen=True)
class Scale:
    """Per-cell colouring of one quantity.

    Attributes
    ----------
    alpha : ndarray of uint8
        Background opacity, 0 (none) to :data:`MAX_ALPHA`.
    positive : ndarray of bool
        Which of the two hues a cell uses.
    nan : ndarray of bool
        Cells holding ``nan`` (drawn hatched).
    peak : float
        The largest finite magnitude (the colour of full intensity).
    """

    alpha: npt.NDArray[np.uint8]
    positive: npt.NDArray[np.bool_]
    nan: npt.NDArray[np.bool_]
    peak: float


def scale(values: Array) -> Scale:
    """Colour intensities for ``values`` (any shape), relative to their peak.

    Examples
    --------
    >>> s = scale(np.array([0.5, -1.0, np.inf, np.nan]))
    >>> s.alpha.tolist(), s.positive.tolist(), s.nan.tolist(), s.peak
    ([75, 150, 150, 0], [True, False, True, True], [False, False, False, True], 1.0)
    """
    v = np.asarray(values, dtype=np.float64)
    nan = np.isnan(v)
    magnitude = np.abs(v)
    finite = np.isfinite(v)
    peak = float(magnitude[finite].max()) if finite.any() else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        relative = magnitude / peak if peak > 0 else np.where(magnitude > 0, 1.0, 0.0)
    relative = np.where(np.isinf(v), 1.0, relative)
    relative = np.where(nan, 0.0, np.clip(relative, 0.0, 1.0))
    alpha = np.rint(relative * MAX_ALPHA).astype(np.uint8)
    return Scale(alpha=alpha, positive=~(v < 0), nan=nan, peak=peak)


#: Rows per pass of :func:`block_peaks` (bounds its temporaries).
_PEAK_CHUNK_VALUES = 1 << 20
#: About this many values per block whose peak a view keeps (at least a row).
PEAK_BLOCK_VALUES = 4096


def _as_rows(table: Array) -> Array:
    """``table`` as ``(rows, values per row)``: a vector's elements are rows."""
    t = np.asarray(table)
    if t.ndim < 2:
        return t.reshape(-1, 1)
    if t.ndim > 2:
        return t.reshape(t.shape[0], math.prod(t.shape[1:]))  # (not -1: size 0)
    return t


def rows_per_block(table: Array) -> int:
    """The rows of one :func:`block_peaks` block: about ``PEAK_BLOCK_VALUES`` values."""
    return max(1, PEAK_BLOCK_VALUES // max(int(_as_rows(table).shape[1]), 1))


def block_peaks(table: Array, blocks: range | None = None) -> Array:
    """The largest finite magnitude of each block of rows (0.0 where none).

    Block ``b`` holds rows ``b k .. b k + k - 1`` with ``k =``
    :func:`rows_per_block`. Their maximum is :func:`scale`'s ``peak``; a
    view that keeps them updates the peak after an edit of a few rows from
    those rows' blocks alone (a few thousand values), and keeps a few
    thousand numbers for a million rows. ``blocks``: only these blocks
    (default all). Computed in chunks of rows, so a 50,000 x 1000 table needs
    no full-size temporary.
    """
    t = _as_rows(table)
    k = rows_per_block(t)
    count = -(-t.shape[0] // k)
    span = range(count) if blocks is None else blocks
    # the table's own float dtype: a block's largest magnitude is one of its values
    out = np.zeros(len(span), dtype=t.dtype if t.dtype.kind == "f" else np.float64)
    if t.shape[1] == 0 or len(span) == 0:
        return out
    per_pass = max(1, _PEAK_CHUNK_VALUES // (k * t.shape[1]))  # whole blocks
    for start in range(0, len(span), per_pass):
        stop = min(start + per_pass, len(span))
        part = t[(span.start + start) * k : (span.start + stop) * k]
        if part.dtype.kind != "f":
            part = part.astype(np.float64)
        with np.errstate(invalid="ignore"):
            rows = np.max(np.abs(part), axis=1, where=np.isfinite(part), initial=0.0)
        out[start:stop] = np.maximum.reduceat(rows, np.arange(0, len(rows), k))
    return out


def cell(value: float, peak: float) -> tuple[int, bool, bool]:
    """``(alpha, positive, nan)`` of one value, exactly as :func:`scale` gives it.

    Lets a view colour only the cells it paints instead of every element.

    Examples
    --------
    >>> [cell(v, 1.0) for v in (0.5, -1.0, float("inf"), float("nan"))]
    [(75, True, False), (150, False, False), (150, True, False), (0, True, True)]
    """
    v = float(value)
    if v != v:
        return 0, True, True
    magnitude = abs(v)
    if magnitude == np.inf:
        relative = 1.0
    elif peak > 0:
        relative = min(max(magnitude / peak, 0.0), 1.0)
    else:
        relative = 1.0 if magnitude > 0 else 0.0
    return int(np.rint(relative * MAX_ALPHA)), not v < 0, False
