"""PoissonNLLLoss and GaussianNLLLoss: hand-checked values, errors, live torch parity."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_result_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute

Array = np.ndarray

# --------------------------------------------------------------------------- helpers


def torch_run(torch: Any, module: Any, arrays: list[Array]) -> tuple[Array, Array]:
    """Value of ``module(*arrays)`` and d sum / d first tensor (zeros if none)."""
    tensors = [torch.from_numpy(np.array(a)) for a in arrays]
    first = tensors[0]
    if first.is_floating_point():
        first.requires_grad_(True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = module(*tensors)
    if out.requires_grad:
        out.sum().backward()
    grad = first.grad.numpy() if first.grad is not None else None
    return out.detach().numpy(), grad


def _cast(rng: np.random.Generator, x: Array, y: Array) -> tuple[Array, Array]:
    """A random dtype combination of ``x`` and ``y``."""
    kind = rng.choice(["f64", "f64", "f32", "x32", "y32", "ylong"])
    if kind == "f32":
        return x.astype(np.float32), y.astype(np.float32)
    if kind == "x32":
        return x.astype(np.float32), y
    if kind == "y32":
        return x, y.astype(np.float32)
    if kind == "ylong":
        return x, np.round(y).astype(np.int64)
    return x, y


# --------------------------------------------------------------------------- Poisson


def test_poisson_registered() -> None:
    spec = LOSSES["PoissonNLLLoss"]
    assert spec.family == "regression"
    assert [a.name for a in spec.forward] == ["log_input", "target"]
    assert spec.defaults == {
        "log_input": True,
        "full": False,
        "eps": 1e-8,
        "reduction": "mean",
    }


def test_poisson_hand_values() -> None:
    r = compute("PoissonNLLLoss", np.array([0.0, 1.0]), np.array([1.0, 2.0]))
    assert float(r.value) == pytest.approx((1.0 + math.e - 2.0) / 2, rel=1e-15)
    np.testing.assert_allclose(r.grad, [0.0, (math.e - 2.0) / 2], rtol=1e-15)
    # full: the Stirling term only where y > 1 (y = 1 adds nothing)
    r = compute(
        "PoissonNLLLoss", np.ones(2), np.array([1.0, 3.0]), full=True, reduction="none"
    )
    stirling = 3 * math.log(3) - 3 + 0.5 * math.log(6 * math.pi)
    np.testing.assert_allclose(r.value, [math.e - 1, math.e - 3 + stirling], rtol=1e-15)
    np.testing.assert_allclose(r.grad, [math.e - 1, math.e - 3], rtol=1e-15)


def test_poisson_rate_input_and_eps() -> None:
    r = compute(
        "PoissonNLLLoss",
        np.array([0.0, -1.0]),
        np.array([1.0, 1.0]),
        log_input=False,
        reduction="none",
    )
    assert r.value[0] == pytest.approx(-math.log(1e-8))
    assert r.grad[0] == pytest.approx(-99999999.0, rel=1e-12)
    assert np.isnan(r.value[1])  # log of a negative rate


def test_poisson_broadcasts_and_sums_grad_back() -> None:
    r = compute("PoissonNLLLoss", np.zeros((3, 1)), np.arange(3.0), reduction="sum")
    assert r.elementwise.shape == (3, 3)
    np.testing.assert_allclose(r.grad, [[3 - 3.0]] * 3)  # Σ_j (1 - y_j) = 0
    assert compute("PoissonNLLLoss", np.zeros((3, 1)), np.arange(3.0)).denominator == 9


def test_poisson_dtypes() -> None:
    r = compute("PoissonNLLLoss", np.ones(3, np.int64), np.ones(3, np.int64))
    assert r.value.dtype == np.float32 and r.grad.dtype == np.float32
    r = compute("PoissonNLLLoss", np.float32([100.0]), np.float32([0.0]))
    assert np.isinf(r.value)  # float32 overflow, as torch
    r = compute("PoissonNLLLoss", np.ones((2, 2), np.float32), np.float64(2.0))
    assert r.value.dtype == np.float32  # a 0-d target does not promote


@pytest.mark.parametrize(
    ("kwargs", "message", "kind"),
    [
        ({"reduction": "foo"}, "foo is not a valid value for reduction", "ValueError"),
        (
            {"reduction": "elementwise_mean"},
            "elementwise_mean is not a valid value for reduction",
            "ValueError",
        ),
        # Regression: torch builds the message as ``reduction + "..."``, so a
        # non-string fails with Python's TypeError (was a ValueError).
        (
            {"reduction": None},
            "unsupported operand type(s) for +: 'NoneType' and 'str'",
            "TypeError",
        ),
    ],
)
def test_poisson_reduction_errors(
    kwargs: dict[str, Any], message: str, kind: str
) -> None:
    with pytest.raises(LossInputError) as info:
        compute("PoissonNLLLoss", np.ones(3), np.ones(3), **kwargs)
    assert str(info.value) == message and info.value.torch_type == kind


def test_poisson_shape_and_bool_errors() -> None:
    with pytest.raises(LossInputError, match=r"tensor a \(4\) must match .* b \(2\)"):
        compute("PoissonNLLLoss", np.ones((3, 2)), np.ones((3, 4)))
    with pytest.raises(LossInputError, match="with a bool tensor"):
        compute("PoissonNLLLoss", np.ones(2, bool), np.ones(2, bool))
    with pytest.raises(LossInputError, match="with a bool tensor"):
        compute("PoissonNLLLoss", np.ones(2), np.ones(2, bool), full=True)
    with pytest.raises(LossInputError) as info:
        compute("PoissonNLLLoss", np.ones(2, np.complex64), np.ones(2))
    assert info.value.torch_type == "TypeError"


def test_poisson_legacy_args() -> None:
    r = compute("PoissonNLLLoss", np.ones(3), np.ones(3), size_average=False)
    assert r.reduction == "sum"
    assert r.warnings == (
        "size_average and reduce args will be deprecated, please use "
        "reduction='sum' instead.",
    )


_POISSON_SHAPES = [
    ((), ()),
    ((5,), (5,)),
    ((3, 4), (3, 4)),
    ((2, 3, 4), (2, 3, 4)),
    ((3, 1), (3,)),
    ((4,), (3, 4)),
    ((1, 4), (3, 1)),
    ((3, 4), ()),
    ((), (3, 4)),
    ((0, 3), (0, 3)),
]


def test_poisson_matches_torch_random() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    for case in range(200):
        xs, ys = _POISSON_SHAPES[case % len(_POISSON_SHAPES)]
        log_input, full = bool(rng.integers(2)), bool(rng.integers(2))
        eps = float(rng.choice([1e-8, 1e-3, 0.5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        x = rng.normal(size=xs) * 2
        if not log_input:
            x = np.abs(x) + rng.choice([0.0, 1e-3])
        y = rng.choice([0.0, 1.0, 2.0, 5.0, 0.5, 1.5], size=ys) + (
            rng.uniform(0, 3, size=ys) * rng.integers(2)
        )
        x, y = _cast(rng, np.asarray(x), np.asarray(y))
        kwargs = {"log_input": log_input, "full": full, "eps": eps}
        ours = compute("PoissonNLLLoss", x, y, reduction=reduction, **kwargs)
        module = torch.nn.PoissonNLLLoss(reduction=reduction, **kwargs)
        value, grad = torch_run(torch, module, [x, y])
        assert_result_matches_torch(ours, value, grad, [x, y, eps])


def test_poisson_integer_input_matches_torch_value() -> None:
    torch = pytest.importorskip("torch")
    x, y = np.arange(-2, 4).reshape(2, 3), np.arange(6).reshape(2, 3)
    for log_input in (True, False):
        for full in (True, False):
            ours = compute(
                "PoissonNLLLoss", x, y, log_input=log_input, full=full, reduction="none"
            )
            module = torch.nn.PoissonNLLLoss(log_input, full, reduction="none")
            value, _ = torch_run(torch, module, [x, y])
            assert_result_matches_torch(ours, value, None, [x, y])


# --------------------------------------------------------------------------- Gaussian


def test_gaussian_registered() -> None:
    spec = LOSSES["GaussianNLLLoss"]
    assert [a.name for a in spec.forward] == ["input", "target", "var"]
    assert spec.defaults == {"full": False, "eps": 1e-6, "reduction": "mean"}
    assert not spec.legacy_args


def test_gaussian_hand_values() -> None:
    r = compute("GaussianNLLLoss", np.array([1.0]), np.array([0.0]), np.array([1.0]))
    assert float(r.value) == 0.5 and float(r.grad[0]) == 1.0
    r = compute(
        "GaussianNLLLoss", np.array([1.0]), np.array([0.0]), np.array([1.0]), full=True
    )
    assert float(r.value) == pytest.approx(0.5 + 0.5 * math.log(2 * math.pi))
    # var below eps is clamped to eps (outside autograd): the gradient uses eps
    r = compute(
        "GaussianNLLLoss",
        np.array([1.0]),
        np.array([0.0]),
        np.array([1e-8]),
        reduction="none",
    )
    assert r.value[0] == pytest.approx(0.5 * (math.log(1e-6) + 1e6), rel=1e-14)
    assert r.grad[0] == pytest.approx(1e6, rel=1e-14)
    r = compute("GaussianNLLLoss", np.array([2.0]), np.array([0.0]), np.array([0.0]))
    assert float(r.grad[0]) == pytest.approx(2e6, rel=1e-14)  # var = 0 is allowed


def test_gaussian_var_shapes() -> None:
    x, y = np.zeros((2, 3)), np.ones((2, 3))
    for var_shape in [(2, 3), (2,), (2, 1), (1, 3)]:
        r = compute("GaussianNLLLoss", x, y, np.ones(var_shape), reduction="none")
        assert r.value.shape == (2, 3)
    # one variance per row of a 1-D input: a 0-d var counts as "input.shape[:-1]"
    r = compute("GaussianNLLLoss", np.zeros(3), np.ones(3), np.float64(2.0))
    assert float(r.value) == pytest.approx(0.5 * (math.log(2.0) + 0.5))
    # the target broadcasts: (2, 1) input with (2, 3) target and (2,) var
    r = compute(
        "GaussianNLLLoss",
        np.zeros((2, 1)),
        np.ones((2, 3)),
        np.ones(2),
        reduction="sum",
    )
    assert r.elementwise.shape == (2, 3) and r.grad.shape == (2, 1)
    np.testing.assert_allclose(r.grad, [[-3.0], [-3.0]])


@pytest.mark.parametrize(
    ("x_shape", "y_shape", "var", "message", "kind"),
    [
        ((2, 3), (2, 3), np.ones((1, 1)), "var is of incorrect size", "ValueError"),
        ((2, 3), (2, 3), np.ones(3), "var is of incorrect size", "ValueError"),
        ((2, 3), (2, 3), np.ones((2, 3, 1)), "var is of incorrect size", "ValueError"),
        ((2, 3), (2, 3), np.float64(0.5), "var is of incorrect size", "ValueError"),
        ((2, 1), (2, 3), np.ones((2, 3)), "var is of incorrect size", "ValueError"),
        (
            (2, 3),
            (2, 3),
            -np.ones((2, 3)),
            "var has negative entry/entries",
            "ValueError",
        ),
        (
            (2, 3),
            (2, 4),
            np.ones((2, 3)),
            "The size of tensor a (3) must match the size of tensor b (4) at "
            "non-singleton dimension 1",
            "RuntimeError",
        ),
        (
            (2, 3),
            (2, 3),
            np.ones((0, 1)),
            "The size of tensor a (2) must match the size of tensor b (0) at "
            "non-singleton dimension 0",
            "RuntimeError",
        ),
        (
            (2, 3),
            (2, 3),
            np.ones((2, 3), np.int64),
            "result type Float can't be cast to the desired output type long int",
            "RuntimeError",
        ),
        (
            (2, 3),
            (2, 3),
            np.ones((2, 3), np.int32),
            "result type Float can't be cast to the desired output type int",
            "RuntimeError",
        ),
    ],
)
def test_gaussian_errors(
    x_shape: tuple[int, ...],
    y_shape: tuple[int, ...],
    var: Array,
    message: str,
    kind: str,
) -> None:
    with pytest.raises(LossInputError) as info:
        compute("GaussianNLLLoss", np.zeros(x_shape), np.zeros(y_shape), var)
    assert str(info.value) == message and info.value.torch_type == kind


def test_gaussian_argument_errors() -> None:
    x = np.zeros(3)
    with pytest.raises(LossInputError, match="^foo is not valid$"):
        compute("GaussianNLLLoss", x, x, x + 1, reduction="foo")
    with pytest.raises(LossInputError, match="^elementwise_mean is not valid$"):
        compute("GaussianNLLLoss", x, x, x + 1, reduction="elementwise_mean")
    with pytest.raises(LossInputError, match="unexpected keyword argument 'reduce'"):
        compute("GaussianNLLLoss", x, x, x + 1, reduce=False)
    with pytest.raises(LossInputError, match="two bool tensors"):
        compute("GaussianNLLLoss", x > 0, x > 0, x + 1)


def test_gaussian_reduction_is_checked_after_var() -> None:
    """Regression: torch checks var (negative, then size) before the reduction,
    and a non-string reduction is Python's TypeError."""
    x = np.zeros(3)
    with pytest.raises(LossInputError, match="^var has negative entry/entries$"):
        compute("GaussianNLLLoss", x, x, -np.ones(3), reduction="foo")
    with pytest.raises(LossInputError, match="^var is of incorrect size$"):
        compute("GaussianNLLLoss", x, x, np.ones(2), reduction="foo")
    with pytest.raises(LossInputError, match="^foo is not valid$"):
        compute("GaussianNLLLoss", x, np.zeros(4), np.ones(3), reduction="foo")
    with pytest.raises(LossInputError) as info:
        compute("GaussianNLLLoss", x, x, np.ones(3), reduction=None)
    assert info.value.torch_type == "TypeError"
    assert str(info.value) == "unsupported operand type(s) for +: 'NoneType' and 'str'"


