"""lossgui.engine.libm_power: the C library's pow/powf, whatever CPU NumPy runs on.

Torch's general-p norm calls the C ``pow`` (float64) and ``powf`` (float32)
per entry; NumPy's ``np.power`` runs SVML instead on AVX-512 CPUs. The
expected values here come from the C library itself: ``math.pow`` (C
``pow``) and glibc's ``powf`` called through ctypes, one entry at a time. No
torch involved.
"""

from __future__ import annotations

import ctypes
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lossgui.engine.libm_power import libm_pow

EXPONENTS = [3.0, 1.5, 0.3, 4.5, 1 / 3, 1 / 1.5, 0.5, 2.0, -1.0, 1.1, 7.0, -2.5]


def _hard_bases(dtype: type) -> np.ndarray:
    """Bases whose powers are exact, ties, near 1, tiny, huge or special."""
    rng = np.random.default_rng(7)
    parts = [
        np.exp(rng.uniform(-12, 12, 40_000)),  # ordinary magnitudes
        np.exp(rng.uniform(-88, 88, 5_000)),  # results over/underflowing float32
        1 + rng.standard_normal(5_000) * 1e-5,  # near 1: y·log2 x tiny
        np.arange(1, 6000, dtype=np.float64),  # integers: m² and m³ exact ties
        np.arange(4097, 5793, 2) * 2.0**-12,  # m² has 25 bits: a float32 tie
        [0.0, -0.0, np.inf, np.nan, 1.0, 2.0**-140, 2.0**-149, 1e-45, 3e38, 0.5],
    ]
    return np.abs(
        np.concatenate([np.asarray(p, dtype=np.float64) for p in parts])
    ).astype(dtype)


def _glibc_powf() -> object:
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            pytest.skip("the C library is not glibc")
        libm = ctypes.CDLL("libm.so.6")
    except (AttributeError, ValueError, OSError):
        pytest.skip("the C library is not glibc")
    powf = libm.powf
    powf.restype = ctypes.c_float
    powf.argtypes = [ctypes.c_float, ctypes.c_float]
    return powf


def _same(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Entries that differ (NaN equals NaN, +0 differs from -0)."""
    bits = np.int64 if got.dtype == np.float64 else np.int32
    nan = np.isnan(got) & np.isnan(want)
    return np.flatnonzero((got.view(bits) != want.view(bits)) & ~nan)


@pytest.mark.parametrize("y", EXPONENTS)
def test_float64_is_math_pow(y: float) -> None:
    x = _hard_bases(np.float64)
    got = libm_pow(x, y)
    with np.errstate(all="ignore"):
        want = np.array([_math_pow(b, y) for b in x.tolist()])
    bad = _same(got, want)
    assert got.dtype == np.float64 and got.shape == x.shape
    assert bad.size == 0, (y, x[bad[:5]], got[bad[:5]], want[bad[:5]])


def _math_pow(x: float, y: float) -> float:
    """C ``pow``, with its IEEE results where ``math.pow`` raises instead."""
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.inf
    except ValueError:  # 0 to a negative power
        return math.inf


@pytest.mark.parametrize("y", EXPONENTS)
def test_float32_is_glibc_powf(y: float) -> None:
    powf = _glibc_powf()
    x = _hard_bases(np.float32)
    got = libm_pow(x, y)
    y32 = float(np.float32(y))
    want = np.array([powf(b, y32) for b in x.tolist()], dtype=np.float32)  # type: ignore[operator]
    bad = _same(got, want)
    assert got.dtype == np.float32 and got.shape == x.shape
    assert bad.size == 0, (y, x[bad[:5]], got[bad[:5]], want[bad[:5]])


def test_glibc_powf_is_not_rounded_pow() -> None:
    """Why float32 needs powf itself: 10410² = 108368100 is a float32 tie."""
    powf = _glibc_powf()
    x = np.array([10410.0], dtype=np.float32)
    rounded_pow = np.float32(math.pow(10410.0, 2.0))
    assert rounded_pow == 108368096.0  # the tie rounded to even
    assert float(libm_pow(x, 2.0)[0]) == powf(10410.0, 2.0)  # type: ignore[operator]
    assert float(libm_pow(x, 2.0)[0]) != rounded_pow


def test_shapes_and_views_keep_their_layout() -> None:
    x = _hard_bases(np.float32)[:4000].reshape(40, 100)
    whole = libm_pow(x, 1.5)
    assert whole.shape == (40, 100)
    np.testing.assert_array_equal(libm_pow(x[:, ::3], 1.5), whole[:, ::3])
    np.testing.assert_array_equal(libm_pow(x.T, 1.5), whole.T)
    scalar = libm_pow(np.asarray(x[3, 7]), 1.5)
    assert scalar.shape == () and scalar == whole[3, 7]


_SCRIPT = """
import sys
import numpy as np
from lossgui.engine.libm_power import libm_pow
rng = np.random.default_rng(11)
# exact operations only: np.exp itself differs with the dispatch
x = np.ldexp(rng.uniform(1, 2, 300_000), rng.integers(-14, 15, 300_000))
out = [libm_pow(x.astype(d), y) for d in (np.float32, np.float64) for y in (3.0, 1.5, 0.3)]
np.save(sys.argv[1], np.concatenate([o.astype(np.float64) for o in out]))
"""


def test_same_bits_with_numpy_avx512_dispatch_off(tmp_path: Path) -> None:
    """An AVX-512 machine gives the bits an AVX2 machine gives.

    ``NPY_DISABLE_CPU_FEATURES="X86_V4"`` makes NumPy pick its AVX2 (and C
    library) loops, as on a machine without AVX-512; with it on, NumPy's
    float32 and float64 ``power`` would differ in about 5 to 20 % of entries.
    """
    from numpy._core._multiarray_umath import __cpu_features__

    if not __cpu_features__.get("X86_V4"):
        pytest.skip("no AVX-512 here: NumPy already runs its AVX2 loops")
    runs = []
    for disabled in ("", "X86_V4"):
        path = tmp_path / f"run{disabled}.npy"
        env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": disabled}
        subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(path)], env=env, check=True, timeout=120
        )
        runs.append(np.load(path))
    assert runs[0].size == 6 * 300_000
    np.testing.assert_array_equal(runs[0], runs[1])
