"""``pow`` as the C library computes it, whatever SIMD code NumPy dispatches to.

Torch's CPU norm kernel for a general order ``p`` calls the C library's
scalar ``std::pow`` on each entry: ``powf`` for float32 (``acc_t`` is
float), ``pow`` for float64. NumPy's ``np.power`` calls the same functions
on most CPUs, but on a CPU with AVX-512 (Linux x86-64 wheels, linked with
Intel's SVML) it runs SVML's vector ``pow`` instead, for contiguous and
strided arrays alike, and that differs in the last bit for about one
float32 result in five (one float64 result in twenty). This module gets the
C library's values on every CPU.

Formulas
--------
- float64: ``np.float_power``, a plain loop over the C ``pow`` (NumPy
  has no SIMD variant of it), so ``libm_pow(x, y) == math.pow(x, y)`` elementwise.
- float32: ``t = pow(double(x), double(y))`` (``np.power`` in float64:
  SVML or the C ``pow``, both within an ulp of ``x^y``), rounded to
  float32. glibc's ``powf`` evaluates ``exp2(y · log2 x)`` in double and
  rounds that; its relative error before the rounding is at most
  ``ln2 · |y log2 x| · 1.83·2⁻³³ + 1.69·2⁻³⁴`` (the bound stated in glibc's
  ``e_powf.c``). Wherever ``t`` is farther than 1.5 times that (plus
  ``t``'s own error) from a float32 rounding boundary, ``powf`` and ``t``
  round to the same float32, whichever ``pow`` made ``t``. The entries
  closer than that (about 1 in 40 for ``|y log2 x| ≈ 3``), and results near
  float32's subnormal or overflow range, are computed by calling ``powf``
  itself (through ``ctypes``), so the result is ``powf``'s on every CPU.
  (glibc's ``powf`` is not correctly rounded: it gives ``powf(10410, 2) =
  108368104`` where ``10410²`` = 108368100 rounds to even, 108368096.)
- Where the C library is not glibc (macOS, Windows), NumPy has no SIMD
  ``pow`` (SVML is linked on Linux only), and ``np.power`` is the C ``powf``.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["libm_pow"]

Array = npt.NDArray[Any]

_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)

# glibc's powf error bound (e_powf.c), relative, before rounding to float32:
# relerr_log2 · ln 2 per unit of |y log2 x|, plus relerr_exp2. Measured on
# every float32 in [0.5, 2) for seven exponents, the misrounded results come
# within 0.95 of that bound, no closer.
_LOG_TERM = 1.83 * 2.0**-33 * 0.6931471805599453
_EXP_TERM = 1.69 * 2.0**-34
#: Factor of headroom on that bound.
_SAFETY = 1.5
#: The error of the double ``t`` itself, in double ulps (NumPy's float64
#: ``power`` is within 1 ulp, SIMD or not).
_T_ULPS = 64
#: Half the spacing of float32 rounding boundaries, in double ulps (2**28).
_HALF = 1 << 28
_LOW29 = (1 << 29) - 1
#: Which int32 half of a float64 holds its low significand bits.
_LOW_WORD = 0 if sys.byteorder == "little" else 1
#: Cells of float32 magnitudes: the 8 exponent bits and the top 4 significand bits.
_CELL_SHIFT = 19
_CELLS = 1 << (31 - _CELL_SHIFT)
#: A window that keeps every entry of a cell (all ``d <= 2**28``).
_ALWAYS = 1 << 30


@functools.cache
def _glibc_powf() -> Callable[[float, float], float] | None:
    """The C library's ``powf`` when it is glibc's, else None."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return None
        libm = ctypes.CDLL("libm.so.6")
    except (AttributeError, ValueError, OSError):
        return None
    powf = libm.powf
    powf.restype = ctypes.c_float
    powf.argtypes = [ctypes.c_float, ctypes.c_float]
    function: Callable[[float, float], float] = powf
    return function


