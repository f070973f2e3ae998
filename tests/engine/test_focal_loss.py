"""sigmoid_focal_loss: torchvision's algorithm, compared with it written in torch.

torchvision is not installed, so the reference is the published algorithm
(torchvision/ops/focal_loss.py) re-written with torch ops in this file.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_result_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute

Array = np.ndarray


def torchvision_focal(
    torch: Any, inputs: Any, targets: Any, alpha: float, gamma: float, reduction: str
) -> Any:
    """torchvision.ops.sigmoid_focal_loss, step for step."""
    functional = torch.nn.functional
    p = torch.sigmoid(inputs)
    ce_loss = functional.binary_cross_entropy_with_logits(
        inputs, targets, reduction="none"
    )
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


def torch_focal(
    torch: Any, x: Array, y: Array, alpha: float, gamma: float, reduction: str
) -> tuple[Array, Array]:
    xt = torch.from_numpy(np.array(x)).requires_grad_(True)
    out = torchvision_focal(
        torch, xt, torch.from_numpy(np.array(y)), alpha, gamma, reduction
    )
    out.sum().backward()
    return out.detach().numpy(), xt.grad.numpy()


def test_registered() -> None:
    spec = LOSSES["sigmoid_focal_loss"]
    assert spec.family == "binary" and spec.activation is None
    assert [a.name for a in spec.forward] == ["inputs", "targets"]
    assert spec.defaults == {"alpha": 0.25, "gamma": 2, "reduction": "none"}
    assert not spec.legacy_args


def test_hand_values() -> None:
    # x = 0: p = 0.5, ce = log 2, p_t = 0.5, (1 - p_t)^2 = 0.25
    r = compute("sigmoid_focal_loss", np.array([0.0, 0.0]), np.array([1.0, 0.0]))
    np.testing.assert_allclose(
        r.value, [0.25 * 0.25 * math.log(2), 0.75 * 0.25 * math.log(2)], rtol=1e-15
    )
    assert r.reduction == "none" and r.value.shape == (2,)
    # d/dx at x = 0, y = 1: α [(p - y)(1 - p_t)^2 - 2 ce (1 - p_t) p (1 - p)]
    expected = 0.25 * (-0.5 * 0.25 - 2 * math.log(2) * 0.5 * 0.25)
    assert r.grad[0] == pytest.approx(expected, rel=1e-14)


def test_gamma_zero_is_weighted_bce() -> None:
    x, y = np.array([-2.0, 0.5, 3.0]), np.array([1.0, 0.0, 1.0])
    focal = compute("sigmoid_focal_loss", x, y, gamma=0, alpha=-1)
    bce = compute("BCEWithLogitsLoss", x, y, reduction="none")
    np.testing.assert_allclose(focal.value, bce.value, rtol=1e-15)
    np.testing.assert_allclose(focal.grad, bce.grad, rtol=1e-15)
    weighted = compute("sigmoid_focal_loss", x, y, gamma=0, alpha=0.75)
    np.testing.assert_allclose(weighted.value, bce.value * [0.75, 0.25, 0.75])


def test_saturated_logit_with_fractional_gamma_is_nan() -> None:
    r = compute("sigmoid_focal_loss", np.array([-1e4]), np.array([0.0]), gamma=0.5)
    assert r.value[0] == 0.0 and np.isnan(r.grad[0])
    r = compute("sigmoid_focal_loss", np.array([-1e4]), np.array([0.0]), gamma=2)
    assert r.grad[0] == 0.0


def test_errors() -> None:
    with pytest.raises(LossInputError) as info:
        compute("sigmoid_focal_loss", np.zeros(2), np.zeros(2), reduction="avg")
    assert str(info.value) == (
        "Invalid Value for arg 'reduction': 'avg \n Supported reduction modes: "
        "'none', 'mean', 'sum'"
    )
    assert info.value.torch_type == "ValueError"
    with pytest.raises(LossInputError, match="Invalid Value for arg 'reduction'"):
        compute(
            "sigmoid_focal_loss", np.zeros(2), np.zeros(2), reduction="elementwise_mean"
        )
    with pytest.raises(LossInputError) as info:
        compute("sigmoid_focal_loss", np.zeros((1, 3)), np.zeros(1))
    assert str(info.value) == (
        "Target size (torch.Size([1])) must be the same as input size "
        "(torch.Size([1, 3]))"
    )
    with pytest.raises(
        LossInputError, match="can't be cast to the desired output type Long"
    ):
        compute("sigmoid_focal_loss", np.zeros(2), np.zeros(2, np.int64))
    with pytest.raises(LossInputError, match="not implemented for 'Long'"):
        compute("sigmoid_focal_loss", np.zeros(2, np.int64), np.zeros(2))


def test_reduction_is_checked_after_the_loss() -> None:
    """Regression: torchvision validates ``reduction`` only after computing the
    loss, so BCE's size and dtype errors come first; the text shows any value."""
    with pytest.raises(LossInputError, match="^Target size"):
        compute("sigmoid_focal_loss", np.zeros((1, 3)), np.zeros(1), reduction="foo")
    with pytest.raises(LossInputError, match="can't be cast"):
        compute(
            "sigmoid_focal_loss", np.zeros(2), np.zeros(2, np.int64), reduction="foo"
        )
    with pytest.raises(LossInputError) as info:
        compute("sigmoid_focal_loss", np.zeros(2), np.zeros(2), reduction=None)
    assert str(info.value).startswith("Invalid Value for arg 'reduction': 'None \n")