def test_gaussian_nan_and_empty() -> None:
    r = compute("GaussianNLLLoss", np.zeros(2), np.zeros(2), np.array([np.nan, 1.0]))
    assert np.isnan(r.value)
    r = compute("GaussianNLLLoss", np.zeros((0, 3)), np.zeros((0, 3)), np.ones((0, 3)))
    assert np.isnan(r.value) and r.grad.shape == (0, 3)


def _gaussian_case(rng: np.random.Generator, case: int) -> tuple[Array, Array, Array]:
    shape = [(5,), (4, 3), (2, 3, 4), ()][case % 4]
    choices_y: list[tuple[int, ...]] = [shape]
    choices_v: list[tuple[int, ...]] = [shape]
    if shape:
        choices_y.append((*shape[:-1], 1))
        choices_v += [shape[:-1], (*shape[:-1], 1)]
    if len(shape) >= 2:
        choices_y.append(shape[-1:])
        choices_v.append((1, *shape[1:]))
    y_shape = choices_y[rng.integers(len(choices_y))]
    v_shape = choices_v[rng.integers(len(choices_v))]
    x = rng.normal(size=shape) * 2
    y = rng.normal(size=y_shape) * 2
    var = rng.uniform(0.1, 2.0, size=v_shape)
    if rng.integers(3) == 0:  # values below eps, and zeros: the clamp
        var = np.where(rng.uniform(size=v_shape) < 0.4, rng.choice([0.0, 1e-8]), var)
    return np.asarray(x), np.asarray(y), np.asarray(var)


