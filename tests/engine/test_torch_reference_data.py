"""The engine against torch 2.13's own numbers, recorded in ``tests/data/``.

``tools/make_torch_reference.py`` ran every case through ``torch.nn`` (and
torchvision's ``sigmoid_focal_loss``, re-implemented there in torch) and
stored inputs, the module's output, the gradient of its sum with respect to the
first tensor, torch's warnings, or the exception torch raised (format in that
script's docstring). Here each case goes through :func:`lossgui.engine.compute`
and must agree; torch is not needed.

Values and gradients are compared with :func:`torch_parity.assert_matches_torch`
(``tests/torch_parity.py``: a few ulps relative, plus a few ε of the working
precision times the case's input scale; NaN positions, ±inf, dtypes and
shapes equal). A case with any float32 tensor among its inputs works in
float32 even where torch returns float64.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale
from torch_reference_cases import (
    DATA_DIR,
    call,
    decode_array,
    decode_kwarg,
    inputs,
    load_cases,
    working_precision,
)

from lossgui.engine import LOSSES, LossInputError

__all__ = ["check_case", "check_warnings", "load_cases"]


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
    rule = {"precision": working_precision(case), "scale": input_scale(*inputs(case))}
    assert_matches_torch(
        result.value, decode_array(case["value"]), what="value", **rule
    )
    if case["grad"] is not None:
        assert_matches_torch(
            result.grad, decode_array(case["grad"]), what="grad", **rule
        )
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
