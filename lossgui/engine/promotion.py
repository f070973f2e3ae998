"""Torch's dtype promotion, safe-cast rule, and un-broadcasting of gradients.

Torch and NumPy 2 disagree on mixed dtypes (``float32`` with ``int64`` is
``float32`` in torch, ``float64`` in NumPy) and torch gives zero-dimensional
tensors a lower priority than dimensioned ones. The helpers here follow torch
(``c10::result_type`` and ``c10::canCast``), so the engine computes in the
dtype torch would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["can_cast", "category", "compute_dtype", "result_type", "sum_to_shape"]

Array = npt.NDArray[Any]


def category(dtype: np.dtype[Any]) -> int:
    """Torch's promotion category: 0 bool, 1 integer, 2 floating, 3 complex."""
    return {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}[np.dtype(dtype).kind]


def _promote(dtypes: Sequence[np.dtype[Any]]) -> np.dtype[Any] | None:
    """``promoteTypes`` over operands of equal priority (ints lose to floats)."""
    if not dtypes:
        return None
    top = max(category(d) for d in dtypes)
    if top >= 2:
        dtypes = [d for d in dtypes if category(d) >= 2]
    return np.dtype(np.result_type(*dtypes))


def _combine(
    higher: np.dtype[Any] | None, lower: np.dtype[Any] | None
) -> np.dtype[Any]:
    """``combine_categories``: the dimensioned result wins unless outranked."""
    if higher is None:
        assert lower is not None
        return lower
    if lower is None or category(higher) == 3:
        return higher
    if category(lower) == 3:
        if category(higher) == 2:
            return np.dtype(np.result_type(higher, np.complex64))
        return lower
    if category(higher) == 2:
        return higher
    if category(higher) == 0 or category(lower) == 2:
        return _promote([higher, lower]) or higher
    return higher


def result_type(*arrays: Array) -> np.dtype[Any]:
    """The dtype torch gives a binary/elementwise op on ``arrays``.

    Dimensioned tensors decide the result; zero-dimensional tensors only matter
    when they are of a higher category (``f32[3] * f64[]`` is ``float32``,
    ``i64[3] * f64[]`` is ``float64``).
    """
    dimmed = _promote([a.dtype for a in arrays if a.ndim > 0])
    zero = _promote([a.dtype for a in arrays if a.ndim == 0])
    return _combine(dimmed, zero)


def can_cast(source: np.dtype[Any], target: np.dtype[Any]) -> bool:
    """``c10::canCast``: no complex to real, float to integral, or non-bool to bool."""
    src, dst = category(source), category(target)
    return not (src > dst and (dst < 2 or src == 3))


def compute_dtype(dtype: np.dtype[Any]) -> np.dtype[Any]:
    """Where torch's CPU kernels do arithmetic: ``float16`` works in ``float32``."""
    if np.dtype(dtype) == np.float16:
        return np.dtype(np.float32)
    return np.dtype(dtype)


def sum_to_shape(grad: Array, shape: Sequence[int]) -> Array:
    """Sum a broadcast gradient back to ``shape`` (autograd's ``sum_to_size``).

    Parameters
    ----------
    grad : ndarray
        A gradient with the broadcast shape of an operation.
    shape : sequence of int
        The shape of the tensor the gradient belongs to.

    Returns
    -------
    ndarray
        ``grad`` summed over the leading extra dimensions and over every
        dimension where ``shape`` has size 1 but ``grad`` does not.
    """
    target = tuple(int(s) for s in shape)
    if grad.shape == target:
        return grad
    extra = grad.ndim - len(target)
    if extra > 0:
        grad = np.sum(grad, axis=tuple(range(extra)), dtype=grad.dtype)
    axes = tuple(
        i
        for i, (g, s) in enumerate(zip(grad.shape, target, strict=True))
        if s == 1 and g != 1
    )
    if axes:
        grad = np.sum(grad, axis=axes, keepdims=True, dtype=grad.dtype)
    return np.require(grad.reshape(target), requirements="C")
