"""Live engine-vs-torch comparison for the margin and ranking loss tests.

``check_against_torch(torch, name, tensors, kwargs)`` runs
``torch.nn.<name>(**kwargs)(*tensors)`` and :func:`lossgui.engine.compute` on
the same NumPy inputs and asserts that they agree: the same exception (type
and text), or the same value and gradient of the sum with respect to the first
tensor (:func:`torch_parity.assert_matches_torch`: dtype, shape, NaN/inf
positions exactly; finite values within a few ulps plus a few ε times the
inputs' scale, in float32 when any float tensor is float32),
and every torch warning among the engine's. Where torch's forward works but its
backward raises, the engine must warn with torch's backward error text.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale, working_precision

from lossgui.engine import LossInputError, compute


def run_torch(
    torch: Any, name: str, tensors: list[np.ndarray], kwargs: dict[str, Any]
) -> tuple[np.ndarray, np.ndarray | None, list[str], str | None]:
    """torch's value, gradient of its sum w.r.t. tensors[0], warnings, and the
    ``"<Type>: <message>"`` of its backward when only the backward fails."""
    ts = [torch.from_numpy(np.array(t)) for t in tensors]
    if ts[0].is_floating_point():
        ts[0].requires_grad_(True)
    kw = {
        k: torch.from_numpy(np.array(v)) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = getattr(torch.nn, name)(**kw)(*ts)
        grad, grad_error = None, None
        if out.requires_grad:
            try:
                out.sum().backward()
                grad = ts[0].grad.numpy()
            except RuntimeError as exc:
                grad_error = f"{type(exc).__name__}: {exc}"
    return out.detach().numpy(), grad, [str(w.message) for w in caught], grad_error


def check_against_torch(
    torch: Any, name: str, tensors: list[np.ndarray], kwargs: dict[str, Any]
) -> None:
    """The engine reproduces torch's result or exception for one call."""
    try:
        value, grad, torch_warnings, grad_error = run_torch(
            torch, name, tensors, kwargs
        )
    except Exception as exc:  # torch raised: the engine must raise the same
        with pytest.raises(LossInputError) as info:
            compute(name, *tensors, **kwargs)
        got = (info.value.torch_type, str(info.value))
        want = (type(exc).__name__, str(exc))
        assert got == want, f"engine raised {got}, torch {want}"
        return
    result = compute(name, *tensors, **kwargs)
    arguments = [*tensors, *kwargs.values()]
    rule = {
        "precision": working_precision(*arguments),
        "scale": input_scale(*arguments),
    }
    assert_matches_torch(result.value, value, what="value", **rule)
    if grad is not None:
        assert_matches_torch(result.grad, grad, what="grad", **rule)
    assert set(torch_warnings) <= set(result.warnings)
    if grad_error is not None:
        assert any(grad_error in w for w in result.warnings), result.warnings
