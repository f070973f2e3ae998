"""Class-index targets checked and gathered the way torch's ``nll_loss_nd`` does.

``NLLLoss`` and the class-index mode of ``CrossEntropyLoss`` share torch's
``nll_loss_nd``: the same shapes, the same checks in the same order and the same
error texts. Torch takes two routes, and their messages differ:

- 1-D and 2-D input (``nll_loss``): the target must be ``()``/``(1,)`` or
  ``(N,)``; a bad weight reports its shape.
- 3-D and higher input (``nll_loss2d``, reached by viewing the input as
  ``(N, C, 1, -1)``): the target must be ``(N, d1, ..., dK)``; the weight is
  only checked for its number of elements, and a ``Byte`` target is refused
  by the kernel (``expected scalar type Long but found Byte``).

Formula
-------
For position ``n`` with target ``y_n``: ``keep_n = [y_n != ignore_index]``,
``w_n = keep_n * weight[y_n]`` (1 without a weight), and the ``'mean'`` divisor
is ``W = sum_n w_n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.tensors import dtype_name, shape_list

__all__ = [
    "IndexTarget",
    "check_index_target",
    "check_int_arg",
    "class_axis",
    "classes_back",
    "classes_first",
    "log_softmax_first",
    "row_max",
    "row_sum",
    "type_name",
]

Array = npt.NDArray[Any]
_INT64 = np.iinfo(np.int64)


def class_axis(x: Array) -> int:
    """The class dimension: 0 for a 1-D input ``(C,)``, else 1."""
    return 0 if x.ndim == 1 else 1


def type_name(value: object) -> str:
    """A Python type name as torch's argument parser prints it."""
    kind = type(value)
    module = kind.__module__
    return f"numpy.{kind.__name__}" if module == "numpy" else kind.__name__


def check_int_arg(value: object, function: str, name: str, position: int) -> int:
    """Accept ``value`` where torch's parser wants an ``int`` (bool excluded).

    Raises
    ------
    LossInputError
        ``TypeError: cross_entropy_loss(): argument 'ignore_index' (position 5)
        must be int, not float`` (and ``ValueError: Overflow when unpacking long
        long`` beyond int64).
    """
    if not isinstance(value, int | np.integer) or isinstance(value, bool | np.bool_):
        raise LossInputError(
            f"{function}(): argument '{name}' (position {position}) must be int, "
            f"not {type_name(value)}",
            "TypeError",
        )
    number = int(value)
    if not _INT64.min <= number <= _INT64.max:
        raise LossInputError("Overflow when unpacking long long", "ValueError")
    return number


@dataclass(frozen=True)
class IndexTarget:
    """A validated class-index target, shaped like the unreduced loss.

    Attributes
    ----------
    safe : ndarray of int64
        The target with ignored positions replaced by class 0 (safe to index).
    keep : ndarray of bool
        False where the target equals ``ignore_index``.
    weight : ndarray or None
        The class weight as a flat ``(C,)`` array in the input's dtype.
    """

    safe: npt.NDArray[np.int64]
    keep: npt.NDArray[np.bool_]
    weight: Array | None

    def picked_weight(self, dtype: np.dtype[Any]) -> Array:
        """``weight[y_n]`` per position (ones without a weight), before masking."""
        if self.weight is None:
            return np.ones(self.safe.shape, dtype=dtype)
        if self.weight.size == 0:
            return np.zeros(self.safe.shape, dtype=dtype)
        return np.asarray(self.weight[self.safe], dtype=dtype)

    def onehot(self, classes: int) -> npt.NDArray[np.bool_]:
        """Class-last one-hot of the kept targets: the positions torch's NLL writes."""
        hot = self.safe[..., None] == np.arange(classes)
        return hot & self.keep[..., None]  # type: ignore[no-any-return]

    def pick(self, values: Array) -> Array:
        """``values[..., y_n]`` for class-last ``values`` (zeros without classes)."""
        if values.shape[-1] == 0:
            return np.zeros(self.safe.shape, dtype=values.dtype)
        return np.take_along_axis(values, self.safe[..., None], axis=-1)[..., 0]

    def flat_positions(self, shape: tuple[int, ...]) -> npt.NDArray[np.intp]:
        """Flat offsets of ``x[n, y_n, d...]`` in a C-contiguous ``shape`` input.

        For ``(N, C, d1, ...)`` with ``D = d1 · ...`` and ``m = n D + d`` the
        target position, the offset is ``n C D + y_n D + d``.
        """
        safe = self.safe.reshape(-1)
        if len(shape) < 2:
            return safe.astype(np.intp)
        inner = self.safe.size // shape[0] if shape[0] else 0
        if inner == 1 and shape[1]:
            return np.arange(0, safe.size * shape[1], shape[1]) + safe
        if inner == 1:  # no classes
            return np.arange(safe.size) * shape[1] + safe
        rows, rest = np.divmod(np.arange(self.safe.size), inner)
        return rows * (shape[1] * inner) + safe * inner + rest

    def total_weight(self, dtype: np.dtype[Any]) -> float:
        """``W``: the ``'mean'`` divisor (count of kept positions when unweighted)."""
        if self.weight is None:
            return float(np.count_nonzero(self.keep))
        picked = self.picked_weight(dtype)[self.keep]
        return float(np.sum(picked, dtype=dtype))


