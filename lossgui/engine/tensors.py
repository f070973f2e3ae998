"""Turning user data into arrays as ``torch.tensor`` would, and torch's shape texts.

The helpers here are shared by every loss: dtype inference for nested lists
(Python floats become float32, ints int64, as ``torch.tensor`` does), dtype
names as torch prints them, ``torch.Size([...])`` formatting, and broadcasting
with torch's error messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError

__all__ = [
    "TORCH_DTYPE_NAMES",
    "as_tensor",
    "broadcast_shape",
    "dtype_name",
    "expand_to",
    "is_float",
    "is_index",
    "promote_float",
    "shape_list",
    "torch_size",
]

Array = npt.NDArray[Any]

TORCH_DTYPE_NAMES: dict[str, str] = {
    "float16": "Half",
    "float32": "Float",
    "float64": "Double",
    "int8": "Char",
    "uint8": "Byte",
    "int16": "Short",
    "int32": "Int",
    "int64": "Long",
    "bool": "Bool",
    "complex64": "ComplexFloat",
    "complex128": "ComplexDouble",
}


def as_tensor(data: object) -> Array:
    """Return ``data`` as an ndarray, inferring dtype like ``torch.tensor``.

    NumPy arrays and NumPy scalars keep their dtype. Python data (nested lists,
    floats, ints, bools) follows torch: any float gives float32, otherwise ints
    give int64 and bools give bool.

    Parameters
    ----------
    data : array_like
        An ndarray or (nested) Python numbers.

    Returns
    -------
    ndarray
        A C-contiguous array.

    Raises
    ------
    LossInputError
        If ``data`` is ragged or not numeric.
    """
    if isinstance(data, np.ndarray | np.generic):
        array = np.asarray(data)
    else:
        try:
            array = np.asarray(data)
        except ValueError as exc:
            raise LossInputError(
                f"could not build a tensor: {exc}", "ValueError"
            ) from exc
        if array.dtype == np.float64:
            array = array.astype(np.float32)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
    if array.dtype.kind not in "biufc":
        raise LossInputError(
            f"could not determine the dtype of an object of type {array.dtype}",
            "TypeError",
        )
    # np.require keeps 0-d arrays 0-d; np.ascontiguousarray would make them (1,).
    return np.require(array, requirements="C")


def dtype_name(dtype: np.dtype[Any]) -> str:
    """Torch's scalar type name for a NumPy dtype (``float32`` -> ``Float``)."""
    return TORCH_DTYPE_NAMES.get(np.dtype(dtype).name, np.dtype(dtype).name)


def is_float(array: Array) -> bool:
    """Whether ``array`` holds a floating dtype."""
    return bool(array.dtype.kind == "f")


def is_index(array: Array) -> bool:
    """Whether ``array`` is a valid class-index tensor (``Long`` or ``Byte``)."""
    return array.dtype in (np.dtype(np.int64), np.dtype(np.uint8))


def promote_float(*arrays: Array) -> np.dtype[Any]:
    """The floating dtype torch's type promotion gives these arrays.

    Integer and bool arrays do not widen a float result (torch: a Long target
    with a Float input stays Float); all-integer input promotes to float32.
    """
    floats = [a.dtype for a in arrays if a.dtype.kind in "fc"]
    if not floats:
        return np.dtype(np.float32)
    return np.dtype(np.result_type(*floats))


def shape_list(shape: Sequence[int]) -> str:
    """``[2, 3]`` as torch prints shapes in ``RuntimeError`` messages."""
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"


def torch_size(shape: Sequence[int]) -> str:
    """``torch.Size([2, 3])`` as torch prints sizes in ``ValueError`` messages."""
    return f"torch.Size({shape_list(shape)})"


def broadcast_shape(*shapes: Sequence[int]) -> tuple[int, ...]:
    """The broadcast of ``shapes``, raising torch's message when impossible.

    Raises
    ------
    LossInputError
        ``RuntimeError: The size of tensor a (3) must match the size of tensor
        b (4) at non-singleton dimension 0``.
    """
    result: tuple[int, ...] = tuple(shapes[0])
    for other in shapes[1:]:
        a, b = result, tuple(other)
        ndim = max(len(a), len(b))
        pa = (1,) * (ndim - len(a)) + a
        pb = (1,) * (ndim - len(b)) + b
        out = [0] * ndim
        # Torch's infer_size walks from the last dimension: with several
        # mismatches it reports the rightmost one.
        for dim in reversed(range(ndim)):
            sa, sb = pa[dim], pb[dim]
            if sa == sb or sb == 1:
                out[dim] = sa
            elif sa == 1:
                out[dim] = sb
            else:
                raise LossInputError(
                    f"The size of tensor a ({sa}) must match the size of tensor b "
                    f"({sb}) at non-singleton dimension {dim}"
                )
        result = tuple(out)
    return result


def expand_to(array: Array, shape: Sequence[int], *, index: int = 1) -> Array:
    """Expand ``array`` to ``shape`` as ``Tensor.expand`` does, with torch's errors.

    Parameters
    ----------
    array : ndarray
        The tensor to expand (a weight, usually).
    shape : sequence of int
        The target shape; it must be at least as large as ``array``.
    index : int
        The argument position torch names in its message.

    Raises
    ------
    LossInputError
        ``output with shape [...] doesn't match the broadcast shape [...]`` when
        ``array`` has more dimensions, or ``Attempting to broadcast a dimension
        of length ...`` when a dimension differs.
    """
    target = tuple(int(s) for s in shape)
    if array.ndim > len(target):
        full = broadcast_shape(target, array.shape)
        raise LossInputError(
            f"output with shape {shape_list(target)} doesn't match the broadcast "
            f"shape {shape_list(full)}"
        )
    for offset in range(1, array.ndim + 1):
        size, want = array.shape[-offset], target[-offset]
        if size not in (1, want):
            raise LossInputError(
                f"Attempting to broadcast a dimension of length {size} at -{offset}! "
                f"Mismatching argument at index {index} had "
                f"{torch_size(array.shape)}; but expected shape should be "
                f"broadcastable to {shape_list(target)}"
            )
    return np.broadcast_to(array, target)
