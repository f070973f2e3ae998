"""Distances between embeddings over the last dimension, with their backward.

Each function returns a :class:`Distance`: the values (the inputs' broadcast
shape without its last dimension) and a ``backward`` that maps an upstream
gradient on those values to the gradient with respect to the *first*
argument, on the broadcast shape (callers sum it back with
:func:`~lossgui.engine.tensor_ops.sum_to_shape`).

Formulas (``v = x1 - x2 + eps``, reduced over the last dimension)
--------------------------------------------------------------------
- ``pairwise_distance``: ``‖v‖_p``: ``(Σ|v|^p)^(1/p)``; ``max|v|`` (p=inf),
  ``min|v|`` (p=-inf), ``#{v != 0}`` (p=0). Backward as torch's
  ``norm_backward``: ``sign(v) g`` (p=1), ``g v / ‖v‖`` (p=2, 0 where the
  norm is 0), ``sign(v) g / #ties`` on the maximal ``|v|`` (p=±inf),
  ``sign(v)|v|^(p-1) g / ‖v‖^(p-1)`` otherwise, nothing for p=0.
- ``cosine_distance``: ``1 - Σ (x1/max(‖x1‖, 1e-8)) (x2/max(‖x2‖, 1e-8))``;
  the clamps are in-place edits outside autograd, as in ``F.cosine_similarity``:
  the norm's backward still sees the unclamped ``‖x1‖`` (so ``x1 = 1e-9`` gets
  ``1e8 - 1e7``, not ``1e8``).
- ``squared_euclidean``: ``Σ (x1 - x2)²``, backward ``2 (x1 - x2) g``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.libm_power import libm_pow
from lossgui.engine.promotion import result_type
from lossgui.engine.tensor_ops import check_subtraction, to_float, torch_sign
from lossgui.engine.tensors import broadcast_shape, dtype_name

__all__ = [
    "DISTANCES",
    "Distance",
    "cosine_distance",
    "pairwise_distance",
    "squared_euclidean",
]

Array = npt.NDArray[Any]


@dataclass(frozen=True)
class Distance:
    """Distances and the map from their gradient to the first input's.

    Attributes
    ----------
    value : ndarray
        The distance per row (broadcast shape minus the last dimension).
    backward : callable
        ``backward(g)``: the gradient w.r.t. the first input, on the
        broadcast shape, for an upstream gradient ``g`` shaped like ``value``.
    parts : callable or None
        ``parts(g)``: that gradient as the separate terms torch's autograd
        adds into the first input one at a time, in its order (``None``: one
        term, ``backward(g)``). Only the sum's rounding depends on it.
    """

    value: Array
    backward: Callable[[Array], Array]
    parts: Callable[[Array], tuple[Array, ...]] | None = None


def _rows(array: Array) -> Array:
    """A 0-d tensor reduced over ``dim=-1`` behaves as a 1-element row."""
    return array.reshape(1) if array.ndim == 0 else array


def _difference(x1: Array, x2: Array) -> tuple[Array, tuple[int, ...]]:
    """``x1 - x2`` as torch forms it (shape check, bool check, dtype).

    Two integer tensors subtract in their promoted integer dtype, wrapping as
    torch does (``uint8`` 0 - 1 is 255); otherwise in the float dtype.
    """
    shape = broadcast_shape(x1.shape, x2.shape)
    check_subtraction(x1, x2)
    if x1.dtype.kind in "iu" and x2.dtype.kind in "iu":
        common = result_type(x1, x2)
        diff: Array = np.asarray(x1.astype(common) - x2.astype(common))
        return diff, shape
    return to_float(x1) - to_float(x2), shape


#: Lanes of torch's AVX2 ``Vectorized`` type per dtype (its ``norm_cpu`` kernel).
_LANES = {np.dtype(np.float32): 8, np.dtype(np.float64): 4}


def _fma_squares(acc: Array, x: Array) -> Array:
    """``fma(x, x, acc)`` per entry, in ``acc``'s dtype (float32 or float64).

    A float32 square is exact in float64, so the float32 step is one float64
    addition rounded to float32; where that sum lands on a float32 tie (or
    in float32's subnormal range) its own rounding may have made the tie, so
    those entries are redone from the exact sum, rounded to odd in float64
    first (a single correct rounding). For float64 the square's rounding
    error is recovered with Dekker's split and added back.
    """
    if acc.dtype == np.float32:
        square = np.square(x, dtype=np.float64)
        wide: Array = np.add(acc, square, dtype=np.float64)
        low = np.bitwise_and(wide.view(np.int64), 0x1FFFFFFF)
        near = np.equal(low, 0x10000000)
        # (wide >= 0 or NaN; an exact 0 taken as a suspect is redone exactly)
        np.logical_or(near, np.less(wide, 2.0**-126), out=near)
        suspect = np.flatnonzero(near)
        if suspect.size:
            a = acc[suspect].astype(np.float64)
            b, total = square[suspect], wide[suspect]
            back = total - a
            rest = (a - (total - back)) + (b - back)  # exact: a + b = total + rest
            even = (total.view(np.int64) & 1) == 0
            with np.errstate(invalid="ignore"):
                toward = np.where(rest > 0, np.inf, -np.inf)
                wide[suspect] = np.where(
                    (rest != 0) & even & np.isfinite(total),
                    np.nextafter(total, toward),
                    total,
                )
        return wide.astype(np.float32)
    square = x * x
    split = 134217729.0 * x
    high = split - (split - x)
    low = x - high
    error = ((high * high - square) + 2.0 * high * low) + low * low
    total = acc + square
    back = total - acc
    with np.errstate(invalid="ignore", over="ignore"):
        rounding = (acc - (total - back)) + (square - back)
        correction = rounding + error
    # an infinite or NaN sum, or a split that overflowed: no correction
    out: Array = np.where(np.isfinite(correction), total + correction, total)
    return out


def _sequential_sum(columns: Array) -> Array:
    """``Σ columns[i]`` over the first axis, left to right, in the array's dtype."""
    if len(columns) > 32:
        out: Array = np.add.accumulate(columns, axis=0)[-1]
        return out
    acc: Array = columns[0].copy()
    for column in columns[1:]:
        acc += column
    return acc


def _sum_squares(v: Array) -> Array:
    """``Σ v²`` over the last dimension as torch's CPU ``norm`` kernel adds it.

    For a float32 (float64) row of ``n`` entries, torch squares and adds the
    first ``k = n - n % 8`` (``n - n % 4``) entries in 8 (4) vector lanes,
    lane ``j`` taking entries ``j, j + 8, …`` in order (squares rounded, no fused
    multiply-add), then adds the lanes left to right. Of the remaining
    ``n - k`` entries, a float32 block of 4 is squared and added in order,
    and the last 1 to 3 go in one fused multiply-add each. Other dtypes keep
    NumPy's sum. (Lane counts are those of torch's AVX2 kernels; a CPU where
    torch picks its AVX-512 kernels adds rows of 16 or more in other lanes.)
    """
    n = v.shape[-1]
    lanes = _LANES.get(v.dtype)
    if lanes is None or n == 0 or v.size == 0:
        plain_sum: Array = np.sum(v * v, axis=-1)
        return plain_sum
    # one entry per row in each column
    return _column_sum_squares(v.reshape(-1, n).T).reshape(v.shape[:-1])


def _column_sum_squares(columns: Array) -> Array:
    """:func:`_sum_squares` of rows laid out as the columns of ``columns``.

    ``columns`` is ``(n, M)``: entry ``i`` of each of the ``M`` rows in row
    ``i`` (float32 or float64, ``n, M > 0``). Returns the ``M`` sums. A
    C-contiguous ``columns`` (a transposed batch) runs every step on
    contiguous memory.
    """
    n = columns.shape[0]
    lanes = _LANES[columns.dtype]
    k = n - n % lanes
    plain = k + (4 if n - k >= 4 else 0)
    squares = np.empty((plain, columns.shape[1]), dtype=columns.dtype)
    np.multiply(columns[:plain], columns[:plain], out=squares)
    if k:
        blocks = squares[:k].reshape(k // lanes, lanes, -1)
        lane_sums = _sequential_sum(blocks) if k > lanes else blocks[0]
        acc = _sequential_sum(lane_sums)  # then the 4-block, in order
        for square in squares[k:]:
            acc += square
    elif plain:
        acc = _sequential_sum(squares)
    else:
        acc = np.zeros(columns.shape[1], dtype=columns.dtype)
    for column in columns[plain:]:
        acc = _fma_squares(acc, column)
    return acc


def _norm(v: Array, p: float, *, contiguous: bool = True) -> Array:
    """``torch.linalg.vector_norm(v, p, dim=-1)`` for a float ``v``.

    Sums run in torch's order: the 2-norm as :func:`_sum_squares` (when
    ``contiguous``, torch's vectorised kernel; a last dimension expanded from
    size 1 goes through its generic kernel, which adds rounded squares in
    order), the others left to right (``Σ|v|``, ``Σ|v|^p``). Torch splits a
    single long reduction of 32768 entries or more over its threads; that
    order is not followed.
    """
    a = np.abs(v)
    out: Array
    if p != 0 and v.shape[-1:] == (1,):
        # torch's vector_norm over a dimension of size 1 is |v|: no overflow of
        # v² (1e30 in float32) nor underflow of |v|^p
        out = a[..., 0]
    elif p == 0:
        out = np.sum(v != 0, axis=-1).astype(v.dtype)
    elif math.isinf(p):
        out = np.max(a, axis=-1) if p > 0 else np.min(a, axis=-1)
    elif v.shape[-1] == 0 or v.size == 0:
        out = np.sum(a, axis=-1) if p != 2 else np.sqrt(np.sum(a, axis=-1))
    elif p == 2 and contiguous:
        out = np.sqrt(_sum_squares(v))
    else:
        terms = a if p == 1 else (v * v if p == 2 else libm_pow(a, p))
        total = _sequential_sum(np.moveaxis(terms, -1, 0))
        if p == 1:
            out = total
        elif p == 2:
            out = np.sqrt(total)
        else:
            out = libm_pow(total, _root_exponent(p, total.dtype))
    return out


def _root_exponent(p: float, dtype: np.dtype[Any]) -> float:
    """``1 / p`` as torch's norm kernel forms it: ``acc_t(1.0) / acc_t(p)``.

    For float32 both are float32: ``p = 1.1`` gives ``1 / 1.1f`` rounded to
    float32 (0.90909088), not ``1 / 1.1`` rounded (0.90909094).
    """
    if dtype == np.float32:
        return float(np.float32(1) / np.float32(p))
    return 1 / p


def _norm_backward(g: Array, v: Array, norm: Array, p: float) -> Array:
    """``g · ∂‖v‖_p/∂v`` per row, as torch's ``norm_backward`` forms it.

    Formula
    -------
    p = 2: ``g · (v / ‖v‖)``, 0 in rows with ``‖v‖ = 0`` (torch's
    ``masked_fill_``); p = 1: ``g sgn(v)``; p = ±inf: ``g sgn(v)`` shared by
    the extreme entries; otherwise ``g sgn(v) |v|^(p-1) / ‖v‖^(p-1)``.
    """
    gk, nk = g[..., np.newaxis], norm[..., np.newaxis]
    zero = np.zeros((), dtype=v.dtype)
    out: Array
    if p == 0:
        return np.zeros_like(v)  # torch returns no gradient (count of non-zeros)
    if p == 1:
        return torch_sign(v) * gk
    if p == 2 and g.dtype == v.dtype == norm.dtype:
        # (v / ‖v‖).masked_fill_(‖v‖ == 0, 0) · g in one buffer: the roundings
        # of gk * where(nk == 0, 0, v / nk) without its broadcast select
        out = np.divide(v, nk, out=np.empty(v.shape, v.dtype))
        empty = norm == 0
        if empty.any():
            out[empty] = zero
        return np.multiply(out, gk, out=out)
    if p == 2:
        out = gk * np.where(nk == 0, zero, v / nk)
        return out
    a = np.abs(v)
    if math.isinf(p):
        mask = (a == nk) | np.isnan(a)  # the extreme entries, ties shared
        count = np.sum(mask, axis=-1, keepdims=True)
        out = torch_sign(v) * ((gk / count) * mask)
    elif p < 1:
        scaled = torch_sign(v) * np.where(v == 0, zero, _grad_pow(a, p - 1))
        out = scaled * gk * _grad_pow(nk, 1 - p)
    else:
        scale = np.where(nk == 0, zero, gk / _grad_pow(nk, p - 1))
        if p < 2:
            out = torch_sign(v) * _grad_pow(a, p - 1) * scale
        else:
            out = v * _grad_pow(a, p - 2) * scale
    return out


def _grad_pow(x: Array, exponent: float) -> Array:
    """``x.pow(exponent)`` in the norm's backward, the same on every CPU.

    NumPy's ``**`` turns the exponents -1, 0.5, 1 and 2 into a reciprocal,
    ``sqrt``, a copy and a square, as torch's ``pow`` kernel does (exactly
    rounded). Torch's other exponents run its vectorised (Sleef) ``pow``;
    :func:`libm_pow` is within an ulp of it and, unlike ``**``, does not
    change with the SIMD code NumPy picks for the CPU.
    """
    if exponent in (-1.0, 0.5, 1.0, 2.0):
        out: Array = x**exponent
        return out
    return libm_pow(x, exponent)


def pairwise_distance(
    x1: Array, x2: Array, p: float = 2.0, eps: float = 1e-6
) -> Distance:
    """``F.pairwise_distance(x1, x2, p, eps)``: ``‖x1 - x2 + eps‖_p`` per row.

    Raises
    ------
    LossInputError
        Torch's broadcast error, its bool-subtraction error, or
        ``linalg.vector_norm cannot compute the ... norm`` for an empty last
        dimension with ``p < 0`` or ``p = inf``.
    """
    p = float(p)
    if p == 2 and _batch_of_rows(x1, x2):
        return _l2_by_columns(x1, x2, eps)
    diff, shape = _difference(x1, x2)
    diff = to_float(diff)  # an integer difference + eps is float32
    v = _rows(np.broadcast_to(diff + np.asarray(eps, dtype=diff.dtype), shape))
    if v.shape[-1] == 0 and (p < 0 or p == math.inf):
        raise LossInputError(
            f"linalg.vector_norm cannot compute the {p:g} norm on the dimension "
            f"{v.ndim - 1}because this dimension is empty and the operation does "
            "not have an identity"
        )
    norm = _norm(v, p)
    value = norm.reshape(shape[:-1]) if shape else norm.reshape(())

    def backward(g: Array) -> Array:
        return _norm_backward(np.reshape(g, norm.shape), v, norm, p).reshape(shape)

    return Distance(value, backward)


def _batch_of_rows(x1: Array, x2: Array) -> bool:
    """Whether ``x1`` and ``x2`` are one ``(N, D)`` float32 or float64 batch.

    Same shape and dtype, ``N >= 1`` and ``D >= 2`` (a last dimension of 1
    is the norm's ``|v|`` special case).
    """
    return (
        x1.ndim == 2
        and x1.shape == x2.shape
        and x1.shape[0] >= 1
        and x1.shape[1] >= 2
        and x1.dtype == x2.dtype
        and x1.dtype in _LANES
    )


def _l2_by_columns(x1: Array, x2: Array, eps: float) -> Distance:
    """:func:`pairwise_distance` with ``p = 2`` for one ``(N, D)`` batch.

    The same operations in the same order, on the transposed difference
    ``(D, N)``: a row's ``D`` entries are then ``D`` contiguous columns, so
    the lane sums of :func:`_sum_squares` and the backward's division by the
    row's norm run over contiguous memory instead of ``N`` short rows. The
    backward returns the transposed view of its ``(D, N)`` result.
    """
    dtype = x1.dtype
    diff = np.subtract(x1, x2)
    diff += np.asarray(eps, dtype=dtype)
    v = np.ascontiguousarray(diff.T)
    norm = np.sqrt(_column_sum_squares(v))

    def backward(g: Array) -> Array:
        gk = np.reshape(g, norm.shape)
        if gk.dtype == dtype:
            # (v / ‖v‖).masked_fill_(‖v‖ == 0, 0) · g, as _norm_backward
            out = np.divide(v, norm, out=np.empty_like(v))
            empty = norm == 0
            if empty.any():
                out[:, empty] = 0
            np.multiply(out, gk, out=out)
        else:
            out = gk * np.where(norm == 0, np.zeros((), dtype), v / norm)
        result: Array = out.T
        return result

    return Distance(norm, backward)


def cosine_distance(x1: Array, x2: Array) -> Distance:
    """``1 - F.cosine_similarity(x1, x2, dim=-1, eps=1e-8)``.

    Raises
    ------
    LossInputError
        ``expected common dtype to be floating point, yet common dtype is
        Long`` for two integer tensors, or torch's broadcast error.
    """
    if x1.dtype.kind not in "fc" and x2.dtype.kind not in "fc":
        common = np.result_type(x1.dtype, x2.dtype)
        raise LossInputError(
            "expected common dtype to be floating point, yet common dtype is "
            f"{dtype_name(common)}"
        )
    shape = broadcast_shape(x1.shape, x2.shape)
    # Integer (and bool) operands are converted to the common dtype; float
    # operands keep theirs: each norm and quotient is formed in its operand's
    # dtype and only the product promotes (a float32 x1 stays float32).
    common = np.result_type(to_float(x1).dtype, to_float(x2).dtype)
    a, b = (
        _rows(np.broadcast_to(t if t.dtype.kind == "f" else t.astype(common), shape))
        for t in (x1, x2)
    )
    # an operand expanded along the last dimension has stride 0 there: torch
    # then takes its generic reduction instead of the vectorised one
    na = _norm(a, 2.0, contiguous=x1.shape[-1:] == shape[-1:])[..., np.newaxis]
    nb = _norm(b, 2.0, contiguous=x2.shape[-1:] == shape[-1:])[..., np.newaxis]
    na_c = np.maximum(na, np.asarray(1e-8, dtype=a.dtype))
    nb_c = np.maximum(nb, np.asarray(1e-8, dtype=b.dtype))
    ua, ub = a / na_c, b / nb_c
    cos = np.sum(ua * ub, axis=-1)
    value = (1.0 - cos).reshape(shape[:-1] if shape else ())
    # Torch expands both operands when their shapes differ: the expansion's
    # backward then adds the two terms below before they reach x1.
    expanded = x1.shape != x2.shape

    def parts(g: Array) -> tuple[Array, ...]:
        # Autograd's formulas, in its order: ``1 - cos`` and the sum give
        # ``-g`` per component; the product sends ``-g · ub`` to ``a / ‖a‖``
        # (in a's dtype); the quotient's backward gives ``gu / ‖a‖`` to ``a``
        # and ``Σ -gu · ((a / ‖a‖) / ‖a‖)`` to the norm, whose clamp is an
        # in-place no-grad edit, so the norm's own backward still runs with
        # the unclamped ``‖a‖``: ``g_norm · a / ‖a‖`` (0 where ‖a‖ = 0).
        gu = (-np.reshape(g, cos.shape)[..., np.newaxis] * ub).astype(a.dtype)
        g_norm = np.sum(-gu * (ua / na_c), axis=-1, keepdims=True)
        zero = np.zeros((), dtype=a.dtype)
        through_norm = g_norm * np.where(na == 0, zero, a / na)
        direct = gu / na_c
        if expanded:
            return ((direct + through_norm).reshape(shape),)
        return direct.reshape(shape), through_norm.reshape(shape)

    def backward(g: Array) -> Array:
        first, *rest = parts(g)
        for term in rest:
            first = first + term
        return first

    return Distance(value, backward, parts)


def squared_euclidean(x1: Array, x2: Array) -> Distance:
    """``(x1 - x2).pow(2).sum(-1)``: the squared Euclidean distance, no eps."""
    diff, shape = _difference(x1, x2)
    d = _rows(np.broadcast_to(diff, shape))
    if d.dtype.kind in "iu":
        # torch squares in the integer dtype (wrapping) and sums to int64;
        # ``margin + d`` then makes the distance float32
        square = np.asarray(np.sum(d * d, axis=-1, dtype=np.int64))
        d = to_float(d)
        value = to_float(square).reshape(shape[:-1] if shape else ())
    else:
        value = np.sum(d * d, axis=-1).reshape(shape[:-1] if shape else ())

    def backward(g: Array) -> Array:
        gk = np.reshape(g, d.shape[:-1])[..., np.newaxis]
        out: Array = (gk * (2 * d)).reshape(shape)
        return out

    return Distance(value, backward)


def _pairwise_l2(x1: Array, x2: Array) -> Distance:
    return pairwise_distance(x1, x2, 2.0, 1e-6)


def _pairwise_l1(x1: Array, x2: Array) -> Distance:
    return pairwise_distance(x1, x2, 1.0, 1e-6)


#: The distance functions ``TripletMarginWithDistanceLoss`` offers by name,
#: each with the torch expression it reproduces.
DISTANCES: dict[str, tuple[Callable[[Array, Array], Distance], str]] = {
    "pairwise_distance": (_pairwise_l2, "F.pairwise_distance(x, y)  (p=2, eps=1e-6)"),
    "cosine_distance": (cosine_distance, "1 - F.cosine_similarity(x, y, dim=-1)"),
    "l1": (_pairwise_l1, "F.pairwise_distance(x, y, p=1)  (eps=1e-6)"),
    "squared_euclidean": (squared_euclidean, "(x - y).pow(2).sum(-1)"),
}