def test_argument_errors_name_the_function() -> None:
    """Regression: a plain function, not a module: ``sigmoid_focal_loss()``."""
    with pytest.raises(LossInputError) as info:
        compute("sigmoid_focal_loss", np.zeros(2), np.zeros(2), size_average=True)
    assert str(info.value) == (
        "sigmoid_focal_loss() got an unexpected keyword argument 'size_average'"
    )
    assert info.value.torch_type == "TypeError"
    with pytest.raises(LossInputError) as info:
        compute("sigmoid_focal_loss", np.zeros(2))
    assert str(info.value) == (
        "sigmoid_focal_loss() missing 1 required positional argument: 'targets'"
    )


def test_matches_published_algorithm_random() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    shapes = [(), (7,), (4, 5), (2, 3, 4), (0, 3)]
    for case in range(200):
        shape = shapes[case % len(shapes)]
        x = rng.normal(size=shape) * rng.choice([1.0, 4.0, 40.0])
        if rng.integers(4) == 0:
            x = np.where(rng.uniform(size=shape) < 0.3, rng.choice([-1e4, 1e4]), x)
        y = rng.integers(0, 2, size=shape).astype(np.float64)
        if rng.integers(3) == 0:
            y = rng.uniform(size=shape)  # soft targets
        alpha = float(rng.choice([0.25, -1.0, 0.0, 1.0, 0.7]))
        gamma = float(rng.choice([0.0, 0.5, 1.0, 2.0, 3.5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        x, y = np.asarray(x), np.asarray(y)
        kind = rng.integers(3)
        if kind == 1:
            x, y = x.astype(np.float32), y.astype(np.float32)
        elif kind == 2:
            x = x.astype(np.float32)
        ours = compute(
            "sigmoid_focal_loss", x, y, alpha=alpha, gamma=gamma, reduction=reduction
        )
        value, grad = torch_focal(torch, x, y, alpha, gamma, reduction)
        assert_result_matches_torch(ours, value, grad, [x, y, alpha])


def test_fractional_gamma_nan_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    x = np.array([-1e4, 1e4, -50.0, 50.0, 0.0])
    for y in (np.zeros(5), np.ones(5)):
        for gamma in (0.5, 0.0, 1.0, 2.0):
            ours = compute("sigmoid_focal_loss", x, y, gamma=gamma)
            value, grad = torch_focal(torch, x, y, 0.25, gamma, "none")
            assert_result_matches_torch(ours, value, grad, [x, y])
