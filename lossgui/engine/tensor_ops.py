"""Torch tensor-operation semantics that loss modules share.

What autograd and ATen do around the formulas, reproduced once:

- ``sum_to_shape``: a gradient computed on a broadcast shape is summed back to
  the shape of the tensor it belongs to (autograd's ``sum_to_size``).
- ``to_float``: integer and bool tensors take part in float arithmetic as
  ``float32`` (torch's default dtype); float tensors keep their dtype, so
  NumPy's float promotion then matches torch's (``float32 op float64 ->
  float64``).
- ``check_subtraction``: torch refuses ``-`` on bool tensors, with its text.
- ``check_fill``: a float scalar written into an integer tensor (``fill_``)
  must fit its range, or torch raises.
- ``reject_complex``: lossgui has no complex losses.
- ``torch_sign``: ``torch.sign`` (and ``sgn``) give 0 for NaN, NumPy gives NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.tensors import dtype_name
from lossgui.i18n import translate

__all__ = [
    "BOOL_SUB_ONE",
    "BOOL_SUB_TWO",
    "check_fill",
    "check_subtraction",
    "float_dtype",
    "reject_complex",
    "select",
    "sum_to_shape",
    "to_float",
    "torch_sign",
]

Array = npt.NDArray[Any]

BOOL_SUB_TWO = (
    "Subtraction, the `-` operator, with two bool tensors is not supported. "
    "Use the `^` or `logical_xor()` operator instead."
)
BOOL_SUB_ONE = (
    "Subtraction, the `-` operator, with a bool tensor is not supported. "
    "If you are trying to invert a mask, use the `~` or `logical_not()` "
    "operator instead."
)


def float_dtype(array: Array) -> np.dtype[Any]:
    """The dtype ``array`` computes in: its own if floating, else ``float32``."""
    if array.dtype.kind == "f":
        return array.dtype
    return np.dtype(np.float32)


def to_float(array: Array) -> Array:
    """``array`` in :func:`float_dtype` (no copy when already floating)."""
    return array.astype(float_dtype(array), copy=False)


def check_subtraction(a: Array, b: Array) -> None:
    """Raise torch's ``RuntimeError`` when ``a - b`` involves a bool tensor."""
    a_bool, b_bool = a.dtype == np.bool_, b.dtype == np.bool_
    if a_bool and b_bool:
        raise LossInputError(BOOL_SUB_TWO)
    if a_bool or b_bool:
        raise LossInputError(BOOL_SUB_ONE)


#: The C++ type names torch's checked scalar conversion prints.
_FILL_NAMES = {
    "uint8": "uint8_t",
    "int8": "int8_t",
    "int16": "int16_t",
    "int32": "int",
    "int64": "int64_t",
    "uint16": "uint16_t",
    "uint32": "uint32_t",
    "uint64": "uint64_t",
}


def check_fill(value: float, dtype: np.dtype[Any]) -> None:
    """Raise torch's error when ``value`` cannot be written into an integer ``dtype``.

    ``scalar - tensor`` in ATen is ``empty_like(tensor).fill_(scalar)``, and
    ``fill_`` converts the scalar with an overflow check (even for an empty
    tensor): an integer tensor rejects NaN, ±inf and any value below its
    minimum or above its maximum, fractions included (``uint8`` refuses
    ``-0.5``). Bool and floating tensors take every value.
    """
    dtype = np.dtype(dtype)
    if dtype.kind not in "iu":
        return
    info = np.iinfo(dtype)
    if not float(info.min) <= value <= float(info.max):
        raise LossInputError(
            f"value cannot be converted to type {_FILL_NAMES[dtype.name]} "
            "without overflow"
        )


def reject_complex(name: str, *arrays: Array) -> None:
    """Raise for complex tensors, which lossgui does not model.

    Torch computes some losses on complex input (``PoissonNLLLoss``,
    ``GaussianNLLLoss``, ``TripletMarginLoss``); lossgui declines them with
    a ``TypeError`` of its own rather than returning a complex loss.
    """
    for array in arrays:
        if array.dtype.kind == "c":
            raise LossInputError(
                translate(
                    "engine",
                    "lossgui does not support complex tensors in {loss} (got {dtype})",
                ).format(loss=name, dtype=dtype_name(array.dtype)),
                "TypeError",
            )


def sum_to_shape(grad: Array, shape: Sequence[int]) -> Array:
    """Sum a gradient over the dimensions that broadcasting expanded.

    Parameters
    ----------
    grad : ndarray
        A gradient on the broadcast shape.
    shape : sequence of int
        The shape of the tensor the gradient belongs to; ``grad.shape`` must
        be a broadcast of it.

    Returns
    -------
    ndarray
        ``grad`` summed over leading extra dimensions and over dimensions
        where ``shape`` has size 1, reshaped to ``shape``; always a writeable,
        C-contiguous array (never a read-only broadcast view).
    """
    target = tuple(int(s) for s in shape)
    lead = grad.ndim - len(target)
    if lead > 0:
        grad = np.sum(grad, axis=tuple(range(lead)))
    axes = tuple(i for i, size in enumerate(target) if size == 1 and grad.shape[i] != 1)
    if axes:
        grad = np.sum(grad, axis=axes, keepdims=True)
    return np.require(np.reshape(grad, target), requirements=["C", "W"])


def torch_sign(x: Array) -> Array:
    """``torch.sign``: -1, 0 or 1, and 0 (not NaN) for NaN."""
    sign = np.sign(x)
    return np.where(np.isnan(x), np.zeros_like(sign), sign)


_UINT = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def select(cond: npt.NDArray[np.bool_], a: Array, b: Array) -> Array:
    """``np.where(cond, a, b)`` for same-shape float arrays, without branches.

    ``np.where`` on a random mask mispredicts a branch per element; this
    picks the bits with a mask instead, so the result is bit-identical
    (nan payloads and signed zeros included). Other shapes or dtypes fall
    back to ``np.where``.
    """
    if not (
        isinstance(a, np.ndarray)
        and isinstance(b, np.ndarray)
        and a.dtype == b.dtype
        and a.dtype.kind == "f"
        and a.dtype.itemsize in _UINT
        and a.shape == b.shape == cond.shape
        and a.flags.c_contiguous
        and b.flags.c_contiguous
        and cond.flags.c_contiguous
    ):
        return np.where(cond, a, b)
    uint = _UINT[a.dtype.itemsize]
    mask = np.negative(cond.view(np.uint8), dtype=uint)  # all ones where cond
    out = np.bitwise_and(a.view(uint), mask)
    out |= np.bitwise_and(b.view(uint), ~mask, out=mask)
    result: Array = out.view(a.dtype)
    return result