def _size0(target: Array) -> int:
    # torch reads sizes()[0] of a 0-d target unchecked here; it comes out as 0.
    return int(target.shape[0]) if target.ndim else 0


def _check_flat(x: Array, y: Array, weight: Array | None) -> None:
    """``nll_loss``'s checks for 1-D and 2-D input, in torch's order."""
    if y.ndim > 1:
        raise LossInputError(
            "0D or 1D target tensor expected, multi-target not supported"
        )
    _check_target_dtype(y)
    if x.ndim == 1 and y.ndim == 1 and y.shape[0] != 1:
        raise LossInputError(
            "For 1D input, 1D target must have size 1, but got target size: "
            f"{y.shape[0]}",
            "ValueError",
        )
    if x.ndim == 2 and y.ndim == 0:
        # torch's forward reads target.size(0) here (a 2-D input with N = 0).
        # Its size check skips 1-D input, so (C,) with (1,) passes the forward
        # (torch's backward then fails with "size mismatch").
        raise LossInputError(
            "Dimension specified as 0 but tensor has no dimensions", "IndexError"
        )
    classes = x.shape[-1]
    if weight is not None and not (weight.ndim == 1 and weight.size == classes):
        raise LossInputError(
            f"weight tensor should be defined either for all {classes} classes or no "
            f"classes but got weight tensor of shape: {shape_list(weight.shape)}"
        )


