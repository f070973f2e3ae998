"""KLDivLoss: values, gradients, reductions and warnings, errors, torch parity.

Hand-checked numbers first (torch spec section 3.5), then the errors, then a
seeded comparison with a live torch 2.13 (skipped when torch is missing).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale, working_precision

from lossgui.engine import LOSSES, LossInputError, compute

F32, F64 = np.float32, np.float64
NAN, INF = math.nan, math.inf
MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support "
    "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
    "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
    "major release."
)
LEGACY_MEAN = (
    "size_average and reduce args will be deprecated, please use reduction='mean' "
    "instead."
)
ELEMENTWISE_MEAN = (
    "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead."
)


@contextmanager
def raises(message: str, torch_type: str = "RuntimeError") -> Iterator[None]:
    """Expect a LossInputError with exactly torch's message and exception type."""
    with pytest.raises(LossInputError, match=f"^{re.escape(message)}$") as info:
        yield
    assert info.value.torch_type == torch_type


X = np.log(np.array([[0.25, 0.75], [0.5, 0.5]]))
T = np.array([[0.5, 0.5], [0.9, 0.1]])
POINTWISE = T * (np.log(T) - X)


def test_registry_entry() -> None:
    spec = LOSSES["KLDivLoss"]
    assert spec.family == "divergence"
    assert spec.activation == "log_softmax"
    assert spec.reductions == ("none", "mean", "sum", "batchmean")
    assert spec.defaults == {"log_target": False, "reduction": "mean"}


def test_pointwise_by_hand() -> None:
    r = compute("KLDivLoss", X, T, reduction="none")
    np.testing.assert_allclose(r.value, POINTWISE, rtol=1e-14)
    np.testing.assert_allclose(
        r.value[0].sum(), 0.5 * math.log(2) + 0.5 * math.log(2 / 3)
    )
    np.testing.assert_array_equal(r.grad, -T)


def test_reductions_by_hand() -> None:
    total = POINTWISE.sum()
    r = compute("KLDivLoss", X, T, reduction="sum")
    np.testing.assert_allclose(r.value, total, rtol=1e-14)
    r = compute("KLDivLoss", X, T, reduction="batchmean")
    np.testing.assert_allclose(r.value, total / 2, rtol=1e-14)
    assert r.denominator == 2.0 and r.warnings == ()
    np.testing.assert_array_equal(r.grad, -T / 2)
    r = compute("KLDivLoss", X, T)  # default 'mean': / numel, and it warns
    np.testing.assert_allclose(r.value, total / 4, rtol=1e-14)
    assert r.denominator == 4.0
    assert r.warnings == (MEAN_WARNING,)
    np.testing.assert_array_equal(r.grad, -T / 4)


def test_log_target_matches() -> None:
    plain = compute("KLDivLoss", X, T, reduction="none")
    logged = compute("KLDivLoss", X, np.log(T), reduction="none", log_target=True)
    np.testing.assert_allclose(logged.value, plain.value, rtol=1e-13)
    np.testing.assert_allclose(logged.grad, plain.grad, rtol=1e-15)


def test_zero_negative_and_infinite_targets() -> None:
    x = np.array([-1.0, -INF, -2.0, -1.0])
    t = np.array([0.0, 0.0, -1.0, INF])
    r = compute("KLDivLoss", x, t, reduction="none")
    assert r.value[0] == 0.0  # xlogy(0, 0) - 0·x
    assert math.isnan(r.value[1])  # 0 · (-inf)
    assert math.isnan(r.value[2])  # log of a negative target
    assert r.value[3] == INF
    np.testing.assert_array_equal(r.grad, [-0.0, -0.0, 1.0, -INF])
    assert np.signbit(r.grad[0])  # -t at t = 0 is -0.0
    lt = compute(
        "KLDivLoss", x[:1], np.array([-INF]), reduction="none", log_target=True
    )
    assert math.isnan(float(lt.value[0])) and lt.grad[0] == 0.0


