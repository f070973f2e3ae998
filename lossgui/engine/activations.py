"""Stable activations and their backward passes, as torch computes them.

Each function keeps the input's dtype (float32 stays float32, so saturation
such as ``sigmoid(20) == 1`` in float32 is reproduced).

Formulas
--------
- ``sigmoid(x) = 1 / (1 + exp(-x))``; backward ``g * s * (1 - s)``.
- ``logsigmoid(x) = min(x, 0) - log1p(exp(-|x|))``; backward ``g * sigmoid(-x)``.
- ``softmax(x)_i = exp(x_i - m) / Σ_j exp(x_j - m)``, ``m = max_j x_j``;
  backward ``s * (g - Σ g s)``.
- ``log_softmax(x)_i = (x_i - m) - log Σ_j exp(x_j - m)``;
  backward ``g - exp(y) * Σ g``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.class_targets import (
    classes_back,
    classes_first,
    log_softmax_first,
    row_max,
    row_sum,
)
from lossgui.engine.fast_math import exp_neg_abs, log1p_unit

__all__ = [
    "CLASSES_FIRST_MIN_SIZE",
    "log_softmax",
    "log_softmax_backward",
    "logsigmoid",
    "logsigmoid_backward",
    "sigmoid",
    "sigmoid_backward",
    "softmax",
    "softmax_backward",
]

Array = npt.NDArray[Any]

#: Class axes up to this long, in arrays at least this big, are reduced on a
#: classes-first copy (see :func:`_classes_first_pays`).
_CLASSES_FIRST_MAX_C = 64
CLASSES_FIRST_MIN_SIZE = 4096


def sigmoid(x: Array) -> Array:
    """Logistic sigmoid ``1 / (1 + exp(-x))`` in the input's dtype.

    Real arrays are computed in one buffer (the same operations, in place).
    """
    x = np.asarray(x)
    one = np.ones((), dtype=x.dtype)
    with np.errstate(over="ignore"):
        if x.ndim == 0 or x.dtype.kind != "f":
            return one / (one + np.exp(-x))  # type: ignore[no-any-return]
        out = np.negative(x)
        np.exp(out, out=out)
        np.add(out, one, out=out)
        np.divide(one, out, out=out)
        return out


def sigmoid_backward(grad: Array, out: Array) -> Array:
    """Backward of sigmoid from its output: ``g * s * (1 - s)``."""
    return grad * (out * (1 - out))  # type: ignore[no-any-return]


def logsigmoid(x: Array) -> Array:
    """``log σ(x) = min(x, 0) - log1p(exp(-|x|))``, stable for every x.

    float32 arrays take ``log1p`` from :func:`~lossgui.engine.fast_math.log1p_unit`
    (NumPy's float32 ``log1p`` is a slow scalar loop); other dtypes use
    ``np.log1p``.
    """
    x = np.asarray(x)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if x.ndim > 0 and x.dtype == np.float32:
            softplus, _ = log1p_unit(exp_neg_abs(x))
            return np.subtract(np.minimum(x, 0), softplus, out=softplus)
        return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def logsigmoid_backward(grad: Array, x: Array) -> Array:
    """Backward of logsigmoid, ``g * σ(-x)``, computed as torch's kernel does.

    With ``z = exp(-|x|)``: ``1 - z / (1 + z)`` for ``x < 0`` and ``z / (1 + z)``
    for ``x >= 0``.
    """
    x = np.asarray(x)
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.exp(-np.abs(x))
        ratio = z / (1 + z)
        # |[x < 0] - ratio| is 1 - ratio or ratio exactly (no np.where pass).
        local = np.abs((x < 0) - ratio)
    return grad * local  # type: ignore[no-any-return]


def _classes_first_pays(x: Array, axis: int) -> bool:
    """Whether reducing over ``axis`` is faster on a classes-first copy.

    NumPy reduces a short, fastest-varying axis slowly (a 100,000 x 10 max
    over the 10 costs several times an elementwise pass); a ``(C, M)`` copy
    turns each reduction into ``C`` contiguous elementwise steps.
    """
    return (
        x.ndim >= 2
        and -x.ndim <= axis < x.ndim
        and x.dtype.kind == "f"
        and x.size >= CLASSES_FIRST_MIN_SIZE
        and 1 <= x.shape[axis] <= _CLASSES_FIRST_MAX_C
    )


def softmax(x: Array, axis: int) -> Array:
    """Softmax along ``axis`` with the row maximum subtracted.

    Formula
    -------
    ``s_c = exp(x_c - m) / Σ_k exp(x_k - m)``, ``m = max_k x_k``.
    """
    x = np.asarray(x)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if _classes_first_pays(x, axis):
            axis %= x.ndim
            t = classes_first(x, axis)
            np.subtract(t, row_max(t), out=t)
            np.exp(t, out=t)
            np.divide(t, row_sum(t), out=t)
            return np.ascontiguousarray(classes_back(t, x.shape, axis))
        shifted = x - np.max(x, axis=axis, keepdims=True)
        e = np.exp(shifted)
        return e / np.sum(e, axis=axis, keepdims=True)  # type: ignore[no-any-return]


def softmax_backward(grad: Array, out: Array, axis: int) -> Array:
    """Backward of softmax: ``s * (g - Σ_axis g s)``."""
    with np.errstate(invalid="ignore"):
        return out * (grad - np.sum(grad * out, axis=axis, keepdims=True))  # type: ignore[no-any-return]


def log_softmax(x: Array, axis: int) -> Array:
    """Log-softmax along ``axis``: ``(x - m) - log Σ exp(x - m)``."""
    x = np.asarray(x)
    if x.size == 0:
        return x.copy()
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if _classes_first_pays(x, axis):
            axis %= x.ndim
            lp, _, _ = log_softmax_first(classes_first(x, axis))
            return np.ascontiguousarray(classes_back(lp, x.shape, axis))
        shifted = x - np.max(x, axis=axis, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))  # type: ignore[no-any-return]


def log_softmax_backward(grad: Array, out: Array, axis: int) -> Array:
    """Backward of log-softmax: ``g - exp(y) * Σ_axis g``."""
    with np.errstate(invalid="ignore", over="ignore"):
        return grad - np.exp(out) * np.sum(grad, axis=axis, keepdims=True)  # type: ignore[no-any-return]
