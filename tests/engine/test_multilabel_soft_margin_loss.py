"""MultiLabelSoftMarginLoss: per-sample mean over the last (class) dimension.

Hand-checked numbers (torch spec section 4.2), every error torch raises, and a
live comparison with torch 2.13 (skipped when torch is missing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale, working_precision

from lossgui.engine import LOSSES, LossInputError, compute

NAME = "MultiLabelSoftMarginLoss"
F32, F64 = np.float32, np.float64
LOG2 = float(np.log(2.0))


def softplus(v: float) -> float:
    return float(np.log1p(np.exp(v)))


def sigmoid(v: float) -> float:
    return float(1 / (1 + np.exp(-v)))


@contextmanager
def raises(message: str, torch_type: str) -> Iterator[None]:
    """Expect a LossInputError with exactly torch's message and exception type."""
    with pytest.raises(LossInputError, match=f"^{re.escape(message)}$") as info:
        yield
    assert info.value.torch_type == torch_type


def test_zero_logits_give_log_two() -> None:
    r = compute(NAME, np.zeros((1, 2)), np.array([[1.0, 0.0]]), reduction="none")
    assert r.value.shape == (1,)
    assert float(r.value[0]) == pytest.approx(LOG2, rel=1e-15)
    np.testing.assert_allclose(r.grad, [[-0.25, 0.25]], rtol=1e-15)  # (σ(0) - y) / C


def test_hand_checked_sample() -> None:
    x = np.array([[2.0, -1.0, 0.0]])
    y = np.array([[1.0, 0.0, 1.0]])
    r = compute(NAME, x, y, reduction="none")
    expected = (softplus(-2.0) + softplus(-1.0) + softplus(0.0)) / 3
    assert float(r.value[0]) == pytest.approx(expected, rel=1e-14)
    grads = [(sigmoid(2.0) - 1) / 3, sigmoid(-1.0) / 3, (0.5 - 1) / 3]
    np.testing.assert_allclose(r.grad[0], grads, rtol=1e-14)


def test_reductions_average_over_samples() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 3))
    y = rng.integers(0, 2, size=(4, 3)).astype(F64)
    none = compute(NAME, x, y, reduction="none")
    total = compute(NAME, x, y, reduction="sum")
    mean = compute(NAME, x, y)
    assert none.value.shape == (4,)
    assert float(total.value) == pytest.approx(float(np.sum(none.value)), rel=1e-15)
    assert float(mean.value) == pytest.approx(float(np.sum(none.value)) / 4, rel=1e-15)
    assert mean.denominator == 4.0  # samples, not numel
    np.testing.assert_allclose(mean.grad, none.grad / 4, rtol=1e-15)


@pytest.mark.parametrize(
    ("shape", "out"), [((5,), ()), ((2, 5), (2,)), ((2, 3, 5), (2, 3)), ((4, 1), (4,))]
)
def test_class_dim_is_last(shape: tuple[int, ...], out: tuple[int, ...]) -> None:
    x = np.linspace(-2, 2, int(np.prod(shape))).reshape(shape)
    r = compute(NAME, x, np.ones(shape), reduction="none")
    assert r.value.shape == out and r.grad.shape == shape


def test_weights_per_class_and_per_sample() -> None:
    x = np.zeros((2, 2))
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    r = compute(NAME, x, y, weight=np.array([1.0, 3.0]), reduction="none")
    np.testing.assert_allclose(r.value, [2 * LOG2, 2 * LOG2], rtol=1e-15)
    np.testing.assert_allclose(r.grad, [[-0.25, 0.75], [0.25, -0.75]], rtol=1e-15)
    r = compute(NAME, x, y, weight=np.array([[1.0], [2.0]]), reduction="none")
    np.testing.assert_allclose(r.value, [LOG2, 2 * LOG2], rtol=1e-15)


def test_weight_may_enlarge_the_loss() -> None:
    # (4, 2, 3) losses; torch still sums dim input.dim()-1 = 1, giving (4, 3).
    r = compute(NAME, np.zeros((2, 3)), np.ones((2, 3)), weight=np.ones((4, 1, 3)))
    assert r.elementwise.shape == (4, 3)
    assert r.grad.shape == (2, 3)


def test_weight_not_broadcastable() -> None:
    with raises(
        "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
        "dimension 1",
        "RuntimeError",
    ):
        compute(NAME, np.zeros((2, 3)), np.ones((2, 3)), weight=np.ones(4))


