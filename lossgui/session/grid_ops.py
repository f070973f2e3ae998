"""Pure array helpers behind the grid tools: one-hot, random logits, resizing.

All functions return new arrays and leave their inputs alone, so the
document can keep old arrays for undo.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "argmax_labels",
    "delete_along",
    "fill_column",
    "insert_along",
    "one_hot",
    "random_logits",
    "resize_along",
]

Array = npt.NDArray[Any]
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]


def one_hot(indices: Array, classes: int) -> FloatArray:
    """Rows of zeros with a 1 at each class index (torch's ``F.one_hot``, as floats).

    Indices outside ``[0, classes)`` (ignored targets such as ``-100``) give
    an all-zero row rather than an error, so the result is always usable as
    a probability target.

    Examples
    --------
    >>> one_hot(np.array([1, 0]), 3).tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    """
    idx = np.asarray(indices, dtype=np.int64).reshape(-1)
    out = np.zeros((idx.size, int(classes)), dtype=np.float64)
    valid = (idx >= 0) & (idx < classes)
    out[np.nonzero(valid)[0], idx[valid]] = 1.0
    return out


def argmax_labels(values: Array) -> IndexArray:
    """Class indices from a grid: the largest column of each row.

    A 1-D grid of 0/1 labels (binary targets) is read as the index itself:
    values ``>= 0.5`` give class 1.
    """
    array = np.asarray(values, dtype=np.float64)
    if array.ndim == 1:
        return (array >= 0.5).astype(np.int64)
    filled = np.where(np.isnan(array), -np.inf, array)
    labels: IndexArray = np.argmax(filled, axis=-1).astype(np.int64)
    return labels


def random_logits(shape: tuple[int, ...], seed: int, scale: float = 2.0) -> FloatArray:
    """Seeded normal logits rounded to two decimals (easy to read and retype).

    Parameters
    ----------
    shape : tuple of int
        The grid's shape.
    seed : int
        Seed for :func:`numpy.random.default_rng`; the same seed gives the
        same grid.
    scale : float
        Standard deviation of the logits.
    """
    rng = np.random.default_rng(seed)
    return np.round(rng.normal(0.0, scale, size=shape), 2)


def fill_column(table: Array, column: int, value: float) -> Array:
    """A copy of a 2-D table with every row of ``column`` set to ``value``."""
    out = np.array(table, copy=True)
    out[:, column] = value
    return out


def resize_along(array: Array, axis: int, size: int, fill: float) -> Array:
    """Truncate or pad ``array`` along ``axis`` to ``size``, padding with ``fill``."""
    current = array.shape[axis]
    if size <= current:
        return np.array(np.take(array, np.arange(size), axis=axis), copy=True)
    return insert_along(array, axis, current, size - current, fill)


def insert_along(array: Array, axis: int, at: int, count: int, fill: float) -> Array:
    """Insert ``count`` slices filled with ``fill`` before position ``at``."""
    shape = list(array.shape)
    shape[axis] += count
    out = np.empty(shape, dtype=array.dtype)  # one allocation, no full-size parts
    lead = (slice(None),) * axis
    out[(*lead, slice(0, at))] = array[(*lead, slice(0, at))]
    out[(*lead, slice(at, at + count))] = fill
    out[(*lead, slice(at + count, None))] = array[(*lead, slice(at, None))]
    return out


def delete_along(array: Array, axis: int, at: int, count: int) -> Array:
    """Remove ``count`` slices starting at ``at``."""
    return np.delete(
        array, np.arange(at, min(at + count, array.shape[axis])), axis=axis
    )