def test_gaussian_matches_torch_random() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    for case in range(200):
        x, y, var = _gaussian_case(rng, case)
        x, y = _cast(rng, x, y)
        if y.dtype == np.int64:
            y = y.astype(np.float64)
        if rng.integers(4) == 0:
            var = var.astype(np.float32)
        full = bool(rng.integers(2))
        eps = float(rng.choice([1e-6, rng.uniform(1e-6, 1e-3), 0.5]))
        reduction = str(rng.choice(["none", "mean", "sum"]))
        ours = compute(
            "GaussianNLLLoss", x, y, var, full=full, eps=eps, reduction=reduction
        )
        module = torch.nn.GaussianNLLLoss(full=full, eps=eps, reduction=reduction)
        value, grad = torch_run(torch, module, [x, y, var])
        assert_result_matches_torch(ours, value, grad, [x, y, var, eps])


def test_gaussian_errors_match_torch() -> None:
    torch = pytest.importorskip("torch")
    cases = [
        ((2, 3), (2, 3), np.ones((1, 1))),
        ((2, 3), (2, 3), -np.ones(2)),
        ((2, 3), (2, 4), np.ones(2)),
        ((2, 3), (4, 2, 3), np.ones((2, 1))),
        ((2, 3), (2, 3), np.ones((2, 3), np.int16)),
        ((2, 3), (2, 3), np.ones((2, 3), np.uint8)),
        ((3,), (3,), np.ones((1, 3))),
    ]
    for x_shape, y_shape, var in cases:
        x, y = np.zeros(x_shape), np.zeros(y_shape)
        try:
            torch.nn.GaussianNLLLoss()(
                torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(var)
            )
        except (RuntimeError, ValueError) as exc:
            expected: tuple[str, str] | None = (str(exc), type(exc).__name__)
        else:
            expected = None
        if expected is None:
            compute("GaussianNLLLoss", x, y, var)
            continue
        with pytest.raises(LossInputError) as info:
            compute("GaussianNLLLoss", x, y, var)
        assert (str(info.value), info.value.torch_type) == expected
