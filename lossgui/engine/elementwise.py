"""Shared steps of the elementwise losses that compare an input with a target.

Torch's ``F.l1_loss``, ``F.mse_loss``, ``F.smooth_l1_loss`` and ``F.huber_loss``
share their Python front end: a warning and ``torch.broadcast_tensors`` when the
target's shape differs, the functional-only ``weight=`` (same size as the input,
checked in Python, with its own reduction message), and argument parsing. The
helpers here reproduce those steps and their messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.promotion import compute_dtype, result_type, sum_to_shape
from lossgui.engine.reduction import check_reduction
from lossgui.engine.result import Terms
from lossgui.engine.tensors import broadcast_shape, dtype_name, torch_size

__all__ = [
    "INVALID_MODE",
    "SIZE_WARNING",
    "broadcast_target",
    "check_weight_size",
    "difference",
    "finish_terms",
    "float_arg",
    "mean_dtype_error",
    "require_float",
    "weighted_reduction_check",
]

Array = npt.NDArray[Any]

SIZE_WARNING = (
    "Using a target size ({0}) that is different to the input size ({1}). This will "
    "likely lead to incorrect results due to broadcasting. Please ensure they have "
    "the same size."
)
INVALID_MODE = "Invalid reduction mode: {0}. Expected one of 'none', 'mean', 'sum'."


def broadcast_target(x: Array, y: Array) -> tuple[Array, Array, tuple[str, ...]]:
    """``torch.broadcast_tensors(input, target)`` and the functional's warning."""
    warns: tuple[str, ...] = ()
    if y.shape != x.shape:
        warns = (SIZE_WARNING.format(torch_size(y.shape), torch_size(x.shape)),)
    shape = broadcast_shape(x.shape, y.shape)
    return np.broadcast_to(x, shape), np.broadcast_to(y, shape), warns


def check_weight_size(weight: Array | None, x: Array) -> None:
    """``weight=`` must have exactly the input's size (not the broadcast one)."""
    if weight is not None and weight.shape != x.shape:
        raise LossInputError("Weights and input must have the same size.", "ValueError")


def require_float(dtype: np.dtype[Any], op: str) -> None:
    """Torch's dispatch error for a kernel that only has floating versions."""
    if dtype.kind != "f":
        raise LossInputError(
            f"\"{op}\" not implemented for '{dtype_name(dtype)}'", "NotImplementedError"
        )


def difference(x: Array, y: Array, dtype: np.dtype[Any]) -> Array:
    """``x - y`` in ``dtype``'s working precision (float16 works in float32)."""
    work = compute_dtype(dtype)
    return x.astype(work, copy=False) - y.astype(work, copy=False)  # type: ignore[no-any-return]


def finish_terms(
    x: Array,
    loss: Array,
    grad: Array,
    weight: Array | None,
    reduction: str,
    warns: tuple[str, ...],
    *,
    weight_divides: bool,
    grad_is_mean: bool = False,
) -> Terms:
    """Apply ``weight=``, pick the mean's divisor, and sum the grad back to ``x``.

    Parameters
    ----------
    x : ndarray
        The input (first) tensor; the gradient gets its shape, and its dtype
        when it is floating (integer inputs get the loss's dtype).
    loss, grad : ndarray
        The unweighted elementwise loss and ``dl/dx`` on the broadcast shape.
    weight : ndarray or None
        The functional-only per-element weight (already size-checked).
    reduction : str
        The validated reduction (``'mean'`` of an all-integer weighted loss is
        a float32 division in torch).
    warns : tuple of str
        The warnings collected so far.
    weight_divides : bool
        True when a weighted ``'mean'`` divides by ``Σ w`` (L1, MSE) rather
        than by numel (Huber).
    grad_is_mean : bool
        True when ``grad`` already is the gradient of ``'mean'`` (see
        :attr:`Terms.grad_is_mean`); only without ``weight``.

    Returns
    -------
    Terms
        What :func:`~lossgui.engine.reduction.reduce_terms` needs.
    """
    divisor = float(loss.size)
    if weight is not None:
        dtype = result_type(loss, weight)
        work = compute_dtype(dtype)
        w = weight.astype(work, copy=False)
        loss = (loss.astype(work, copy=False) * w).astype(dtype, copy=False)
        grad = grad * w
        if weight_divides:
            divisor = float(np.sum(weight))
            if reduction == "mean" and loss.dtype.kind in "biu":
                loss = loss.astype(np.float32)  # int / int is a float32 true division
    if reduction == "sum" and loss.dtype.kind in "biu":
        loss = loss.astype(np.int64)  # torch.sum of an integer tensor is Long
    grad_dtype = x.dtype if x.dtype.kind in "fc" else loss.dtype
    if grad_dtype.kind != "c":
        grad = np.real(grad)  # autograd keeps a real input's gradient real
    grad = sum_to_shape(np.asarray(grad), x.shape).astype(grad_dtype, copy=False)
    return Terms(
        np.require(loss, requirements="C"),
        grad,
        divisor,
        warnings=warns,
        grad_is_mean=grad_is_mean,
    )


def _type_name(value: object) -> str:
    """The type name as CPython's ``tp_name`` spells it in binding errors."""
    kind = type(value)
    if kind.__module__ in ("builtins", "fractions", "decimal"):
        return kind.__name__
    return f"{kind.__module__.split('.')[0]}.{kind.__name__}"


def float_arg(value: object, function: str, name: str) -> float:
    """Parse a ``double`` argument as torch's Python binding does.

    Python and NumPy numbers (bools included) are accepted; anything else
    raises the binding's ``TypeError``, e.g. ``smooth_l1_loss(): argument
    'beta' (position 4) must be float, not str``.
    """
    if isinstance(value, bool | int | float | np.number | np.bool_):
        return float(np.real(value))
    raise LossInputError(
        f"{function}(): argument '{name}' (position 4) must be float, not "
        f"{_type_name(value)}",
        "TypeError",
    )


def weighted_reduction_check(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Torch's reduction check, which ``weight=`` moves into Python code."""
    if params.get("weight") is None:
        return check_reduction(reduction)
    return check_reduction(
        reduction, message=INVALID_MODE, accepts_elementwise_mean=False
    )


def mean_dtype_error(dtype: np.dtype[Any]) -> LossInputError:
    """Torch's ``mean()`` error for an integer loss tensor."""
    return LossInputError(
        "mean(): could not infer output dtype. Input dtype must be either a "
        f"floating point or complex dtype. Got: {dtype_name(dtype)}"
    )
