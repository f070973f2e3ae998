"""The one rule every engine-vs-torch comparison in the test suites uses.

:func:`assert_matches_torch` holds an engine array to torch's (recorded or
live) array element by element::

    |engine - torch| <= ULPS · ε · |torch|  +  max(SCALE_ULPS · ε · s, tiny)

with ``ε = finfo(precision).eps`` and ``tiny = finfo(precision).tiny`` (the
smallest normal) of the working precision, and ``s`` the *input scale*: the
largest finite magnitude among the loss's floating inputs and float keyword
arguments, and 1 (see :func:`input_scale`). Dtypes, shapes, NaN positions and
±inf (with their signs) must be equal; integer and bool arrays must be equal.

Why this rule
-------------
* The relative term allows the few ulps that a different but equally exact
  evaluation order costs (torch's vectorised kernels against NumPy's).
* An element that comes from cancellation (a gradient ``p - y`` that is
  nearly 0, a mean of terms of both signs) carries the rounding error of the
  *terms* it was computed from, not of its own size: ``1 - 1·(1 + ε)`` is
  ``-ε``, not 0. Those terms are made of the inputs (and of the formulas'
  unit constants: the 1 of ``log(1 + e^x)``, unit margins, probabilities
  ≤ 1), so the absolute allowance is ``ε`` times the inputs' scale. A
  round-off-sized element may therefore change sign (CosineEmbeddingLoss-013's
  gradient: torch −7.45e-09, engine +1.49e-08 in float32 with inputs up to
  2.7, i.e. 0.07 ε·s) and pass, while a real error of that element — a wrong
  branch, a wrong factor — is orders of magnitude larger and fails.
* The absolute term is never taken from the largest *output*: an output that
  grows faster than the inputs (a squared error, ``e^x`` of PoissonNLLLoss)
  would otherwise hide a wrong small element next to a large one.
* ``tiny`` keeps the bound positive when a caller's inputs are all zero.

Measured on the recorded data (``tests/data/torch_reference``, every value
and gradient the engine computes against torch 2.13): the worst element needs
4 ulps relative, or 1.09 ε·s absolute (HingeEmbeddingLoss-084's mean,
float64). ``ULPS = 16`` and ``SCALE_ULPS = 8`` leave 4x headroom for the live
and hypothesis-drawn inputs. ``tools/parity_report.py`` prints these numbers
per loss.

The working precision (``precision``) is float32 when any floating input is
float32 even where torch returns float64: torch's ``BCEWithLogitsLoss`` takes
``log_sigmoid`` of a float32 input in float32 before the float64 target
promotes the result.

This module imports neither Qt nor torch (it accepts torch tensors through
their ``.detach().numpy()``), so the Qt-free suites and the tools use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

#: Relative allowance, in units of the working precision's ε.
ULPS = 16
#: Absolute allowance, in units of ε times the input scale.
SCALE_ULPS = 8

_ORDERED_INT = {2: np.int16, 4: np.int32, 8: np.int64}


def as_array(value: Any) -> np.ndarray:
    """A NumPy array from an array, a number or a torch tensor (detached)."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def input_scale(*inputs: Any) -> float:
    """``max(1, largest finite |x|)`` over the floating values of ``inputs``.

    Integer tensors (class indices, lengths) and non-numbers are skipped; the
    1 stands for the unit constants in every loss formula.
    """
    scale = 1.0
    for item in inputs:
        if isinstance(item, bool) or item is None or isinstance(item, str):
            continue
        array = as_array(item)
        if array.dtype.kind not in "fc" or array.size == 0:
            continue
        magnitudes = np.abs(
            array.astype(np.complex128 if array.dtype.kind == "c" else np.float64)
        )
        finite = magnitudes[np.isfinite(magnitudes)]
        if finite.size:
            scale = max(scale, float(finite.max()))
    return scale


