"""Softmax probabilities of a large grid, computed for the rows a view reads.

Beside a 50,000 x 1000 grid the softmax is another 191 MiB, yet a window
shows a few dozen rows of it, the curves a bounded sample. For a large 2-D
grid whose probabilities are a softmax over the classes (not the sigmoid the
loss already computed, which is shared), the evaluation holds a
:class:`RowProbabilities` instead of the array: indexing computes the rows
asked for, and a block of rows around a single row is kept for the cells
painted next to it.

Every number equals the eager array bit for bit: the softmax of a row does
not depend on the other rows as long as the kernel is the same, and rows are
always computed in arrays of at least ``CLASSES_FIRST_MIN_SIZE`` elements
(:func:`~lossgui.session.row_blocks.kernel_rows`)
(padded by repeating a row), the size from which the engine takes its
classes-first kernel, as it does for the whole batch.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.pipeline import probabilities
from lossgui.session.row_blocks import kernel_rows

__all__ = ["LAZY_MIN_SIZE", "RowProbabilities", "lazy_applies"]

Array = npt.NDArray[Any]

#: From this many grid elements on, softmax probabilities are computed lazily.
LAZY_MIN_SIZE = 2_000_000
#: Rows per cached block (at least as many as make CLASSES_FIRST_MIN_SIZE).
_BLOCK_ROWS = 256
#: Blocks kept (the visible cells and the selected row's neighbourhood).
_KEPT_BLOCKS = 32


def lazy_applies(grid: Array) -> bool:
    """Whether the probabilities of ``grid`` may be held lazily.

    A float 2-D grid of at least :data:`LAZY_MIN_SIZE` elements; the caller
    also checks that its probabilities are a fresh array of the grid's shape
    (a softmax or ``exp``), not the grid itself or the loss's activation.
    """
    return grid.ndim == 2 and grid.size >= LAZY_MIN_SIZE and grid.dtype.kind == "f"


class RowProbabilities:
    """The probabilities of ``grid``'s rows, computed when indexed.

    Supports what the views use: ``shape``, ``dtype``, ``ndim``, ``size``,
    ``len()``, indexing whose first index is an int, a slice, an integer or
    boolean array (any further indices apply to the computed rows as NumPy
    would), and ``np.asarray`` (every row, computed block by block).

    Parameters
    ----------
    loss : str
        The loss whose probability reading is computed.
    grid : ndarray
        The cast 2-D grid, read-only (the evaluation's input).
    input_mode : str
        ``"logits"`` or ``"raw"``.
    """

    def __init__(self, loss: str, grid: Array, input_mode: str) -> None:
        self.loss = loss
        self.grid = grid
        self.input_mode = input_mode
        self._blocks: OrderedDict[int, Array] = OrderedDict()
        self._kernel_rows = kernel_rows(grid.shape[1])
        self._block_rows = max(_BLOCK_ROWS, self._kernel_rows)

    # ------------------------------------------------------------ array-like
    @property
    def shape(self) -> tuple[int, ...]:
        """The grid's shape."""
        return tuple(self.grid.shape)

    @property
    def dtype(self) -> np.dtype[Any]:
        """The grid's dtype (probabilities keep it)."""
        return self.grid.dtype

    @property
    def ndim(self) -> int:
        """2."""
        return int(self.grid.ndim)

    @property
    def size(self) -> int:
        """The number of elements."""
        return int(self.grid.size)

    def __len__(self) -> int:
        return int(self.grid.shape[0])

    def __array__(self, dtype: Any = None, copy: Any = None) -> Array:
        out = np.empty(self.shape, dtype=self.dtype)
        n = self.shape[0]
        step = max(self._block_rows, (1 << 20) // max(1, self.shape[1]))
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step))
            out[rows[0] : rows[-1] + 1] = self._compute(rows)
        return out if dtype is None else out.astype(dtype, copy=False)

    def __getitem__(self, key: Any) -> Any:
        first, rest = (key[0], key[1:]) if isinstance(key, tuple) else (key, ())
        if (
            first is Ellipsis
            or first is None
            or any(k is Ellipsis or k is None for k in rest)
        ):
            return np.asarray(self)[key]
        n = self.shape[0]
        if isinstance(first, (int, np.integer)):
            row = int(first) + (n if int(first) < 0 else 0)
            if not 0 <= row < n:
                raise IndexError(f"index {int(first)} is out of bounds for axis 0")
            block = self._block(row // self._block_rows)
            return block[(row % self._block_rows, *rest)]
        if isinstance(first, slice):
            wanted = np.arange(n)[first]
            sub = self.rows(wanted)
            return sub[(slice(None), *rest)]
        wanted = np.arange(n)[np.asarray(first)]
        unique, where = np.unique(wanted, return_inverse=True)
        sub = self.rows(unique)
        return sub[(where.reshape(wanted.shape), *rest)]

    # ---------------------------------------------------------------- rows
    def rows(self, which: Array) -> Array:
        """The probability rows ``which`` (row indices), in that order."""
        which = np.asarray(which, dtype=np.intp).reshape(-1)
        if which.size == 0:
            return np.empty((0, self.shape[1]), dtype=self.dtype)
        contiguous = bool(np.all(np.diff(which) == 1))
        if contiguous and which.size <= 2 * self._block_rows:
            first, last = int(which[0]), int(which[-1])
            blocks = range(first // self._block_rows, last // self._block_rows + 1)
            joined = np.concatenate([self._block(b) for b in blocks])
            offset = blocks.start * self._block_rows
            return joined[first - offset : last - offset + 1]
        return self._compute(which)

    def _block(self, index: int) -> Array:
        block = self._blocks.get(index)
        if block is None:
            start = index * self._block_rows
            stop = min(self.shape[0], start + self._block_rows)
            block = self._compute(np.arange(start, stop))
            self._blocks[index] = block
            while len(self._blocks) > _KEPT_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(index)
        return block

    def _compute(self, which: Array) -> Array:
        """Rows ``which`` computed together, padded to the batch's kernel."""
        rows = self.grid[which]
        k = rows.shape[0]
        need = self._kernel_rows
        if k < need:  # as small a block would take the other kernel
            rows = np.concatenate([rows, np.repeat(rows[-1:], need - k, axis=0)])
        probs = probabilities(self.loss, rows, self.input_mode)  # type: ignore[arg-type]
        assert probs is not None
        out: Array = np.array(probs[:k], copy=True)
        out.flags.writeable = False
        return out
