"""The recorded torch cases of ``tests/data/torch_reference``, decoded and run.

``tools/make_torch_reference.py`` wrote them (format in its docstring); the
reference-data test, the live and property parity suites and
``tools/parity_report.py`` read them through this module. Neither Qt nor torch
is imported.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from lossgui.engine import compute

DATA_DIR = Path(__file__).resolve().parent / "data" / "torch_reference"
FORMAT = "lossgui-torch-reference"


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
    """A keyword argument: a tensor, a non-finite float, or the JSON value."""
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


def inputs(case: dict[str, Any]) -> list[Any]:
    """The call's tensors and keyword values, decoded."""
    tensors = [decode_array(t) for t in case["tensors"]]
    return tensors + [decode_kwarg(v) for v in case["kwargs"].values()]


def working_precision(case: dict[str, Any]) -> np.dtype[Any]:
    """float32 if any floating tensor of the call is float32 (or narrower).

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


def call(case: dict[str, Any]) -> Any:
    """Run the case's call through the engine."""
    tensors = [decode_array(t) for t in case["tensors"]]
    kwargs = {k: decode_kwarg(v) for k, v in case["kwargs"].items()}
    return compute(case["loss"], *tensors, **kwargs)