def test_nan_input_keeps_finite_gradient() -> None:
    r = compute(
        "KLDivLoss", np.array([NAN, -1.0]), np.array([0.3, 0.7]), reduction="sum"
    )
    assert math.isnan(float(r.value))
    np.testing.assert_array_equal(r.grad, [-0.3, -0.7])


def test_batchmean_zero_dim_and_broadcast() -> None:
    r = compute("KLDivLoss", np.array(-1.0), np.array(0.3), reduction="batchmean")
    np.testing.assert_allclose(r.value, 0.3 * (math.log(0.3) + 1), rtol=1e-14)
    assert r.denominator == 1.0
    # The target broadcasts the input to (3, 2); 'batchmean' still uses input.shape[0]
    x = np.array([[-1.0, -2.0]])
    t = np.array([[0.3, 0.2], [0.5, 0.5], [0.1, 0.9]])
    r = compute("KLDivLoss", x, t, reduction="batchmean")
    assert r.denominator == 1.0 and r.elementwise.shape == (3, 2)
    np.testing.assert_allclose(r.grad, [-t.sum(axis=0)], rtol=1e-15)
    r = compute("KLDivLoss", x, t)
    assert r.denominator == 6.0


def test_empty() -> None:
    e = np.zeros((0, 3))
    assert math.isnan(float(compute("KLDivLoss", e, e, reduction="batchmean").value))
    assert math.isnan(float(compute("KLDivLoss", e, e).value))
    assert float(compute("KLDivLoss", e, e, reduction="sum").value) == 0.0


def test_dtypes() -> None:
    r = compute("KLDivLoss", X.astype(F32), T.astype(F32))
    assert r.value.dtype == F32 and r.grad.dtype == F32
    r = compute("KLDivLoss", X.astype(F32), T)
    assert r.value.dtype == F64 and r.grad.dtype == F32
    # torch: a 0-d tensor does not promote a dimensioned one of the same category
    r = compute("KLDivLoss", X.astype(F32), np.array(0.3), reduction="none")
    assert r.value.dtype == F32
    r = compute("KLDivLoss", np.array(-1.0), np.array([0.3, 0.2], F32), reduction="sum")
    assert r.value.dtype == F32 and r.grad.dtype == F64 and r.grad.shape == ()


def test_warnings() -> None:
    assert compute("KLDivLoss", X, T, reduction="mean").warnings == (MEAN_WARNING,)
    assert compute("KLDivLoss", X, T, reduction="sum").warnings == ()
    # the module turns the legacy pair into reduction='mean': both warnings
    legacy = compute("KLDivLoss", X, T, size_average=True)
    assert legacy.warnings == (LEGACY_MEAN, MEAN_WARNING)
    # F.kl_div compares the string itself with 'mean'
    alias = compute("KLDivLoss", X, T, reduction="elementwise_mean")
    assert alias.warnings == (ELEMENTWISE_MEAN,) and alias.reduction == "mean"


# fmt: off
ERRORS: list[tuple[np.ndarray, np.ndarray, dict[str, Any], str, str]] = [
    (np.array([1, 2]), np.array([1.0, 2.0]), {}, "RuntimeError",
     "kl_div: Integral inputs not supported."),
    (np.array([1.0, 2.0]), np.array([1, 2]), {}, "RuntimeError",
     "kl_div: Integral inputs not supported."),
    (np.array([1.0, 2.0]), np.array([True, False]), {"log_target": True},
     "RuntimeError", "kl_div: Integral inputs not supported."),
    (np.array([1.0, 2.0]), np.array([1j, 2]), {}, "RuntimeError",
     "kl_div: Complex inputs not supported."),
    (np.array([1, 2]), np.array([1j, 2]), {}, "RuntimeError",
     "kl_div: Complex inputs not supported."),
    (np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0]), {}, "RuntimeError",
     "The size of tensor a (3) must match the size of tensor b (2) at "
     "non-singleton dimension 0"),
    (np.zeros((2, 3)), np.zeros((3, 2)), {"log_target": True}, "RuntimeError",
     "The size of tensor a (2) must match the size of tensor b (3) at "
     "non-singleton dimension 1"),
    (np.zeros(2), np.zeros(2), {"reduction": "Mean"}, "ValueError",
     "Mean is not a valid value for reduction"),
    (np.zeros(2), np.zeros(2), {"reduction": None}, "ValueError",
     "None is not a valid value for reduction"),
    (np.zeros(2), np.zeros(2), {"weight": None}, "TypeError",
     "KLDivLoss.__init__() got an unexpected keyword argument 'weight'"),
]
# fmt: on