def test_target_broadcasts_silently() -> None:
    r = compute(NAME, np.zeros((2, 3)), np.ones(3), reduction="none")
    assert r.warnings == ()
    np.testing.assert_allclose(r.value, [LOG2, LOG2], rtol=1e-15)


def test_larger_target_sums_over_the_inputs_last_dim_index() -> None:
    # torch sums dim input.dim()-1 of the *broadcast* loss: (4, 2, 3) -> (4, 3).
    r = compute(NAME, np.zeros((2, 3)), np.ones((4, 2, 3)), reduction="none")
    assert r.value.shape == (4, 3)
    np.testing.assert_allclose(r.value, np.full((4, 3), 2 * LOG2 / 3), rtol=1e-15)
    np.testing.assert_allclose(r.grad, np.full((2, 3), -4 * 0.5 / 3), rtol=1e-15)


def test_target_not_broadcastable() -> None:
    with raises(
        "The size of tensor a (4) must match the size of tensor b (3) at non-singleton "
        "dimension 1",
        "RuntimeError",
    ):
        compute(NAME, np.zeros((2, 3)), np.ones(4))


def test_extreme_logits_are_stable() -> None:
    x = np.array([[1e4, -1e4, 1e4, -1e4]])
    y = np.array([[1.0, 0.0, 0.0, 1.0]])
    r = compute(NAME, x, y, reduction="none")
    assert float(r.value[0]) == pytest.approx(2e4 / 4, rel=1e-15)
    np.testing.assert_array_equal(r.grad, [[0.0, 0.0, 0.25, -0.25]])


def test_float32_saturation_keeps_tiny_gradients() -> None:
    x = np.array([[100.0, -100.0, 20.0]], F32)
    y = np.array([[1.0, 0.0, 1.0]], F32)
    r = compute(NAME, x, y, reduction="none")
    assert r.value.dtype == F32 and r.grad.dtype == F32
    # σ(x) - y would be exactly 0 in float32; torch's autograd form is not.
    assert r.grad[0, 0] < 0 < r.grad[0, 1]
    assert float(r.grad[0, 2]) == pytest.approx(-np.exp(-20.0) / 3, rel=1e-5)


def test_nan_and_inf() -> None:
    x = np.array([[np.nan, 1.0], [np.inf, -np.inf]])
    y = np.array([[1.0, 0.0], [0.0, 1.0]])
    r = compute(NAME, x, y, reduction="none")
    assert np.isnan(r.value[0]) and r.value[1] == np.inf
    assert np.isnan(r.grad[0, 0]) and np.isfinite(r.grad[0, 1])  # only that element
    np.testing.assert_array_equal(r.grad[1], [0.5, -0.5])


def test_empty() -> None:
    mean = compute(NAME, np.zeros((0, 3)), np.zeros((0, 3)))
    assert np.isnan(mean.value) and mean.grad.shape == (0, 3)
    assert (
        float(compute(NAME, np.zeros((0, 3)), np.zeros((0, 3)), reduction="sum").value)
        == 0
    )
    no_classes = compute(NAME, np.zeros((2, 0)), np.zeros((2, 0)), reduction="none")
    assert np.isnan(no_classes.value).all() and no_classes.value.shape == (2,)


def test_dtypes() -> None:
    x32 = np.array([[0.5, -1.0]], F32)
    r = compute(NAME, x32, np.array([[1.0, 0.0]], F32))
    assert r.value.dtype == F32 and r.grad.dtype == F32
    r = compute(NAME, x32, np.array([[1.0, 0.0]], F64))
    assert r.value.dtype == F64 and r.grad.dtype == F32
    r = compute(NAME, x32, np.array(1.0, F64))  # a 0-d target does not promote
    assert r.value.dtype == F32
    r = compute(NAME, x32, np.array([[1, 0]]))  # integer targets are fine
    assert r.value.dtype == F32
    r = compute(
        NAME, x32, np.array([[1.0, 0.0]], F32), weight=np.array([1.0, 2.0], F64)
    )
    assert r.value.dtype == F64 and r.grad.dtype == F32


def test_integer_input() -> None:
    with raises(
        "\"log_sigmoid_cpu\" not implemented for 'Long'", "NotImplementedError"
    ):
        compute(NAME, [[1, 2]], [[1.0, 0.0]])