@functools.lru_cache(maxsize=64)
def _tie_windows(y: float) -> Array:
    """Per cell of ``|x|``: how near ``pow(x, y)`` may come to a rounding boundary.

    The distance is in double ulps: nearer than that, glibc's ``powf`` may
    round the other way.
    Cell ``c`` holds the float32 magnitudes whose bits shifted right by 19
    are ``c``: ``2**(E - 127) · [1 + M/16, 1 + (M + 1)/16)`` for exponent
    field ``E = c >> 4`` and ``M = c & 15``. The window is the error bound
    at the cell's largest ``|log2 x|``, in double ulps of ``t`` (``|t| <
    2**(e + 1)`` and its ulp is ``2**(e - 52)``, so relative error ``r`` is at
    most ``r · 2**53`` ulps). Cells where ``x^y`` may reach float32's
    subnormal range (below 2**-126) or 2**127, and zeros and subnormal
    ``x``, keep every entry; infinities and NaN keep none.
    """
    cells = np.arange(_CELLS)
    exponent = (cells >> 4) - 127.0
    low = exponent + np.log2(1 + (cells & 15) / 16)
    high = exponent + np.log2(1 + ((cells & 15) + 1) / 16)
    largest = np.maximum(np.abs(low), np.abs(high))
    rel = _LOG_TERM * abs(y) * largest + _EXP_TERM
    ulps = np.minimum(np.ceil(rel * _SAFETY * 2.0**53) + _T_ULPS, _ALWAYS)
    windows: Array = ulps.astype(np.int32)
    y_log_t = np.sort(np.stack([y * low, y * high]), axis=0)
    extreme = (y_log_t[0] < -125.5) | (y_log_t[1] > 126.5)
    windows[extreme | (cells < 16)] = _ALWAYS
    windows[cells >= 255 << 4] = -1
    return windows


def _powf_near_ties(x: Array, y: np.float32, t: Array) -> Array:
    """Where glibc's ``powf`` might round ``x^y`` otherwise than ``t`` does.

    ``x`` and ``t`` are 1-d and contiguous; ``t`` is ``pow(double(x),
    double(y))`` to within :data:`_T_ULPS`. An entry is kept when the low 29
    bits of ``t``'s double significand (the part that rounding to float32
    drops) are within the window of ``|x|``'s cell (:func:`_tie_windows`) of
    ``2**28``, the float32 rounding boundary.
    """
    cell = np.right_shift(np.abs(x).view(np.int32), _CELL_SHIFT)
    window = _tie_windows(float(y))[cell]
    # the low 32 bits of each double, as int32 (half the memory traffic)
    low_words = t.view(np.int32)[_LOW_WORD::2]
    distance = np.bitwise_and(low_words, _LOW29)
    distance -= _HALF
    np.abs(distance, out=distance)
    near: Array = distance <= window
    return near


def libm_pow(x: Array, y: float) -> Array:
    """``std::pow(x, y)`` per entry, in ``x``'s dtype, as the C library gives it.

    Parameters
    ----------
    x : ndarray
        Bases: float32 or float64 (other dtypes use ``np.power``).
    y : float
        The exponent; for float32 ``x`` it is rounded to float32 first, as
        ``std::pow(float, float)`` receives it.

    Returns
    -------
    ndarray
        A new array of ``x``'s shape and dtype: ``powf(x, float(y))`` for
        float32, ``pow(x, y)`` for float64, bit for bit, on every CPU.
    """
    with np.errstate(all="ignore"):
        if x.dtype == _F64:
            out: Array = np.float_power(x, float(y))
            return out
        if x.dtype != _F32:
            return np.asarray(np.power(x, y))
        y32 = np.float32(y)
        powf = _glibc_powf()
        if powf is None:
            return np.asarray(np.power(x, y32))
        flat = np.ravel(x)  # 1-d and contiguous: the bit views below need it
        # any accurate float64 power will do here, SIMD or not (see _T_ULPS)
        t = np.power(flat.astype(_F64), float(y32))
        out = t.astype(_F32)
        near = np.flatnonzero(_powf_near_ties(flat, y32, t))
    if near.size:
        bases = flat[near]
        near = near[bases != 0]  # pow and powf agree exactly on zeros
        exponent = float(y32)
        values = map(powf, bases[bases != 0].tolist(), itertools.repeat(exponent))
        out[near] = list(values)
    return out.reshape(x.shape)
