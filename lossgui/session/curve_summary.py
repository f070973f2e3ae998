"""Per-row figures of a batch for its curves, kept up to date row by row (no Qt).

The batch view needs three things from the whole batch: the range of its
values (the swept x-range must cover every marker), the hardest elements
(always marked) and nothing else; everything it draws is a bounded sample.
An ImageNet validation batch is 50,000 x 1,000: one pass over it costs
hundreds of milliseconds, so the pass is made once per full evaluation and
an edit updates only the rows it rewrote
(:attr:`~lossgui.session.Evaluation.rewritten_rows`).

:class:`BatchSummary` holds, per block of rows of the grid table the markers
sit on, the smallest and largest drawable value, and per row the row's
*hardness*: the sample's loss for coupled losses (CrossEntropyLoss: one
loss per sample), the largest element loss for independent ones (NaN counts
as the largest, as in the hardest-samples view).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.session.curve_range import PLOT_LIMIT
from lossgui.session.layout import as_table

__all__ = [
    "BLOCK",
    "EXTREMES_BLOCK_VALUES",
    "BatchSummary",
    "hardest_rows",
    "summarise",
]

Array = npt.NDArray[Any]

#: Elements per block of a full pass (bounds the temporaries).
BLOCK = 1 << 20


#: About this many grid values per block whose extremes are kept.
EXTREMES_BLOCK_VALUES = 4096


@dataclass
class BatchSummary:
    """Extremes per block of rows and hardness per row (module docstring).

    Attributes
    ----------
    low, high : ndarray
        Each block's smallest and largest drawable grid value (``inf`` and
        ``-inf`` for a block without one); block ``b`` holds rows ``b k ..
        b k + k - 1``, ``k =`` :attr:`rows_per_block` (about
        :data:`EXTREMES_BLOCK_VALUES` values), so a million one-column rows
        keep a few hundred numbers and an edit re-measures a few thousand.
    hardness : ndarray or None
        Each row's hardness, NaN mapped to ``inf``; ``None`` when the loss
        is one number for the whole batch.
    rows : int
        How many rows it describes.
    rows_per_block : int
        The rows of one block of ``low`` and ``high``.
    """

    low: Array
    high: Array
    hardness: Array | None
    rows: int = -1
    rows_per_block: int = 1

    def __post_init__(self) -> None:
        if self.rows < 0:  # one row per block
            self.rows = int(self.low.size)

    def extent(self) -> tuple[float, float] | None:
        """The smallest and largest drawable value of the batch (None: none)."""
        if self.rows == 0 or self.low.size == 0:
            return None
        low, high = float(self.low.min()), float(self.high.max())
        return (low, high) if low <= high else None


def _hardness(elementwise: Array, rows: slice, coupled: bool) -> Array:
    """The hardness of ``rows`` of a per-sample or per-element output."""
    table = as_table(elementwise, "grid")[rows]
    if table.shape[1] == 1:
        values = table[:, 0]
    elif coupled:
        values = table.sum(axis=1)
    else:
        values = table.max(axis=1)  # a NaN in the row makes it NaN
    out = np.asarray(values, dtype=np.float64).copy()
    out[np.isnan(out)] = np.inf
    return out


def _fill(
    summary: BatchSummary,
    grid: Array,
    elementwise: Array | None,
    coupled: bool,
    rows: range,
) -> None:
    """Recompute the figures of ``rows``, a chunk of rows at a time.

    The extremes are those of the whole blocks that hold ``rows``.
    """
    if len(rows) == 0:
        return
    k = summary.rows_per_block
    first = rows.start // k * k  # whole blocks of extremes
    last = min(-(-rows.stop // k) * k, summary.rows)
    width = max(int(grid.shape[1]), 1)
    step = max(BLOCK // width // k, 1) * k
    for start in range(first, last, step):
        part = slice(start, min(start + step, last))
        block = np.asarray(grid[part], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            fine = np.isfinite(block) & (np.abs(block) <= PLOT_LIMIT)
        low = np.where(fine, block, np.inf).min(axis=1, initial=np.inf)
        high = np.where(fine, block, -np.inf).max(axis=1, initial=-np.inf)
        starts = np.arange(0, low.size, k)
        blocks = slice(start // k, start // k + starts.size)
        summary.low[blocks] = np.minimum.reduceat(low, starts)
        summary.high[blocks] = np.maximum.reduceat(high, starts)
    if summary.hardness is None or elementwise is None:
        return
    step = max(BLOCK // width, 1)
    for start in range(rows.start, rows.stop, step):
        part = slice(start, min(start + step, rows.stop))
        summary.hardness[part] = _hardness(elementwise, part, coupled)


def summarise(
    grid: Array,
    elementwise: Array | None,
    coupled: bool,
    previous: BatchSummary | None = None,
    changed: list[range] | None = None,
) -> BatchSummary:
    """The summary of a batch, reusing ``previous`` where rows did not change.

    Parameters
    ----------
    grid : ndarray
        The ``(N, M)`` grid table the markers sit on.
    elementwise : ndarray or None
        The ``reduction='none'`` loss (``None`` when torch refused the input).
    coupled : bool
        Whether an element's loss is its sample's (see
        :func:`~lossgui.session.problem.shape_rules`).
    previous : BatchSummary, optional
        The summary of the evaluation this one follows.
    changed : list of range, optional
        The rows rewritten since ``previous``; ``None``: anything changed.

    Returns
    -------
    BatchSummary
        ``previous`` updated in place when it can be, else a new one.
    """
    n = int(grid.shape[0])
    hard = elementwise is not None and elementwise.ndim > 0
    k = max(1, EXTREMES_BLOCK_VALUES // max(int(grid.shape[1]), 1))
    reuse = (
        previous is not None
        and changed is not None
        and previous.rows == n
        and previous.rows_per_block == k
        and (previous.hardness is not None) == hard
    )
    if reuse and previous is not None and changed is not None:
        for rows in changed:
            _fill(previous, grid, elementwise, coupled, rows)
        return previous
    # kept in the arrays' own float dtype: their extremes are exactly theirs,
    # and a million float32 rows then cost 4 MB a figure, not 8
    low_dtype = grid.dtype if grid.dtype.kind == "f" else np.dtype(np.float64)
    hard_dtype = np.dtype(np.float64)
    if elementwise is not None and elementwise.dtype.kind == "f":
        hard_dtype = elementwise.dtype
    blocks = -(-n // k)
    summary = BatchSummary(
        np.full(blocks, np.inf, dtype=low_dtype),
        np.full(blocks, -np.inf, dtype=low_dtype),
        np.full(n, -np.inf, dtype=hard_dtype) if hard else None,
        rows=n,
        rows_per_block=k,
    )
    _fill(summary, grid, elementwise, coupled, range(n))
    return summary


def hardest_rows(summary: BatchSummary, count: int) -> npt.NDArray[np.intp]:
    """The ``count`` hardest rows, hardest first (ties by row), bounded in N.

    Examples
    --------
    >>> s = BatchSummary(np.zeros(4), np.zeros(4), np.array([0.5, np.inf, 2, 0.5]))
    >>> hardest_rows(s, 3).tolist()
    [1, 2, 0]
    """
    hardness = summary.hardness
    if hardness is None or count <= 0 or hardness.size == 0:
        return np.empty(0, dtype=np.intp)
    count = min(count, hardness.size)
    top = np.argpartition(-hardness, count - 1)[:count]
    order: npt.NDArray[np.intp] = top[np.lexsort((top, -hardness[top]))]
    return order