def test_bool_target() -> None:
    with raises(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
        "trying to invert a mask, use the `~` or `logical_not()` operator instead.",
        "RuntimeError",
    ):
        compute(NAME, [[0.5, 1.0]], np.array([[True, False]]))


def test_zero_dim_input() -> None:
    with raises("Dimension specified as -1 but tensor has no dimensions", "IndexError"):
        compute(NAME, np.array(0.5), np.array(1.0))


@pytest.mark.parametrize("bad", ["foo", "elementwise_mean", "batchmean", "Mean"])
def test_invalid_reduction(bad: str) -> None:
    with raises(f"{bad} is not valid", "ValueError"):
        compute(NAME, [[0.5]], [[1.0]], reduction=bad)


def test_reduction_none_value() -> None:
    with raises("unsupported operand type(s) for +: 'NoneType' and 'str'", "TypeError"):
        compute(NAME, [[0.5]], [[1.0]], reduction=None)


def test_legacy_args() -> None:
    r = compute(NAME, [[0.5, -1.0]], [[1.0, 0.0]], size_average=False)
    assert r.reduction == "sum"
    assert len(r.warnings) == 1


def test_registry_entry() -> None:
    spec = LOSSES[NAME]
    assert spec.family == "binary"
    assert spec.accepts_elementwise_mean is False
    assert spec.reduction_error == "{0} is not valid"
    assert [(a.name, a.kind) for a in spec.forward] == [
        ("input", "float"),
        ("target", "float"),
    ]
    assert spec.param("weight").default is None


# --- against live torch -----------------------------------------------------------------


def _torch(
    torch: Any, x: np.ndarray, y: np.ndarray, **kw: Any
) -> tuple[np.ndarray, np.ndarray]:
    xt = torch.from_numpy(x).requires_grad_(True)
    if kw.get("weight") is not None:
        kw["weight"] = torch.from_numpy(kw["weight"])
    out = torch.nn.MultiLabelSoftMarginLoss(**kw)(xt, torch.from_numpy(y))
    out.sum().backward()
    return out.detach().numpy(), xt.grad.numpy()


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4), (4, 1)])
def test_matches_torch(shape: tuple[int, ...], dtype: Any, reduction: str) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(11)
    x = (rng.normal(size=shape) * 4).astype(dtype)
    classes = shape[-1]
    targets = [
        rng.integers(0, 2, size=shape).astype(dtype),
        rng.uniform(size=shape).astype(dtype),
        rng.integers(0, 2, size=shape),  # Long target
        np.ones((2, *shape), dtype),  # broadcast target
    ]
    weights = [
        None,
        rng.uniform(0, 2, size=(classes,)).astype(dtype),
        rng.uniform(0, 2, size=(*shape[:-1], 1)).astype(dtype),
        rng.uniform(0, 2, size=(classes,)),  # float64 weight
    ]
    for y in targets:
        for w in weights:
            value, grad = _torch(torch, x, y, weight=w, reduction=reduction)
            r = compute(NAME, x, y, weight=w, reduction=reduction)
            rule = {
                "precision": working_precision(x, y, w),
                "scale": input_scale(x, y, w),
            }
            assert_matches_torch(r.value, value, what="value", **rule)
            assert_matches_torch(r.grad, grad, what="grad", **rule)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_special_values_match_torch(dtype: Any) -> None:
    torch = pytest.importorskip("torch")
    x = np.array(
        [[np.nan, 1e4, -1e4, np.inf, -np.inf, 0.0, 100.0, -100.0, 20.0, -20.0, 40.0]],
        dtype,
    )
    for target in (0.0, 1.0, 0.5):
        y = np.full(x.shape, target, dtype)
        value, grad = _torch(torch, x, y, reduction="none")
        r = compute(NAME, x, y, reduction="none")
        assert_matches_torch(r.value, value, what="value", scale=input_scale(x))
        assert_matches_torch(r.grad, grad, what="grad", scale=input_scale(x))


def test_shape_error_comes_before_a_bad_reduction():
    # torch reduces last, in Python: a broadcast error wins over reduction='foo'
    # (found by tests/properties).
    with pytest.raises(LossInputError) as info:
        compute(
            "MultiLabelSoftMarginLoss",
            np.zeros((2, 4)),
            np.zeros((2, 5)),
            reduction="foo",
        )
    assert info.value.torch_text == (
        "RuntimeError: The size of tensor a (5) must match the size of tensor b (4) "
        "at non-singleton dimension 1"
    )