def working_precision(*inputs: Any) -> np.dtype[Any]:
    """float32 if any floating input is float32 (or narrower), else float64."""
    for item in inputs:
        if isinstance(item, (bool, int, float, str)) or item is None:
            continue
        array = as_array(item)
        if array.dtype.kind == "f" and array.dtype.itemsize <= 4:
            return np.dtype(np.float32)
    return np.dtype(np.float64)


def ulp_distance(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """How many representable values of their float dtype lie between the two.

    0 for equal values (``-0.0`` and ``0.0`` are 0 apart), for two NaNs and for
    equal infinities; NaN against a number counts as the largest distance.
    Both arrays must have the same float dtype.
    """
    if actual.dtype != expected.dtype or actual.dtype.kind != "f":
        raise TypeError(f"ulp distance of {actual.dtype} and {expected.dtype}")
    int_type = _ORDERED_INT[actual.dtype.itemsize]

    def ordered(x: np.ndarray) -> np.ndarray:
        bits = np.ascontiguousarray(x).view(int_type).astype(np.int64)
        return np.where(bits < 0, np.int64(np.iinfo(int_type).min) - bits, bits)

    distance = np.abs(ordered(actual) - ordered(expected))
    nan_a, nan_e = np.isnan(actual), np.isnan(expected)
    distance = np.where(nan_a & nan_e, 0, distance)
    return np.where(nan_a ^ nan_e, np.iinfo(np.int64).max, distance)


def bit_identical(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Same dtype, shape and every element (sign of zero included; NaN = NaN,
    whatever its sign bit: the recorded data write every NaN as ``"nan"``)."""
    if actual.dtype != expected.dtype or actual.shape != expected.shape:
        return False
    if expected.dtype.kind != "f":
        return bool(np.array_equal(actual, expected))
    if np.any(ulp_distance(actual, expected) != 0):
        return False
    numbers = ~np.isnan(expected)  # a recorded NaN carries no sign
    return bool(
        np.array_equal(np.signbit(actual[numbers]), np.signbit(expected[numbers]))
    )


def allowance(
    expected: np.ndarray,
    *,
    precision: np.dtype[Any],
    scale: float | np.ndarray,
    ulps: float = ULPS,
    scale_ulps: float = SCALE_ULPS,
) -> np.ndarray:
    """The largest ``|engine - torch|`` accepted at each element of ``expected``."""
    info = np.finfo(precision)
    floor = np.maximum(
        scale_ulps * float(info.eps) * np.asarray(scale), float(info.tiny)
    )
    with np.errstate(invalid="ignore", over="ignore"):
        return ulps * float(info.eps) * np.abs(expected.astype(np.float64)) + floor


def allowance_used(
    actual: np.ndarray, expected: np.ndarray, precision: np.dtype[Any], scale: float
) -> float:
    """The largest ``|engine - torch| / allowance`` over the finite elements
    (below 1: :func:`assert_matches_torch` accepts the array's numbers)."""
    a, e = actual.astype(np.float64), expected.astype(np.float64)
    both = np.isfinite(a) & np.isfinite(e)
    if not both.any():
        return 0.0
    limit = allowance(e[both], precision=precision, scale=scale)
    return float(np.max(np.abs(a[both] - e[both]) / limit))


class ToleranceExceeded(AssertionError):
    """Finite engine values differ from torch's beyond the allowance.

    (Dtype, shape, NaN and ±inf mismatches raise a plain ``AssertionError``.)
    """


def _positions(where: np.ndarray, limit: int = 4) -> str:
    return ", ".join(
        str(tuple(int(i) for i in ix)) for ix in np.argwhere(where)[:limit]
    )


def assert_matches_torch(
    actual: Any,
    expected: Any,
    *,
    what: str,
    scale: float | np.ndarray = 1.0,
    precision: Any = None,
    ulps: float = ULPS,
    scale_ulps: float = SCALE_ULPS,
) -> None:
    """``actual`` (the engine's) equals torch's ``expected`` under the module's rule.

    Parameters
    ----------
    actual, expected : array-like or torch tensor
        The engine's and torch's arrays.
    what : str
        Names the compared quantity in a failure (``"value"``, ``"grad"`` ...).
    scale : float or ndarray
        The input scale ``s`` (:func:`input_scale`), or one per element.
    precision : dtype, optional
        The working precision (:func:`working_precision`); the less precise of
        it and ``expected``'s dtype is used. Default: ``expected``'s dtype.
    ulps, scale_ulps : float
        The relative and absolute allowances in units of ε (module docstring).
    """
    a, e = as_array(actual), as_array(expected)
    assert a.dtype == e.dtype, f"{what}: dtype {a.dtype}, torch gives {e.dtype}"
    assert a.shape == e.shape, f"{what}: shape {a.shape}, torch gives {e.shape}"
    if e.dtype.kind not in "fc":
        assert np.array_equal(a, e), f"{what}: {a.tolist()} != torch {e.tolist()}"
        return
    if e.dtype.kind == "c":  # compare real and imaginary parts alike
        for part in (np.real, np.imag):
            assert_matches_torch(
                part(a),
                part(e),
                what=what,
                scale=scale,
                precision=precision,
                ulps=ulps,
                scale_ulps=scale_ulps,
            )
        return
    work = e.dtype if precision is None else np.dtype(precision)
    if work.itemsize > e.dtype.itemsize:
        work = e.dtype
    if work.itemsize < 4:
        work = np.dtype(np.float32)  # finfo of the narrow torch dtypes is not needed
    nan_a, nan_e = np.isnan(a), np.isnan(e)
    assert np.array_equal(nan_a, nan_e), (
        f"{what}: NaN where torch is not at [{_positions(nan_a & ~nan_e)}]; "
        f"a number where torch has NaN at [{_positions(nan_e & ~nan_a)}]"
    )
    inf = (np.isinf(a) | np.isinf(e)) & (a != e)
    assert not inf.any(), (
        f"{what}: ±inf differ at [{_positions(inf)}]: engine {a[inf][:4].tolist()}, "
        f"torch {e[inf][:4].tolist()}"
    )
    finite = np.isfinite(e)
    limit = allowance(e, precision=work, scale=scale, ulps=ulps, scale_ulps=scale_ulps)
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(a.astype(np.float64) - e.astype(np.float64))
        bad = finite & ~(error <= limit)
    if not bad.any():
        return
    excess = np.where(bad, error / np.broadcast_to(limit, e.shape), -1.0)
    worst = np.unravel_index(int(np.argmax(excess)), e.shape)
    ulp = int(ulp_distance(np.array([a[worst]]), np.array([e[worst]]))[0])
    raise ToleranceExceeded(
        f"{what}: {int(bad.sum())} of {e.size} elements differ from torch beyond "
        f"{ulps} ulps relative + {scale_ulps} ε·{float(np.max(scale)):g} "
        f"({work} ε = {float(np.finfo(work).eps):.3g}); worst at "
        f"{tuple(int(i) for i in worst)}: engine {a[worst]!r}, torch {e[worst]!r}, "
        f"|difference| {float(error[worst]):.6g} = {float(excess[worst]):.3g}x the "
        f"allowance {float(np.broadcast_to(limit, e.shape)[worst]):.3g}, "
        f"{ulp} ulps apart"
    )


def assert_result_matches_torch(
    result: Any, value: Any, grad: Any, inputs: Iterable[Any], **rule: Any
) -> None:
    """An engine ``LossResult``'s value (and gradient, unless ``grad`` is None)
    equal torch's; precision and scale come from the call's ``inputs``."""
    arguments = list(inputs)
    rule.setdefault("precision", working_precision(*arguments))
    rule.setdefault("scale", input_scale(*arguments))
    assert_matches_torch(result.value, value, what="value", **rule)
    if grad is not None:
        assert_matches_torch(result.grad, grad, what="grad", **rule)
