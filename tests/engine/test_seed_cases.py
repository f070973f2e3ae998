"""Every number the seed articles print reproduces through the engine.

``tests/data/seed_cases.json`` is a verbatim copy of the project's shared
``seed_cases.json`` (kept beside the checkout as ``../shared/seed_cases.json``;
copied so that the suite does not depend on that folder). Each case gives the
loss, its tensors and dtypes, constructor keywords, an optional transform of
the first tensor ("sigmoid", "log_softmax" over the last dim, "log_of_softmax":
log of softmax over dim 1), and torch 2.13's float32 output, the gradient of
its sum with respect to the *transformed* first tensor, or torch's exception
as ``"<Type>: <message>"``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import LossInputError, activations, compute

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "seed_cases.json"

#: The transforms the articles apply to the first tensor before the loss.
TRANSFORMS = {
    None: lambda x: x,
    "sigmoid": activations.sigmoid,
    "log_softmax": lambda x: activations.log_softmax(x, axis=-1),
    "log_of_softmax": lambda x: np.log(activations.softmax(x, axis=1)),
}

#: Every seed case is float32 (torch's numbers are stored as float64 JSON).
PRECISION = np.dtype(np.float32)


def _load() -> list[dict[str, Any]]:
    return list(json.loads(SEED_FILE.read_text(encoding="utf-8"))["cases"])


CASES = _load()


def _inputs(case: dict[str, Any]) -> tuple[list[np.ndarray], dict[str, Any]]:
    tensors = [
        np.asarray(t, dtype=np.dtype(d))
        for t, d in zip(case["tensors"], case["tensor_dtypes"], strict=True)
    ]
    tensors[0] = TRANSFORMS[case["first_tensor_transform"]](tensors[0])
    return tensors, dict(case["kwargs"])


def _close(actual: Any, expected: Any, what: str, inputs: list[np.ndarray]) -> None:
    """The engine's float32 array equals torch's recorded numbers (shared rule)."""
    actual = np.asarray(actual)
    assert actual.dtype == PRECISION, f"{what}: dtype {actual.dtype}, torch float32"
    want = np.asarray(expected, dtype=np.float64).astype(PRECISION)
    assert_matches_torch(actual, want, what=what, scale=input_scale(*inputs))


def test_seed_cases_are_there() -> None:
    assert len(CASES) >= 20
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["first_tensor_transform"] for c in CASES} <= set(TRANSFORMS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_seed_case(case: dict[str, Any]) -> None:
    tensors, kwargs = _inputs(case)
    if "expected_error" in case:
        kind, _, message = case["expected_error"].partition(": ")
        with pytest.raises(LossInputError) as info:
            compute(case["loss"], *tensors, **kwargs)
        assert (info.value.torch_type, str(info.value)) == (kind, message)
        assert info.value.torch_text == case["expected_error"]
        return
    result = compute(case["loss"], *tensors, **kwargs)
    arguments = [*tensors, *kwargs.values()]
    _close(result.value, case["expected"], "value", arguments)
    grad = case["expected_grad_wrt_transformed_input"]
    _close(result.grad, grad, "grad", arguments)
