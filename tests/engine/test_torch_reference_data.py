"""The engine against torch 2.13's own numbers, recorded in ``tests/data/``.

``tools/make_torch_reference.py`` ran every case through ``torch.nn`` (and
torchvision's ``sigmoid_focal_loss``, re-implemented there in torch) and
stored inputs, the module's output, the gradient of its sum with respect to the
first tensor, torch's warnings, or the exception torch raised (format in that
script's docstring). Here each case goes through :func:`lossgui.engine.compute`
and must agree; torch is not needed.

Tolerances (per array, elementwise): float64 ``rtol=1e-10``, float32
``rtol=1e-5``, plus an absolute floor of ``1e-12`` (float64) or ``1e-6``
(float32) times ``max(1, max |expected|)`` for values near zero. A case with
any float32 tensor among its inputs is held to the float32 tolerance even where
torch returns float64. NaN positions and ±inf must be equal, and so must dtypes
and shapes.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossgui.engine import LOSSES, LossInputError, compute

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "torch_reference"
FORMAT = "lossgui-torch-reference"

#: dtype -> (rtol, absolute floor scaled by max(1, max |expected|)).
TOLERANCES = {
    np.dtype(np.float64): (1e-10, 1e-12),
    np.dtype(np.float32): (1e-5, 1e-6),
}


# --------------------------------------------------------------------------- #
# Decoding (the inverse of the generator's encoding)
# --------------------------------------------------------------------------- #


def decode_array(obj: dict[str, Any]) -> np.ndarray:
    """Rebuild a ``{"dtype", "shape", "data"}`` tensor exactly."""
    dtype = np.dtype(obj["dtype"])
    data = obj["data"]
    if dtype.kind == "f":
        values = [float(v) if isinstance(v, str) else v for v in data]
        array = np.array(values, dtype=np.float64).astype(dtype)
    else:
        array = np.array(data, dtype=dtype)
    return array.reshape(obj["shape"])


def decode_kwarg(value: Any) -> Any:
    if isinstance(value, dict) and "dtype" in value:
        return decode_array(value)
    if isinstance(value, dict) and "float" in value:
        return float(value["float"])
    return value


@cache
def load_cases() -> tuple[dict[str, Any], ...]:
    """Every case of every ``tests/data/torch_reference/*.json`` file."""
    cases: list[dict[str, Any]] = []
    for path in sorted(DATA_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["format"] == FORMAT, path.name
        cases.extend(document["cases"])
    return tuple(cases)


# --------------------------------------------------------------------------- #
# Comparison
# --------------------------------------------------------------------------- #


def _show(values: np.ndarray, where: np.ndarray, limit: int = 6) -> str:
    idx = np.argwhere(where)[:limit]
    return ", ".join(
        f"{tuple(int(i) for i in ix)}: {values[tuple(ix)]!r}" for ix in idx
    )


def working_precision(case: dict[str, Any]) -> np.dtype[Any]:
    """float32 if any floating tensor of the call is float32, else float64.

    A float64 result computed from float32 inputs carries float32 rounding
    (torch's BCEWithLogits takes ``log_sigmoid`` of an f32 input in f32 even
    when the f64 target makes the loss f64), so it gets float32 tolerances.
    """
    encoded = list(case["tensors"]) + [
        v for v in case["kwargs"].values() if isinstance(v, dict) and "dtype" in v
    ]
    if any(t["dtype"] in ("float32", "float16", "bfloat16") for t in encoded):
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def assert_matches(
    actual: Any,
    expected: np.ndarray,
    what: str,
    precision: np.dtype[Any] | None = None,
) -> None:
    """``actual`` equals torch's ``expected`` up to the documented tolerance.

    ``precision`` picks the tolerance (default: ``expected``'s dtype; the less
    precise of the two is used).
    """
    actual = np.asarray(actual)
    assert actual.dtype == expected.dtype, (
        f"{what}: dtype {actual.dtype}, torch gives {expected.dtype}"
    )
    assert actual.shape == expected.shape, (
        f"{what}: shape {actual.shape}, torch gives {expected.shape}"
    )
    if expected.dtype.kind != "f":
        assert np.array_equal(actual, expected), (
            f"{what}: {actual.tolist()} != torch {expected.tolist()}"
        )
        return
    a, e = actual.astype(np.float64), expected.astype(np.float64)
    nan_a, nan_e = np.isnan(a), np.isnan(e)
    assert np.array_equal(nan_a, nan_e), (
        f"{what}: NaN where torch is not at {_show(a, nan_a & ~nan_e)}; "
        f"not NaN where torch is at {_show(a, nan_e & ~nan_a)}"
    )
    inf_e = np.isinf(e)
    inf_bad = (np.isinf(a) | inf_e) & (a != e) & ~nan_e
    assert not inf_bad.any(), (
        f"{what}: ±inf differ at {_show(a, inf_bad)} (torch {_show(e, inf_bad)})"
    )
    finite = np.isfinite(e)
    if precision is None or np.dtype(precision).itemsize > expected.dtype.itemsize:
        precision = expected.dtype
    rtol, floor = TOLERANCES.get(np.dtype(precision), TOLERANCES[np.dtype(np.float32)])
    scale = max(1.0, float(np.max(np.abs(e[finite]), initial=0.0)))
    with np.errstate(invalid="ignore"):
        bad = finite & ~(np.abs(a - e) <= floor * scale + rtol * np.abs(e))
    if bad.any():
        worst = np.unravel_index(np.argmax(np.where(bad, np.abs(a - e), -1)), a.shape)
        pytest.fail(
            f"{what}: {int(bad.sum())} of {a.size} differ beyond rtol={rtol}, "
            f"atol={floor * scale:g}; engine {_show(a, bad)}; torch {_show(e, bad)}; "
            f"worst at {tuple(map(int, worst))}: engine {a[worst]!r} "
            f"vs torch {e[worst]!r}"
        )


def call(case: dict[str, Any]) -> Any:
    """Run the case's call through the engine."""
    tensors = [decode_array(t) for t in case["tensors"]]
    kwargs = {k: decode_kwarg(v) for k, v in case["kwargs"].items()}
    return compute(case["loss"], *tensors, **kwargs)


def check_case(case: dict[str, Any]) -> None:
    """The engine reproduces one recorded torch case (value, grad or error)."""
    if "error" in case:
        expected = case["error"]
        with pytest.raises(LossInputError) as info:
            call(case)
        got = (info.value.torch_type, str(info.value))
        assert got == (expected["type"], expected["message"]), (
            f"engine raised {got[0]}: {got[1]!r}; torch raises "
            f"{expected['type']}: {expected['message']!r}"
        )
        return
    result = call(case)
    precision = working_precision(case)
    assert_matches(result.value, decode_array(case["value"]), "value", precision)
    if case["grad"] is not None:
        assert_matches(result.grad, decode_array(case["grad"]), "grad", precision)
    # With "grad_error" torch's forward works but its backward raises: the
    # value must still match; there is no torch gradient to compare.


def check_warnings(case: dict[str, Any]) -> None:
    """The engine reports the ``UserWarning`` texts torch emits.

    Where torch's backward raises (``"grad_error"``), torch has no gradient to
    show; the engine may add a note quoting that error (``"<Type>: <message>"``)
    beside torch's own warnings. Nothing else may differ.
    """
    result = call(case)
    got = set(result.warnings)
    expected = set(case["warnings"])
    if "grad_error" in case:
        error = case["grad_error"]
        quoted = f"{error['type']}: {error['message']}"
        got = {w for w in got if w in expected or quoted not in w}
    assert sorted(got) == sorted(expected), (
        f"engine warns {sorted(got)}, torch warns {case['warnings']}"
    )


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #

CASES = load_cases()
WARNING_CASES = tuple(c for c in CASES if "error" not in c)


def test_reference_data_is_there() -> None:
    """Every torch loss the engine registers has recorded cases (and errors)."""
    losses = {c["loss"] for c in CASES}
    assert len(CASES) >= 2000
    assert losses == {name for name, spec in LOSSES.items() if spec.in_torch}
    for loss in losses:
        cases = [c for c in CASES if c["loss"] == loss]
        assert sum("error" in c for c in cases) >= 5, loss
        dtypes = {t["dtype"] for c in cases for t in c["tensors"][:1]}
        assert {"float32", "float64"} <= dtypes, loss
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def test_reference_data_records_torch_version() -> None:
    for path in sorted(DATA_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["torch_version"].startswith("2.13."), path.name


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_engine_matches_torch(case: dict[str, Any]) -> None:
    check_case(case)


@pytest.mark.parametrize("case", WARNING_CASES, ids=[c["id"] for c in WARNING_CASES])
def test_engine_warns_like_torch(case: dict[str, Any]) -> None:
    check_warnings(case)


def test_decoding_is_exact() -> None:
    encoded = {"dtype": "float32", "shape": [2, 0], "data": []}
    assert decode_array(encoded).shape == (2, 0)
    encoded = {"dtype": "float32", "shape": [3], "data": ["nan", "-inf", 0.1]}
    out = decode_array(encoded)
    assert out.dtype == np.float32
    assert math.isnan(out[0]) and out[1] == -np.inf and out[2] == np.float32(0.1)
    assert decode_kwarg({"float": "inf"}) == math.inf