@pytest.mark.parametrize("case", ERRORS, ids=[c[4][:40] for c in ERRORS])
def test_errors(case: tuple[Any, ...]) -> None:
    x, t, kwargs, torch_type, message = case
    with raises(message, torch_type):
        compute("KLDivLoss", x, t, **kwargs)


@pytest.mark.parametrize("case", ERRORS, ids=[c[4][:40] for c in ERRORS])
def test_errors_match_live_torch(case: tuple[Any, ...]) -> None:
    x, t, kwargs, torch_type, message = case
    assert _torch_run(x, t, kwargs)[:3] == ("error", torch_type, message)


# --------------------------------------------------------------------------
# Live torch parity
# --------------------------------------------------------------------------


def _torch_run(x: np.ndarray, t: np.ndarray, kwargs: dict[str, Any]) -> tuple[Any, ...]:
    torch = pytest.importorskip("torch")
    xt = torch.from_numpy(np.array(x))
    if xt.dtype.is_floating_point:
        xt.requires_grad_(True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = torch.nn.KLDivLoss(**kwargs)(xt, torch.from_numpy(np.array(t)))
        except Exception as exc:  # any torch error is the answer
            return ("error", type(exc).__name__, str(exc))
    out.sum().backward()
    messages = tuple(str(w.message) for w in caught)
    return ("ok", out.detach().numpy(), xt.grad.numpy(), messages)


def _parity_cases() -> list[tuple[np.ndarray, np.ndarray, dict[str, Any]]]:
    rng = np.random.default_rng(20260613)
    shapes = [
        ((4, 3), (4, 3)), ((3,), (3,)), ((), ()), ((2, 1), (1, 3)), ((1, 3), (4, 3)),
        ((), (3,)), ((3,), ()), ((0, 3), (0, 3)), ((2, 3, 4), (3, 1)),
    ]  # fmt: skip
    cases: list[tuple[np.ndarray, np.ndarray, dict[str, Any]]] = []
    for dtype in (F64, F32):
        for xs, ts in shapes:
            x = np.log(rng.uniform(0.01, 1.0, size=xs)).astype(dtype)
            t = rng.uniform(0.0, 1.0, size=ts).astype(dtype)
            if t.size > 2:
                t.flat[0], t.flat[1] = 0.0, -0.5
            if x.size > 2:
                x.flat[-1] = -INF
            for red in ("none", "mean", "sum", "batchmean"):
                cases.append((x, t, {"reduction": red}))
                logged = np.log(np.abs(t) + 0.01).astype(dtype)
                cases.append((x, logged, {"reduction": red, "log_target": True}))
            other = F32 if dtype == F64 else F64
            cases.append((x, t.astype(other), {"reduction": "sum"}))
            cases.append((x, t, {"size_average": False}))
            cases.append((x, t, {"reduce": False}))
    return cases


PARITY = _parity_cases()


@pytest.mark.parametrize("case", PARITY, ids=[f"case{i}" for i in range(len(PARITY))])
def test_torch_parity(case: tuple[np.ndarray, np.ndarray, dict[str, Any]]) -> None:
    x, t, kwargs = case
    ref = _torch_run(x, t, kwargs)
    assert ref[0] == "ok", ref
    r = compute("KLDivLoss", x, t, **kwargs)
    rule = {"precision": working_precision(x, t), "scale": input_scale(x, t)}
    assert_matches_torch(r.value, ref[1], what="value", **rule)
    assert_matches_torch(r.grad, ref[2], what="grad", **rule)
    assert r.warnings == ref[3]
