"""Per-row facts about the grid, for the diagnostics, kept up to date by rows.

The diagnostics of the first tensor ask questions about every value (is
everything finite? in [0, 1]? does every row sum to 1?). On a 50,000 x 1000
batch each question is a pass over 200 MB, too slow to repeat for every
edit. :class:`GridFacts` answers them from per-row facts: each fact is
computed for every row the first time it is asked (in row blocks, without a
full-size temporary), and after an edit of a few rows only those rows are
measured again (:meth:`GridFacts.update`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["FACTS", "GridFacts"]

Array = npt.NDArray[Any]

#: Elements per block when a fact is measured.
_BLOCK_VALUES = 1 << 18


def _in_unit(b: Array) -> Array:
    out: Array = np.all((b >= 0) & (b <= 1), axis=1)  # NaN fails
    return out


def _strictly_inside(b: Array) -> Array:
    out: Array = np.any((b > 0) & (b < 1), axis=1)
    return out


def _outside_unit(b: Array) -> Array:
    out: Array = np.any((b < 0) | (b > 1), axis=1)  # NaN is neither
    return out


def _sums_to_one(b: Array) -> Array:
    out: Array = np.isclose(np.sum(b, axis=1), 1, atol=1e-3)  # NaN/inf sums are not
    return out


def _finite_log_probs(b: Array) -> Array:
    out: Array = np.all((b <= 0) & np.isfinite(b), axis=1)
    return out


def _exp_sums_to_one(b: Array) -> Array:
    with np.errstate(over="ignore"):
        out: Array = np.isclose(np.sum(np.exp(b), axis=1), 1, atol=1e-3)
    return out


def _non_finite(b: Array) -> Array:
    out: Array = np.count_nonzero(~np.isfinite(b), axis=1).astype(np.int32)
    return out  # (a row holds far fewer than 2**31 values)


#: Each fact: one value per row of a 2-D block.
FACTS: dict[str, Callable[[Array], Array]] = {
    "in_unit": _in_unit,
    "strictly_inside": _strictly_inside,
    "outside_unit": _outside_unit,
    "sums_to_one": _sums_to_one,
    "finite_log_probs": _finite_log_probs,
    "exp_sums_to_one": _exp_sums_to_one,
    "non_finite": _non_finite,
}


class GridFacts:
    """Lazily measured per-row facts of one float ``array`` (rows: axis 0).

    A 0-d or 1-D array counts as one row holding every value (as the
    detectors read a vector: one distribution).

    Parameters
    ----------
    array : ndarray
        The tensor as the document stores it; not copied. Edits must be
        reported with :meth:`update`.
    """

    def __init__(self, array: Array) -> None:
        self.array = array
        self._facts: dict[str, Array] = {}

    def _table(self) -> Array:
        a = np.asarray(self.array)
        if a.ndim < 2:
            return a.reshape(1, -1)
        return a.reshape(a.shape[0], -1)

    def _measure(self, name: str, rows: range) -> Array:
        table = self._table()
        width = max(1, table.shape[1])
        step = max(1, _BLOCK_VALUES // width)
        parts = [
            FACTS[name](table[start : min(start + step, rows.stop)])
            for start in range(rows.start, rows.stop, step)
        ]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate(parts)

    def rows(self, name: str) -> Array:
        """The fact ``name`` for every row (measured on first use)."""
        fact = self._facts.get(name)
        if fact is None:
            fact = self._measure(name, range(self._table().shape[0]))
            self._facts[name] = fact
        return fact

    def every(self, name: str) -> bool:
        """Whether the fact holds for every row."""
        return bool(np.all(self.rows(name)))

    def some(self, name: str) -> bool:
        """Whether the fact holds for some row."""
        return bool(np.any(self.rows(name)))

    def total(self, name: str) -> int:
        """The fact summed over the rows (a count)."""
        return int(np.sum(self.rows(name)))

    def update(self, rows: range) -> None:
        """Measure ``rows`` again after an edit (only facts already measured)."""
        if self.array.ndim < 2:
            self._facts.clear()  # one row holds everything: measure it again
            return
        for name, fact in self._facts.items():
            fact[rows.start : rows.stop] = self._measure(name, rows)
