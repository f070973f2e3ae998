"""Live torch parity for the fast regression kernels (L1, MSE, SmoothL1, Huber).

The float32/float64 paths work in place with ``clip`` instead of selecting
between two formulas, so these compare them with torch on every pair of
adversarial values (±0, ±inf, NaN, huge, subnormal, exactly at ``β``/``δ``),
for each reduction, the kinks' parameters, broadcasting, ``weight=`` and the
legacy ``size_average``/``reduce`` arguments: values and gradients under
``tests/torch_parity.py``'s rule, with each element's input scale taken from
its own ``x``, ``y`` (and weight) where the result is elementwise, NaN and ±inf
at the same places, and the sign of every zero (loss and gradient) as torch
gives it.
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import compute

torch = pytest.importorskip("torch")

VALUES = (
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    2.0,
    -2.0,
    1e-3,
    1.0000001,
    0.9999999,
    1e4,
    -1e4,
    np.inf,
    -np.inf,
    np.nan,
    1e30,
    -1e30,
    3e38,
    -3e38,
    1e-30,
    1e-40,
    -1e-40,
)
PAIRS = np.array(list(itertools.product(VALUES, VALUES)))
PARAMS: dict[str, tuple[str | None, tuple[float, ...]]] = {
    "L1Loss": (None, (0.0,)),
    "MSELoss": (None, (0.0,)),
    "SmoothL1Loss": ("beta", (1.0, 0.5, 1e-3, 2.0, 1e4, 0.0, np.inf, 1e-40, 1e30)),
    "HuberLoss": ("delta", (1.0, 0.5, 1e-3, 2.0, 1e4, np.inf, 1e-40)),
}
CASES = [(name, value) for name, (_, values) in PARAMS.items() for value in values]


def _scale(shape: tuple[int, ...], *arrays: Any) -> float | np.ndarray:
    """Each element's input scale when ``shape`` is the inputs' broadcast shape
    (an elementwise result), else the scale of all inputs."""
    arrays = tuple(np.asarray(a) for a in arrays if isinstance(a, (np.ndarray, float)))
    if np.broadcast_shapes(*(a.shape for a in arrays)) != shape:
        return input_scale(*arrays)
    with np.errstate(invalid="ignore"):
        size = [np.abs(a.astype(np.float64)) for a in arrays]
    size = [np.where(np.isfinite(m), m, 0.0) for m in size]
    return np.maximum(1.0, np.maximum.reduce(np.broadcast_arrays(*size)))


def _check(
    ours: np.ndarray, ref: np.ndarray, inputs: tuple[Any, ...], what: str
) -> None:
    assert_matches_torch(ours, ref, what=what, scale=_scale(np.shape(ref), *inputs))
    zero = np.isfinite(ref) & (ref == 0)
    np.testing.assert_array_equal(
        np.signbit(ours[zero]), np.signbit(ref[zero]), err_msg=f"{what}: sign of 0"
    )


def _torch(
    name: str, x: np.ndarray, y: np.ndarray, kwargs: dict[str, Any], functional: bool
) -> tuple[np.ndarray, np.ndarray]:
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    tkw = {
        k: torch.from_numpy(v) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if functional:
            fn = {
                "L1Loss": torch.nn.functional.l1_loss,
                "MSELoss": torch.nn.functional.mse_loss,
                "HuberLoss": torch.nn.functional.huber_loss,
            }[name]
            out = fn(xt, torch.from_numpy(y.copy()), **tkw)
        else:
            out = getattr(torch.nn, name)(**tkw)(xt, torch.from_numpy(y.copy()))
        out.sum().backward()
    assert xt.grad is not None
    return out.detach().numpy(), xt.grad.numpy()


def _compare(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    kwargs: dict[str, Any],
    *,
    functional: bool = False,
) -> None:
    value, grad = _torch(name, x, y, kwargs, functional)
    r = compute(name, x, y, **kwargs)
    what = f"{name} {x.dtype} {kwargs}"
    inputs = (x, y, *kwargs.values())
    _check(r.value, value, inputs, f"{what} value")
    _check(r.grad, grad, inputs, f"{what} grad")
    assert r.grad.dtype == x.dtype


@pytest.mark.parametrize(("name", "param"), CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_every_pair_of_special_values(name, param, dtype, reduction) -> None:
    key, _ = PARAMS[name]
    kwargs: dict[str, Any] = {"reduction": reduction}
    if key is not None:
        kwargs[key] = param
    with np.errstate(over="ignore"):
        x, y = PAIRS[:, 0].astype(dtype), PAIRS[:, 1].astype(dtype)
    _compare(name, x, y, kwargs)


@pytest.mark.parametrize("name", list(PARAMS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_random_values_broadcast_and_views(name, dtype, reduction) -> None:
    rng = np.random.default_rng(7)
    x = (rng.standard_normal((40, 30)) * 3).astype(dtype)
    y = (rng.standard_normal((40, 30)) * 3).astype(dtype)
    _compare(name, x, y, {"reduction": reduction})
    _compare(name, x[:, ::2], y[::-1, 1::2], {"reduction": reduction})  # strided
    _compare(name, x, y[:1], {"reduction": reduction})  # target broadcast
    _compare(name, x[:, :1], y, {"reduction": reduction})  # input broadcast
    _compare(name, np.asarray(x[0, 0]), np.asarray(y[0, 0]), {"reduction": reduction})


@pytest.mark.parametrize("name", ["L1Loss", "MSELoss", "HuberLoss"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_functional_weight(name, dtype, reduction) -> None:
    x, y = PAIRS[:, 0].astype(dtype), PAIRS[:, 1].astype(dtype)
    w = np.random.default_rng(3).uniform(0, 2, x.shape).astype(dtype)
    _compare(name, x, y, {"reduction": reduction, "weight": w}, functional=True)


@pytest.mark.parametrize("name", ["L1Loss", "MSELoss", "SmoothL1Loss"])
@pytest.mark.parametrize(("size_average", "reduce"), [(False, None), (None, False)])
def test_legacy_arguments(name, size_average, reduce) -> None:
    x = np.random.default_rng(5).standard_normal((6, 5)).astype(np.float32)
    y = np.zeros_like(x)
    kwargs = {"size_average": size_average, "reduce": reduce}
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    _compare(name, x, y, kwargs)


def test_zero_signs_at_minus_zero_difference() -> None:
    """``x = -0``, ``y = +0``: torch's loss is ``+0``, its gradient ``-0``."""
    x, y = np.array([-0.0], np.float32), np.array([0.0], np.float32)
    for name in ("SmoothL1Loss", "HuberLoss"):
        r = compute(name, x, y, reduction="none")
        assert r.value[0] == 0 and not np.signbit(r.value[0])
        assert r.grad[0] == 0 and np.signbit(r.grad[0])


