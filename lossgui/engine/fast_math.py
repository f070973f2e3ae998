"""Fast, accurate elementwise primitives for float32 loss kernels.

NumPy's float32 ``log1p`` is a scalar loop (about 6x slower than ``log``),
and ``np.where`` over large arrays is slower than arithmetic. The helpers
here build ``log1p`` from the SIMD ``log`` with an exact rounding-error
correction and select by multiplying with 0/1 masks, writing into caller
buffers where possible. They are meant for float32; float64 callers keep
NumPy's own ``log1p``.

Formulas
--------
- ``log1p(z)`` for ``|z| <= 1``: ``u = fl(1 + z)``, ``e = (u - 1) - z``
  (exact: Fast2Sum, ``|1| >= |z|``), ``log1p(z) = log(u) - e / u``; the
  neglected term is ``O((e/u)^2)``, below float32 resolution.
- ``σ(x) = max(e, [x >= 0]) / (1 + e)`` with ``e = exp(-|x|)``: ``1/(1+e)``
  for ``x >= 0``, ``e/(1+e)`` for ``x < 0`` (no overflow, no cancellation).
"""

from __future__ import annotations

import contextvars
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or

__all__ = [
    "BLOCK",
    "blockwise",
    "exp_neg_abs",
    "is_plain_float32",
    "log1p_nonneg",
    "log1p_unit",
    "mean_grad_scale",
    "sigmoid_from_exp",
]

Array = npt.NDArray[Any]

_F32 = np.dtype(np.float32)

#: Elements per block in :func:`blockwise` (512 KB of float32 per array).
BLOCK = 1 << 17

_WORKER = "lossgui-engine"

#: Worker threads for :func:`blockwise` (torch uses every core; so do we, up to 4).
THREADS = max(1, min(4, os.cpu_count() or 1))


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """The shared worker threads of :func:`blockwise` (made on first use)."""
    return ThreadPoolExecutor(THREADS, thread_name_prefix=_WORKER)


def blockwise(
    fn: Callable[[tuple[Array, ...], tuple[Array, ...]], None],
    inputs: tuple[Array, ...],
    outputs: tuple[Array, ...],
    *,
    block: int = BLOCK,
) -> None:
    """Fill ``outputs`` with ``fn(inputs, outputs)``, block by block.

    A kernel of a dozen passes over million-element arrays runs from main
    memory (and faults in fresh pages for each temporary); on blocks that
    stay in cache the same operations take about a third of the time, and
    the blocks run on :data:`THREADS` worker threads. Each block writes
    straight into its slice of the outputs (no copy afterwards). The results
    are identical to one call on the whole arrays: every output element
    depends only on the inputs at the same position.

    Parameters
    ----------
    fn : callable
        ``fn(ins, outs)`` computes an elementwise kernel of the arrays
        ``ins`` into the arrays ``outs`` (all of one shape), in place.
    inputs : tuple of ndarray
        Inputs of one shape.
    outputs : tuple of ndarray
        C-contiguous arrays of that shape, filled in place.
    block : int
        Elements per block.
    """
    size = inputs[0].size
    if size <= block:
        fn(inputs, outputs)
        return
    flat_in = [np.ravel(a) for a in inputs]
    flat_out = [o.reshape(-1) for o in outputs]  # views: the outputs are contiguous

    def run(start: int) -> None:
        stop = start + block
        fn(
            tuple(a[start:stop] for a in flat_in),
            tuple(o[start:stop] for o in flat_out),
        )

    starts = range(0, size, block)
    # NumPy releases the GIL inside ufunc loops: blocks run on the worker
    # threads, each in a copy of the caller's context (np.errstate lives there).
    if threading.current_thread().name.startswith(_WORKER):  # nested: no waiting
        for start in starts:
            run(start)
    else:
        context = contextvars.copy_context()
        list(_pool().map(lambda start: context.copy().run(run, start), starts))


