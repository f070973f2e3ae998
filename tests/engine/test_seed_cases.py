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

from lossgui.engine import LossInputError, activations, compute

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "seed_cases.json"

#: The transforms the articles apply to the first tensor before the loss.
TRANSFORMS = {
    None: lambda x: x,
    "sigmoid": activations.sigmoid,
    "log_softmax": lambda x: activations.log_softmax(x, axis=-1),
    "log_of_softmax": lambda x: np.log(activations.softmax(x, axis=1)),
}

RTOL, ATOL = 1e-5, 1e-6  # every seed case is float32


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


def _close(actual: Any, expected: Any, what: str) -> None:
    actual = np.asarray(actual)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.dtype == np.float32, f"{what}: dtype {actual.dtype}, torch float32"
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape}"
    np.testing.assert_allclose(
        actual.astype(np.float64), expected, rtol=RTOL, atol=ATOL, err_msg=what
    )


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
    _close(result.value, case["expected"], "value")
    _close(result.grad, case["expected_grad_wrt_transformed_input"], "grad")