def _check_spatial(x: Array, y: Array, weight: Array | None) -> None:
    """``nll_loss2d``'s checks (4-D input as given, other K-dim input viewed).

    A 3-D or 5-D+ input is viewed as ``(N, C, 1, -1)`` (``(N, C, 0, 0)`` when
    empty) and its target as ``(N, 1, -1)`` (``(N, 0, 0)``), so an empty input
    with a non-empty target fails the 4-D size check with the viewed shapes.
    """
    x4, y3 = x.shape, y.shape
    if x.ndim != 4:
        if y.ndim == 0:
            raise LossInputError("ArrayRef: invalid slice, N = 1; size = 0")
        if tuple(y.shape[1:]) != tuple(x.shape[2:]):
            expected = shape_list((x.shape[0], *x.shape[2:]))
            raise LossInputError(
                f"Expected target size {expected}, got {shape_list(y.shape)}"
            )
        n, c = x.shape[:2]
        x4 = (n, c, 1, x.size // (n * c)) if x.size else (n, c, 0, 0)
        y3 = (n, 1, y.size // n) if y.size else (n, 0, 0)
    elif y.ndim != 3:
        raise LossInputError(
            "only batches of spatial targets supported (3D tensors) but got targets "
            f"of dimension: {y.ndim}"
        )
    _check_target_dtype(y)
    if weight is not None and weight.size != x.shape[1]:
        raise LossInputError(
            "weight tensor should be defined either for all or no classes"
        )
    if tuple(y3) != (x4[0], *x4[2:]):
        raise LossInputError(
            f"size mismatch (got input: {shape_list(x4)} , target: {shape_list(y3)}"
        )


def _check_target_dtype(y: Array) -> None:
    if y.dtype not in (np.dtype(np.int64), np.dtype(np.uint8)):
        raise LossInputError(
            f"expected target dtype to be Long or Byte, but got {dtype_name(y.dtype)}"
        )


def _out_of_bounds(value: int, as_char: bool) -> LossInputError:
    if not as_char:
        return LossInputError(f"Target {value} is out of bounds.", "IndexError")
    # torch's 'none' kernel for 2-D input prints a Byte target as a raw char.
    raw = b"Target " + bytes([value]) + b" is out of bounds."
    raw = raw.split(b"\0")[0]  # a C string: a NUL byte ends the message
    try:
        return LossInputError(raw.decode("utf-8"), "IndexError")
    except UnicodeDecodeError as exc:
        return LossInputError(str(exc), "UnicodeDecodeError")


def check_index_target(
    x: Array, y: Array, weight: Array | None, ignore_index: int, reduction: str
) -> IndexTarget:
    """Validate ``(x, y, weight)`` exactly as ``torch.nn.functional.nll_loss``.

    Parameters
    ----------
    x : ndarray
        The input (log-probabilities), ``(C,)``, ``(N, C)`` or
        ``(N, C, d1, ..., dK)``.
    y : ndarray
        The class-index target.
    weight : ndarray or None
        The class weight.
    ignore_index : int
        Target value that contributes nothing.
    reduction : str
        The effective reduction (torch's kernels check slightly differently
        for ``'none'``).

    Returns
    -------
    IndexTarget
        Targets shaped like the unreduced loss.

    Raises
    ------
    LossInputError
        With torch's message, type and order of checks.
    """
    if x.ndim < 1:
        raise LossInputError(
            f"Expected 1 or more dimensions (got {x.ndim})", "ValueError"
        )
    if x.ndim != 1 and x.shape[0] != _size0(y):
        raise LossInputError(
            f"Expected input batch_size ({x.shape[0]}) to match target batch_size "
            f"({_size0(y)}).",
            "ValueError",
        )
    spatial = x.ndim > 2
    if spatial:
        _check_spatial(x, y, weight)
    else:
        _check_flat(x, y, weight)
    if x.dtype.kind != "f":
        kernel = "nll_loss2d_forward_out_frame" if spatial else "nll_loss_out_frame"
        raise LossInputError(
            f"\"{kernel}\" not implemented for '{dtype_name(x.dtype)}'",
            "NotImplementedError",
        )
    if weight is not None and weight.dtype != x.dtype:
        raise LossInputError(
            f"expected scalar type {dtype_name(x.dtype)} but found "
            f"{dtype_name(weight.dtype)}"
        )
    byte = y.dtype == np.dtype(np.uint8)
    if spatial and byte and (reduction == "none" or y.size > 0):
        raise LossInputError("expected scalar type Long but found Byte")
    target = y.astype(np.int64, copy=False).reshape(
        x.shape[:1] + x.shape[2:] if x.ndim > 1 else ()
    )
    keep = target != ignore_index
    classes = x.shape[1] if x.ndim > 1 else x.shape[0]
    if target.size and (target.min() < 0 or target.max() >= classes):
        bad = keep & ((target < 0) | (target >= classes))
        if np.any(bad):
            first = int(target[bad].ravel()[0])
            as_char = byte and reduction == "none" and x.ndim == 2
            raise _out_of_bounds(first, as_char)
    flat = None if weight is None else weight.reshape(-1)
    if keep.all():  # nothing ignored: the target itself, read-only
        safe = target.view()
        safe.flags.writeable = False
        return IndexTarget(safe, keep, flat)
    return IndexTarget(np.where(keep, target, 0), keep, flat)


def classes_first(x: Array, axis: int) -> Array:
    """A fresh C-contiguous ``(C, M)`` copy of ``x`` with the class axis first.

    Reductions over a short class axis are slow in NumPy when the classes are
    the fastest-varying index; with the classes first, each class is one
    contiguous row of ``M = x.size / C`` values and every per-position
    reduction is an elementwise loop over ``C`` rows.
    """
    moved = np.moveaxis(x, axis, 0)
    out = np.empty(moved.shape, dtype=x.dtype)
    np.copyto(out, moved)
    return out.reshape(x.shape[axis], -1)


def classes_back(t: Array, shape: tuple[int, ...], axis: int) -> Array:
    """The ``(C, M)`` array ``t`` viewed in the input's layout (no copy)."""
    moved = (shape[axis], *shape[:axis], *shape[axis + 1 :])
    return np.moveaxis(t.reshape(moved), 0, axis)


def row_max(t: Array) -> Array:
    """``max_c t[c]`` for a class-first ``(C, M)`` array (NaN propagates)."""
    out: Array = t[0].copy()
    for row in t[1:]:
        np.maximum(out, row, out=out)
    return out


def row_sum(t: Array, dtype: np.dtype[Any] | None = None) -> Array:
    """``Σ_c t[c]``, summed in class order from ``t[0]`` (in ``dtype`` if given)."""
    out: Array = t[0].astype(dtype or t.dtype, copy=True)
    for row in t[1:]:
        np.add(out, row, out=out)
    return out


def log_softmax_first(t: Array) -> tuple[Array, Array, Array]:
    """In-place ``log_softmax`` over the rows of a class-first ``(C, M)`` array.

    Formula
    -------
    ``lp[c] = (t[c] - m) - log Σ_c exp(t[c] - m)`` with ``m = max_c t[c]``
    (as ``torch.log_softmax``; all ``-inf`` or any ``+inf``/NaN gives NaN).

    Returns
    -------
    tuple
        ``lp`` (``t`` itself, overwritten), ``e = exp(t[c] - m)`` (the caller
        may reuse it as scratch) and ``s = Σ_c e[c]``, so that
        ``softmax = e / s``.
    """
    np.subtract(t, row_max(t), out=t)
    e = np.exp(t)
    s = row_sum(e)
    np.subtract(t, np.log(s), out=t)
    return t, e, s
