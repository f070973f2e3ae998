"""Losses beyond torch.nn: values, errors, and gradients against torch autograd.

Each loss is also written here with torch ops; the engine's analytic gradient
must equal autograd's gradient of that formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_result_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute

Array = np.ndarray
EXTRAS = ("Poly1CrossEntropyLoss", "LogCoshLoss", "SquaredHingeLoss", "SoftDiceLoss")


def reduce(torch: Any, loss: Any, reduction: str) -> Any:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def autograd(
    torch: Any, formula: Callable[..., Any], x: Array, *others: Array
) -> tuple[Array, Array]:
    xt = torch.from_numpy(np.array(x)).requires_grad_(True)
    out = formula(xt, *(torch.from_numpy(np.array(o)) for o in others))
    out.sum().backward()
    return out.detach().numpy(), xt.grad.numpy()


def _dtype(rng: np.random.Generator, *arrays: Array) -> list[Array]:
    """The arrays, or (one time in three) their float ones as float32."""
    if rng.integers(3) == 0:
        return [a.astype(np.float32) if a.dtype.kind == "f" else a for a in arrays]
    return list(arrays)


# --------------------------------------------------------------------------- registry


@pytest.mark.parametrize("name", EXTRAS)
def test_registered_beyond_torch(name: str) -> None:
    spec = LOSSES[name]
    assert spec.in_torch is False
    assert spec.reference and spec.formula and spec.summary
    assert spec.function.__doc__ and "Formula" in spec.function.__doc__
    assert not spec.legacy_args and spec.default_reduction == "mean"


def test_families() -> None:
    assert LOSSES["Poly1CrossEntropyLoss"].family == "multiclass"
    assert LOSSES["Poly1CrossEntropyLoss"].forward[1].kind == "index"
    assert LOSSES["LogCoshLoss"].family == "regression"
    assert LOSSES["SoftDiceLoss"].activation == "sigmoid"


# --------------------------------------------------------------------------- Poly-1


def test_poly1_hand_values() -> None:
    x = np.array([[0.0, 0.0], [math.log(3.0), 0.0]])
    y = np.array([0, 0])
    r = compute("Poly1CrossEntropyLoss", x, y, reduction="none")
    # p_t = 1/2 and 3/4
    np.testing.assert_allclose(r.value, [math.log(2) + 0.5, -math.log(0.75) + 0.25])
    np.testing.assert_allclose(r.grad[0], [-0.5 * 1.5, 0.5 * 1.5])
    plain = compute("Poly1CrossEntropyLoss", x, y, epsilon=0.0)
    ce = compute("CrossEntropyLoss", x, y)
    assert float(plain.value) == pytest.approx(float(ce.value), rel=1e-15)
    np.testing.assert_allclose(plain.grad, ce.grad, rtol=1e-15)


def test_poly1_shapes_and_errors() -> None:
    r = compute("Poly1CrossEntropyLoss", np.zeros(3), np.array(1), reduction="none")
    assert r.value.shape == () and r.grad.shape == (3,)
    r = compute(
        "Poly1CrossEntropyLoss", np.zeros((2, 3, 4)), np.zeros((2, 4), np.int64)
    )
    assert r.denominator == 8 and r.grad.shape == (2, 3, 4)
    cases: list[tuple[Array, Array, str]] = [
        (np.zeros((2, 3)), np.array([0, 3]), "Target 3 is out of bounds."),
        (np.zeros((2, 3)), np.array([0.0, 1.0]), "expected target dtype to be Long"),
        (np.zeros((2, 3)), np.array([0, 1, 1]), r"Expected input batch_size \(2\)"),
        (
            np.zeros((2, 3, 5)),
            np.zeros((2, 4), np.int64),
            r"Expected target size \[2, 5\]",
        ),
        (np.zeros(3), np.array([0, 1]), "For 1D input, 1D target must have size 1"),
        (np.zeros(3), np.array(-1), "Target -1 is out of bounds."),
        (np.zeros(()), np.array(0), "target with class probabilities, got Long"),
        (np.zeros((2, 3), np.int64), np.array([0, 1]), "not implemented for 'Long'"),
    ]
    for x, y, message in cases:
        with pytest.raises(LossInputError, match=message):
            compute("Poly1CrossEntropyLoss", x, y)


def test_poly1_matches_torch_autograd() -> None:
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    rng = np.random.default_rng(11)
    for case in range(120):
        x_shape, y_shape = [((5, 4), (5,)), ((4,), ()), ((2, 3, 5), (2, 5))][case % 3]
        x = rng.normal(size=x_shape) * rng.choice([1.0, 5.0])
        classes = x_shape[1] if len(x_shape) > 1 else x_shape[0]
        y = np.asarray(rng.integers(0, classes, size=y_shape))
        epsilon = float(rng.choice([1.0, 2.0, -1.0, 0.0, 0.5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        (x,) = _dtype(rng, np.asarray(x))
        dim = 1 if x.ndim >= 2 else 0

        def formula(
            xt: Any, yt: Any, eps: float = epsilon, d: int = dim, r: str = reduction
        ) -> Any:
            ce = functional.cross_entropy(xt, yt, reduction="none")
            p_t = functional.softmax(xt, d).gather(d, yt.unsqueeze(d)).squeeze(d)
            return reduce(torch, ce + eps * (1 - p_t), r)

        ours = compute(
            "Poly1CrossEntropyLoss", x, y, epsilon=epsilon, reduction=reduction
        )
        assert_result_matches_torch(ours, *autograd(torch, formula, x, y), [x, y])


def test_poly1_errors_match_cross_entropy() -> None:
    torch = pytest.importorskip("torch")
    cases = [
        (np.zeros((2, 3)), np.array([0, 3])),
        (np.zeros((2, 3)), np.array([0.0, 1.0])),
        (np.zeros((2, 3)), np.array([0, 1, 1])),
        (np.zeros((2, 3)), np.array(1)),
        (np.zeros((2, 3)), np.array([[1], [1]])),
        (np.zeros((2, 3, 5)), np.zeros((2, 4), np.int64)),
        (np.zeros((2, 3, 5, 5)), np.zeros((2, 5, 4), np.int64)),
        (np.zeros(3), np.array([0, 1])),
        (np.zeros((2, 3), np.int64), np.array([0, 1])),
    ]
    for x, y in cases:
        with pytest.raises((RuntimeError, ValueError, IndexError)) as expected:
            torch.nn.functional.cross_entropy(torch.from_numpy(x), torch.from_numpy(y))
        with pytest.raises(LossInputError) as info:
            compute("Poly1CrossEntropyLoss", x, y)
        assert str(info.value) == str(expected.value)
        assert info.value.torch_type == type(expected.value).__name__


# --------------------------------------------------------------------------- log-cosh


def test_log_cosh_values() -> None:
    d = np.array([0.0, 1e-8, 0.5, 1.0, 3.0, -20.0, 800.0, np.inf, np.nan])
    r = compute("LogCoshLoss", d, np.zeros_like(d), reduction="none")
    exact = np.log(np.cosh(d[[0, 2, 3, 4]]))
    np.testing.assert_allclose(r.value[[0, 2, 3, 4]], exact, rtol=1e-15)
    assert r.value[1] == pytest.approx(5e-17, rel=1e-12)  # no cancellation near 0
    assert r.value[5] == pytest.approx(20.0 - math.log(2), rel=1e-15)
    assert r.value[6] == pytest.approx(800.0 - math.log(2), rel=1e-15)  # no overflow
    assert r.value[7] == np.inf and np.isnan(r.value[8])
    np.testing.assert_allclose(r.grad[:7], np.tanh(d[:7]), rtol=1e-15)


def test_log_cosh_matches_torch_autograd() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(12)
    for case in range(120):
        shape = [(6,), (3, 4), (), (2, 2, 3)][case % 4]
        x = np.asarray(rng.normal(size=shape) * rng.choice([0.01, 1.0, 10.0]))
        y = np.asarray(rng.normal(size=shape))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        x, y = _dtype(rng, x, y)

        def formula(xt: Any, yt: Any, r: str = reduction) -> Any:
            return reduce(torch, torch.log(torch.cosh(xt - yt)), r)

        ours = compute("LogCoshLoss", x, y, reduction=reduction)
        assert_result_matches_torch(ours, *autograd(torch, formula, x, y), [x, y])


def test_log_cosh_target_broadcast_and_errors() -> None:
    r = compute("LogCoshLoss", np.zeros((2, 3)), np.ones(3), reduction="none")
    assert r.value.shape == (2, 3)
    with pytest.raises(LossInputError, match="Attempting to broadcast"):
        compute("LogCoshLoss", np.zeros((2, 3)), np.ones(2))
    with pytest.raises(LossInputError, match="doesn't match the broadcast shape"):
        compute("LogCoshLoss", np.zeros(3), np.ones((2, 3)))
    with pytest.raises(LossInputError, match="not implemented for 'Long'"):
        compute("LogCoshLoss", np.zeros(3, np.int64), np.ones(3))
    with pytest.raises(
        LossInputError, match="^foo is not a valid value for reduction$"
    ):
        compute("LogCoshLoss", np.zeros(3), np.ones(3), reduction="foo")


# --------------------------------------------------------------------------- squared hinge


def test_squared_hinge_values() -> None:
    x = np.array([2.0, 0.5, -1.0, 1.0])
    y = np.array([1.0, 1.0, 1.0, -1.0])
    r = compute("SquaredHingeLoss", x, y, reduction="none")
    np.testing.assert_allclose(r.value, [0.0, 0.25, 4.0, 4.0])
    np.testing.assert_allclose(r.grad, [0.0, -1.0, -4.0, 4.0])
    r = compute("SquaredHingeLoss", x, y.astype(np.int64), margin=2.0, reduction="sum")
    assert float(r.value) == pytest.approx(0 + 2.25 + 9 + 9)


def test_squared_hinge_matches_torch_autograd() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(13)
    for case in range(120):
        shape = [(8,), (3, 4), ()][case % 3]
        x = np.asarray(rng.normal(size=shape) * 2)
        if rng.integers(3) == 0:
            x = np.round(x)  # exactly on the hinge
        y = np.asarray(rng.choice([-1.0, 1.0], size=shape))
        margin = float(rng.choice([1.0, 0.0, 2.5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        x, y = _dtype(rng, x, y)

        def formula(xt: Any, yt: Any, m: float = margin, r: str = reduction) -> Any:
            return reduce(torch, torch.clamp_min(m - yt * xt, 0) ** 2, r)

        ours = compute("SquaredHingeLoss", x, y, margin=margin, reduction=reduction)
        assert_result_matches_torch(ours, *autograd(torch, formula, x, y), [x, y])


# --------------------------------------------------------------------------- soft Dice


def test_soft_dice_values_and_axes() -> None:
    p = np.array([[1.0, 0.0, 0.5, 0.5], [0.0, 0.0, 0.0, 0.0]])
    t = np.array([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    r = compute("SoftDiceLoss", p, t, smooth=0.0, reduction="none")
    assert r.value.shape == (2,)  # one value per sample (dim 0)
    assert r.value[0] == pytest.approx(1 - 2 * 1.5 / (2 + 2))
    assert np.isnan(r.value[1])  # 0/0 without smoothing
    r = compute("SoftDiceLoss", p, t, reduction="none")
    np.testing.assert_allclose(r.value, [1 - 4 / 5, 0.0])  # smooth = 1
    # dl/dp_k = -2 t_k / (S + s) + (2 I + s) / (S + s)^2
    np.testing.assert_allclose(r.grad[0], -2 * t[0] / 5 + 4 / 25)
    r = compute("SoftDiceLoss", p[0], t[0])
    assert r.value.shape == () and r.denominator == 1


def test_soft_dice_errors() -> None:
    with pytest.raises(LossInputError, match=r"Target size \(torch.Size\(\[3\]\)\)"):
        compute("SoftDiceLoss", np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(LossInputError, match="not implemented for 'Long'"):
        compute("SoftDiceLoss", np.zeros(3, np.int64), np.zeros(3))


def test_soft_dice_matches_torch_autograd() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(14)
    for case in range(120):
        shape = [(4, 6), (2, 3, 4), (5,), ()][case % 4]
        p = np.asarray(rng.uniform(size=shape))
        t = np.asarray((rng.uniform(size=shape) < 0.4).astype(np.float64))
        smooth = float(rng.choice([1.0, 0.0, 1e-5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        p, t = _dtype(rng, p, t)
        dims = tuple(range(1, p.ndim)) if p.ndim >= 2 else tuple(range(p.ndim))

        def formula(
            pt: Any,
            tt: Any,
            s: float = smooth,
            d: tuple[int, ...] = dims,
            r: str = reduction,
        ) -> Any:
            inter = (pt * tt).sum(d) if d else pt * tt
            total = (pt.sum(d) + tt.sum(d)) if d else pt + tt
            return reduce(torch, 1 - (2 * inter + s) / (total + s), r)

        ours = compute("SoftDiceLoss", p, t, smooth=smooth, reduction=reduction)
        assert_result_matches_torch(ours, *autograd(torch, formula, p, t), [p, t])