def test_mse_mean_gradient_does_not_overflow() -> None:
    """``(x - y) · (2 / N)`` as torch forms it: ``2 (x - y)`` alone is ``-inf``."""
    x, y = np.array([0.0, 1.0], np.float32), np.array([3e38, 0.0], np.float32)
    r = compute("MSELoss", x, y)
    assert np.isfinite(r.grad).all()
    np.testing.assert_allclose(r.grad, [-3e38, 1.0], rtol=1e-6)


@pytest.mark.parametrize(("name", "param"), CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["none", "mean"])
def test_blocked_path_on_large_tensors(name, param, dtype, reduction) -> None:
    """More than one block (131,072 float32 elements) of special and random values."""
    key, _ = PARAMS[name]
    kwargs: dict[str, Any] = {"reduction": reduction}
    if key is not None:
        kwargs[key] = param
    rng = np.random.default_rng(9)
    with np.errstate(over="ignore"):
        pairs = np.tile(PAIRS, (300, 1))[rng.permutation(300 * len(PAIRS))]
        x = pairs[:, 0].astype(dtype).reshape(300, -1)
        y = pairs[:, 1].astype(dtype).reshape(300, -1)
    x[::2] = rng.standard_normal(x[::2].shape) * 2
    _compare(name, x, y, kwargs)