def mean_grad_scale(reduction: str, size: int) -> np.float32 | None:
    """``'mean'``'s ``1 / N`` for a float32 kernel to apply itself, else None.

    The same scalar the shared reduction multiplies the gradient by
    (``float32(1) / float32(N)``): a kernel that multiplies its gradient by
    it inside its blocks and returns ``Terms(..., grad_is_mean=True)`` gives
    the same bits without the reduction's extra pass over the gradient.
    None for other reductions and for an empty input.
    """
    if reduction != "mean" or size == 0:
        return None
    return np.float32(1) / np.float32(float(divisor_or(size)))


def is_plain_float32(*arrays: Array) -> bool:
    """Whether every array is float32 and all share one non-0-d shape."""
    first = arrays[0]
    return first.ndim > 0 and all(
        a.dtype == _F32 and a.shape == first.shape for a in arrays
    )


def exp_neg_abs(x: Array) -> Array:
    """``exp(-|x|)`` in a new array of ``x``'s dtype (in ``[0, 1]``, NaN kept)."""
    e = np.abs(x)
    np.negative(e, out=e)
    np.exp(e, out=e)
    return e


def log1p_unit(z: Array, u: Array | None = None) -> tuple[Array, Array]:
    """``log1p(z)`` for ``-1 < z <= 1`` from ``log``, to about 1 ulp.

    Formula
    -------
    ``u = 1 + z``; ``log1p(z) = log(u) - ((u - 1) - z) / u``. The bracket is
    the exact rounding error of ``u``, so tiny ``z`` gives ``z`` (``log(1) =
    0``), and NaN stays NaN. ``z = -1`` gives NaN (``0 / 0``) and ``z = -0.0``
    gives ``+0.0``: callers pass ``exp`` values, which are never either.

    Parameters
    ----------
    z : ndarray
        Values in ``(-1, 1]`` (float32); not modified.
    u : ndarray, optional
        ``1 + z`` if the caller already has it.

    Returns
    -------
    tuple of ndarray
        ``log1p(z)`` (a new array) and ``u = 1 + z``.
    """
    if u is None:
        u = np.add(z, z.dtype.type(1))
    out = np.log(u)
    err = np.subtract(u, z.dtype.type(1))
    np.subtract(err, z, out=err)
    np.divide(err, u, out=err)
    np.subtract(out, err, out=out)
    return out, u


def log1p_nonneg(z: Array, out: Array | None = None) -> tuple[Array, Array]:
    """``log1p(z)`` for ``z >= 0`` (``+inf`` included) from ``log``, to about 1 ulp.

    Formula
    -------
    ``u = 1 + z``, ``c = min(z, 1)``;
    ``log1p(z) = log(u) - ((1 + c) - 1 - c) / u``. For ``z <= 1`` the bracket
    is the exact rounding error of ``u`` (as :func:`log1p_unit`); for
    ``z > 1`` it is 0, where ``log(u)`` is already accurate (``>= log 2``).
    ``z = inf`` gives ``inf``, NaN gives NaN.

    Parameters
    ----------
    z : ndarray
        Values ``>= 0``; not modified.
    out : ndarray, optional
        Where to write ``log1p(z)`` (a new array if None).

    Returns
    -------
    tuple of ndarray
        ``log1p(z)`` (``out``) and ``u = 1 + z``.
    """
    one = z.dtype.type(1)
    u = np.add(z, one)
    out = np.log(u, out=out)
    clipped = np.minimum(z, one)
    err = np.add(clipped, one)
    np.subtract(err, one, out=err)
    np.subtract(err, clipped, out=err)
    np.divide(err, u, out=err)
    np.subtract(out, err, out=out)
    return out, u


def sigmoid_from_exp(x: Array, e: Array, u: Array, out: Array | None = None) -> Array:
    """``σ(x)`` from ``e = exp(-|x|)`` and ``u = 1 + e``, in ``out`` or a new array.

    Formula
    -------
    ``σ(x) = max(e, [x >= 0]) / u``: ``1 / (1 + exp(-x))`` for ``x >= 0`` (the
    same operations as torch's kernel) and ``exp(x) / (1 + exp(x))`` for
    ``x < 0``. ``±inf`` give 1 and 0, NaN gives NaN.
    """
    num = np.greater_equal(x, 0, out=np.empty_like(e) if out is None else out)
    np.maximum(num, e, out=num)
    np.divide(num, u, out=num)
    return num
