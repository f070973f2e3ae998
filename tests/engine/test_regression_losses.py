"""L1Loss, MSELoss, SmoothL1Loss and HuberLoss: values, gradients, errors.

Hand-checked numbers first (torch spec section 2), then every error message,
then a live comparison with torch 2.13 (skipped when torch is missing).
"""

from __future__ import annotations

import itertools
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_result_matches_torch

from lossgui.engine import LOSSES, LossInputError, compute

REGRESSION = ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss")
F64 = np.float64
F32 = np.float32
SIZE_WARNING = (
    "Using a target size (torch.Size([3])) that is different to the input size "
    "(torch.Size([3, 1])). This will likely lead to incorrect results due to "
    "broadcasting. Please ensure they have the same size."
)


def a64(*values: float) -> np.ndarray:
    return np.array(values, dtype=F64)


@contextmanager
def raises(message: str, torch_type: str) -> Iterator[None]:
    """Expect a LossInputError with exactly torch's message and exception type."""
    with pytest.raises(LossInputError, match=f"^{re.escape(message)}$") as info:
        yield
    assert info.value.torch_type == torch_type


# --- hand-checked values -------------------------------------------------------


def test_l1_values_and_gradient() -> None:
    x, y = a64(1.0, -2.0, 0.5), a64(0.0, 0.0, 0.0)
    r = compute("L1Loss", x, y, reduction="none")
    np.testing.assert_array_equal(r.value, [1.0, 2.0, 0.5])
    np.testing.assert_array_equal(r.grad, [1.0, -1.0, 1.0])
    r = compute("L1Loss", x, y)
    assert float(r.value) == pytest.approx(3.5 / 3, rel=1e-15)
    np.testing.assert_allclose(r.grad, [1 / 3, -1 / 3, 1 / 3], rtol=1e-15)
    assert r.denominator == 3.0


def test_mse_values_and_gradient() -> None:
    x, y = a64(1.0, -2.0, 0.5), a64(0.0, 0.0, 0.0)
    r = compute("MSELoss", x, y, reduction="sum")
    assert float(r.value) == 5.25
    np.testing.assert_array_equal(r.grad, [2.0, -4.0, 1.0])
    r = compute("MSELoss", x, y)
    assert float(r.value) == 1.75
    np.testing.assert_allclose(r.grad, [2 / 3, -4 / 3, 1 / 3], rtol=1e-15)


def test_smooth_l1_branches() -> None:
    # |d| < beta is quadratic (strict), |d| == beta already linear.
    x = a64(0.5, -2.0, 1.0, 0.0, -1.0)
    r = compute("SmoothL1Loss", x, np.zeros(5), reduction="none")
    np.testing.assert_array_equal(r.value, [0.125, 1.5, 0.5, 0.0, 0.5])
    np.testing.assert_array_equal(r.grad, [0.5, -1.0, 1.0, 0.0, -1.0])
    r = compute("SmoothL1Loss", x, np.zeros(5), beta=0.5, reduction="none")
    np.testing.assert_array_equal(r.value, [0.25, 1.75, 0.75, 0.0, 0.75])
    np.testing.assert_array_equal(r.grad, [1.0, -1.0, 1.0, 0.0, -1.0])


def test_smooth_l1_beta_zero_is_exactly_l1() -> None:
    x = a64(0.0, 1.5, -2.0, np.nan)
    l1 = compute("L1Loss", x, np.zeros(4), reduction="none")
    s = compute("SmoothL1Loss", x, np.zeros(4), beta=0.0, reduction="none")
    np.testing.assert_array_equal(s.value, l1.value)
    np.testing.assert_array_equal(
        s.grad, [0.0, 1.0, -1.0, 0.0]
    )  # L1 kernel: 0 at 0, NaN
    # The L1 kernel also takes integers (and -0.0 == 0.0 picks it too).
    r = compute("SmoothL1Loss", [1, 5], [3, 2], beta=-0.0, reduction="none")
    assert r.value.dtype == np.int64
    np.testing.assert_array_equal(r.value, [2, 3])


def test_smooth_l1_infinite_beta() -> None:
    x = a64(0.0, 1.0, -1.0, 2.0, np.inf)
    r = compute("SmoothL1Loss", x, np.zeros(5), beta=np.inf, reduction="none")
    np.testing.assert_array_equal(r.value, [0.0, 0.0, 0.0, 0.0, np.nan])
    np.testing.assert_array_equal(r.grad, [0.0, 0.0, -0.0, 0.0, 1.0])


def test_huber_branches_and_kink() -> None:
    x = a64(1.0, -3.0, 2.0, 0.0, -2.0)
    r = compute("HuberLoss", x, np.zeros(5), delta=2.0, reduction="none")
    np.testing.assert_array_equal(r.value, [0.5, 4.0, 2.0, 0.0, 2.0])
    np.testing.assert_array_equal(r.grad, [1.0, -2.0, 2.0, 0.0, -2.0])


def test_huber_is_delta_times_smooth_l1() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=20) * 3, rng.normal(size=20)
    for delta in (0.3, 1.0, 2.5):
        h = compute("HuberLoss", x, y, delta=delta, reduction="none")
        s = compute("SmoothL1Loss", x, y, beta=delta, reduction="none")
        np.testing.assert_allclose(h.value, delta * s.value, rtol=1e-14)
        np.testing.assert_allclose(h.grad, delta * s.grad, rtol=1e-14)


# --- kinks, NaN, inf ---------------------------------------------------------------


def test_gradients_at_nan_and_ties() -> None:
    x = a64(np.nan, 1.0, np.inf, -np.inf)
    y = a64(0.0, 1.0, 0.0, 0.0)
    grads = {
        "L1Loss": [0.0, 0.0, 1.0, -1.0],  # torch's sgn(NaN) = 0
        "MSELoss": [np.nan, 0.0, np.inf, -np.inf],
        "SmoothL1Loss": [np.nan, 0.0, 1.0, -1.0],
        "HuberLoss": [np.nan, 0.0, 1.0, -1.0],
    }
    for name, expected in grads.items():
        r = compute(name, x, y, reduction="none")
        assert np.isnan(r.value[0])
        np.testing.assert_array_equal(r.value[1:], [0.0, np.inf, np.inf])
        np.testing.assert_array_equal(r.grad, expected)


def test_mse_inf_minus_inf_is_nan() -> None:
    r = compute("MSELoss", a64(np.inf), a64(np.inf), reduction="none")
    assert np.isnan(r.value[0]) and np.isnan(r.grad[0])


def test_empty_inputs() -> None:
    for name in REGRESSION:
        mean = compute(name, np.zeros((0, 3)), np.zeros((0, 3)))
        total = compute(name, np.zeros((0, 3)), np.zeros((0, 3)), reduction="sum")
        assert np.isnan(mean.value) and float(total.value) == 0.0
        assert mean.grad.shape == (0, 3)


# --- broadcasting ------------------------------------------------------------------


def test_target_broadcast_warns_and_sums_gradient_back() -> None:
    x = np.zeros((3, 1))
    y = a64(1.0, 2.0, 3.0)
    r = compute("L1Loss", x, y, reduction="sum")
    assert r.warnings == (SIZE_WARNING,)
    assert float(r.value) == 18.0  # (3, 3) losses |0 - y|
    np.testing.assert_array_equal(r.grad, [[-3.0], [-3.0], [-3.0]])
    for name in REGRESSION:
        r = compute(name, x, y, reduction="none")
        assert r.value.shape == (3, 3) and r.grad.shape == (3, 1)
        assert r.warnings == (SIZE_WARNING,)


def test_zero_dim_input_broadcasts() -> None:
    r = compute("MSELoss", np.array(1.5), a64(1.0, 2.0), reduction="none")
    np.testing.assert_array_equal(r.value, [0.25, 0.25])
    assert r.grad.shape == () and float(r.grad) == 0.0
    assert "input size (torch.Size([]))" in r.warnings[0]


def test_not_broadcastable() -> None:
    message = (
        "The size of tensor a (3) must match the size of tensor b (4) at "
        "non-singleton dimension 1"
    )
    for name in REGRESSION:
        with raises(message, "RuntimeError"):
            compute(name, np.zeros((2, 3)), np.zeros(4))


# --- functional-only weight= -----------------------------------------------------------


def test_weighted_means() -> None:
    d, w = a64(1.0, 2.0), a64(1.0, 3.0)
    zero = np.zeros(2)
    assert float(compute("L1Loss", d, zero, weight=w).value) == 1.75  # Σw|d| / Σw
    assert float(compute("MSELoss", d, zero, weight=w).value) == 3.25  # Σwd² / Σw
    assert float(compute("HuberLoss", d, zero, weight=w).value) == 2.5  # mean(w l)
    r = compute("L1Loss", d, zero, weight=w)
    assert r.denominator == 4.0
    np.testing.assert_allclose(r.grad, [0.25, 0.75], rtol=1e-15)
    r = compute("HuberLoss", d, zero, weight=w, reduction="none")
    np.testing.assert_array_equal(r.value, [0.5, 4.5])
    np.testing.assert_array_equal(r.grad, [1.0, 3.0])


def test_weight_sum_zero_gives_nan() -> None:
    r = compute("L1Loss", a64(1.0, 2.0), np.zeros(2), weight=np.zeros(2))
    assert np.isnan(r.value)


def test_weight_with_broadcast_target() -> None:
    x = np.array([[1.0], [2.0]])
    w = np.array([[1.0], [2.0]])
    r = compute("L1Loss", x, a64(3.0, 2.0, 0.0), weight=w)
    assert float(r.value) == pytest.approx(10 / 3, rel=1e-15)  # Σ w|d| / Σ w (w's own)


def test_weighted_integer_l1() -> None:
    x, y, w = [1, 2, 3], [3, 2, 0], [1, 2, 3]
    none = compute("L1Loss", x, y, weight=w, reduction="none")
    assert none.value.dtype == np.int64
    np.testing.assert_array_equal(none.value, [2, 0, 9])
    assert int(compute("L1Loss", x, y, weight=w, reduction="sum").value) == 11
    mean = compute("L1Loss", x, y, weight=w)
    assert mean.value.dtype == np.float32
    assert float(mean.value) == pytest.approx(11 / 6, rel=1e-6)


def test_weight_must_match_input_size() -> None:
    for name in ("L1Loss", "MSELoss", "HuberLoss"):
        with raises("Weights and input must have the same size.", "ValueError"):
            compute(name, a64(1.0, 2.0, 3.0), np.zeros(3), weight=a64(1.0, 2.0))


def test_weight_is_functional_only_and_not_on_smooth_l1() -> None:
    for name in ("L1Loss", "MSELoss", "HuberLoss"):
        assert LOSSES[name].param("weight").functional_only
    with raises(
        "SmoothL1Loss.__init__() got an unexpected keyword argument 'weight'",
        "TypeError",
    ):
        compute("SmoothL1Loss", a64(1.0), a64(0.0), weight=a64(1.0))


# --- reductions ---------------------------------------------------------------------


@pytest.mark.parametrize("name", REGRESSION)
@pytest.mark.parametrize("bad", ["foo", None, "batchmean", "Mean"])
def test_invalid_reduction(name: str, bad: object) -> None:
    with raises(f"{bad} is not a valid value for reduction", "ValueError"):
        compute(name, a64(1.0), a64(0.0), reduction=bad)


@pytest.mark.parametrize("name", ["L1Loss", "MSELoss", "HuberLoss"])
@pytest.mark.parametrize("bad", ["foo", None, "elementwise_mean"])
def test_invalid_reduction_with_weight(name: str, bad: object) -> None:
    message = f"Invalid reduction mode: {bad}. Expected one of 'none', 'mean', 'sum'."
    with raises(message, "ValueError"):
        compute(name, a64(1.0), a64(0.0), weight=a64(1.0), reduction=bad)


@pytest.mark.parametrize("name", REGRESSION)
def test_elementwise_mean_alias(name: str) -> None:
    r = compute(name, a64(1.0, 3.0), np.zeros(2), reduction="elementwise_mean")
    assert r.reduction == "mean"
    assert r.warnings == (
        "reduction='elementwise_mean' is deprecated. Please use reduction='mean' "
        "instead.",
    )


def test_legacy_args() -> None:
    x, y = a64(1.0, 3.0), np.zeros(2)
    r = compute("L1Loss", x, y, size_average=False, reduction="mean")
    assert r.reduction == "sum" and float(r.value) == 4.0
    assert r.warnings == (
        "size_average and reduce args will be deprecated, please use reduction='sum' "
        "instead.",
    )
    assert compute("MSELoss", x, y, reduce=False).value.shape == (2,)
    with raises(
        "HuberLoss.__init__() got an unexpected keyword argument 'size_average'",
        "TypeError",
    ):
        compute("HuberLoss", x, y, size_average=True)
    assert LOSSES["HuberLoss"].legacy_args is False


# --- parameters -------------------------------------------------------------------------


@pytest.mark.parametrize("beta", [-1.0, -1e-300, float("nan")])
def test_negative_beta(beta: float) -> None:
    with raises(
        "smooth_l1_loss does not support negative values for beta.", "RuntimeError"
    ):
        compute("SmoothL1Loss", a64(1.0), a64(0.0), beta=beta)


@pytest.mark.parametrize(
    ("beta", "shown"),
    [
        ("a", "str"),
        (None, "NoneType"),
        (1j, "complex"),
        ([1.0], "list"),
        (np.array(0.5), "numpy.ndarray"),
    ],
)
def test_beta_type(beta: object, shown: str) -> None:
    message = (
        f"smooth_l1_loss(): argument 'beta' (position 4) must be float, not {shown}"
    )
    with raises(message, "TypeError"):
        compute("SmoothL1Loss", a64(1.0), a64(0.0), beta=beta)


def test_beta_accepts_numbers() -> None:
    """A bool, int or NumPy scalar ``beta`` acts as that number:
    ``0.5 d² / β`` where ``|d| < β``, else ``|d| - β / 2``."""
    d = a64(1.0, 0.25, -3.0)
    for beta in (True, 2, np.float32(0.5), np.int64(2)):
        b = float(beta)
        want = [0.5 * v * v / b if abs(v) < b else abs(v) - 0.5 * b for v in d]
        slope = [v / b if abs(v) < b else math.copysign(1.0, v) for v in d]
        r = compute("SmoothL1Loss", d, a64(0.0, 0.0, 0.0), beta=beta, reduction="none")
        np.testing.assert_allclose(r.value, want, rtol=1e-15)
        np.testing.assert_allclose(r.grad, slope, rtol=1e-15)


@pytest.mark.parametrize("delta", [0.0, -1.0, float("nan")])
def test_non_positive_delta(delta: float) -> None:
    with raises(
        "huber_loss does not support non-positive values for delta.", "RuntimeError"
    ):
        compute("HuberLoss", a64(1.0), a64(0.0), delta=delta)


@pytest.mark.parametrize(
    ("delta", "shown"),
    [
        (1j, "<class 'complex'>"),
        ("a", "<class 'str'>"),
        (None, "<class 'NoneType'>"),
        (np.float32(2.0), "<class 'numpy.float32'>"),
        (np.int64(2), "<class 'numpy.int64'>"),
    ],
)
def test_delta_type(delta: object, shown: str) -> None:
    with raises(f"delta must be a float or int, got: {shown}", "TypeError"):
        compute("HuberLoss", a64(1.0), a64(0.0), delta=delta)


def test_delta_accepts_int_bool_and_float64_scalar() -> None:
    """An int, bool or float64-scalar ``delta`` acts as that number:
    ``0.5 d²`` where ``|d| < δ``, else ``δ (|d| - δ / 2)``."""
    d = a64(1.5, 0.25, -3.0)
    for delta in (2, True, np.float64(2.0)):
        k = float(delta)
        want = [0.5 * v * v if abs(v) < k else k * (abs(v) - 0.5 * k) for v in d]
        slope = [v if abs(v) < k else math.copysign(k, v) for v in d]
        r = compute("HuberLoss", d, a64(0.0, 0.0, 0.0), delta=delta, reduction="none")
        np.testing.assert_allclose(r.value, want, rtol=1e-15)
        np.testing.assert_allclose(r.grad, slope, rtol=1e-15)


# --- dtypes -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", REGRESSION)
def test_float32_stays_float32(name: str) -> None:
    r = compute(name, [0.5, -1.25, 2.0], [0.1, 0.2, 0.3])
    assert r.value.dtype == F32 and r.grad.dtype == F32


@pytest.mark.parametrize("name", ["L1Loss", "MSELoss", "SmoothL1Loss"])
def test_mixed_float_promotes_but_grad_keeps_input_dtype(name: str) -> None:
    r = compute(name, np.array([0.5, -1.25], F32), a64(0.1, 0.2))
    assert r.value.dtype == F64 and r.grad.dtype == F32


def test_huber_output_has_input_dtype_and_notes_torch_backward() -> None:
    r = compute(
        "HuberLoss", np.array([0.5, -1.25], F32), a64(0.1, 0.2), reduction="none"
    )
    assert r.value.dtype == F32 and r.grad.dtype == F32
    np.testing.assert_allclose(r.value, [0.08, 0.95], rtol=1e-6)
    assert r.warnings == (
        "torch's huber_loss backward raises RuntimeError: Found dtype Double but "
        "expected Float; the gradient shown is for the target cast to Float.",
    )


def test_integer_l1() -> None:
    r = compute("L1Loss", [1, 2, 3], [3, 2, 0], reduction="none")
    assert r.value.dtype == np.int64
    np.testing.assert_array_equal(r.value, [2, 0, 3])
    r = compute(
        "L1Loss",
        np.array([1, 2], np.int32),
        np.array([3, 3], np.int32),
        reduction="sum",
    )
    assert r.value.dtype == np.int64 and int(r.value) == 3  # torch.sum of Int is Long
    with raises(
        "mean(): could not infer output dtype. Input dtype must be either a floating "
        "point or complex dtype. Got: Long",
        "RuntimeError",
    ):
        compute("L1Loss", [1, 2, 3], [3, 2, 0])


def test_integer_input_with_float_target_is_float32() -> None:
    for name in ("L1Loss", "MSELoss", "SmoothL1Loss"):
        r = compute(name, [1, 0, 2], [0.5, -1.25, 2.0], reduction="none")
        assert r.value.dtype == F32 and r.grad.dtype == F32


@pytest.mark.parametrize(
    ("name", "kernel"),
    [
        ("MSELoss", "mse_cpu"),
        ("SmoothL1Loss", "smooth_l1_cpu"),
        ("HuberLoss", "huber_cpu"),
    ],
)
def test_integer_kernels_not_implemented(name: str, kernel: str) -> None:
    for x, torch_name in (
        (np.array([1, 2]), "Long"),
        (np.array([1, 2], np.int32), "Int"),
        (np.array([1, 2], np.uint8), "Byte"),
        (np.array([True, False]), "Bool"),
    ):
        with raises(
            f"\"{kernel}\" not implemented for '{torch_name}'", "NotImplementedError"
        ):
            compute(name, x, x.copy(), reduction="none")


def test_huber_cannot_cast_to_integer_input() -> None:
    with raises(
        "result type Float can't be cast to the desired output type Long",
        "RuntimeError",
    ):
        compute("HuberLoss", [1, 0, 2], [0.5, -1.25, 2.0])


def test_bool_subtraction() -> None:
    b = np.array([True, False])
    with raises(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
        "`^` or `logical_xor()` operator instead.",
        "RuntimeError",
    ):
        compute("L1Loss", b, b)
    with raises(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
        "trying to invert a mask, use the `~` or `logical_not()` operator instead.",
        "RuntimeError",
    ):
        compute("L1Loss", np.array([0.5, 1.0], F32), b)
    # MSE's kernel promotes a bool target instead.
    assert (
        float(compute("MSELoss", np.array([0.5, 1.0], F32), b, reduction="sum").value)
        == 1.25
    )


def test_complex_l1_is_the_modulus() -> None:
    r = compute(
        "L1Loss", np.array([3 + 4j, 1 - 1j]), np.zeros(2, complex), reduction="none"
    )
    assert r.value.dtype == F64
    np.testing.assert_allclose(r.value, [5.0, np.sqrt(2)], rtol=1e-15)
    np.testing.assert_allclose(r.grad, [0.6 + 0.8j, (1 - 1j) / np.sqrt(2)], rtol=1e-15)
    with raises(
        "\"mse_cpu\" not implemented for 'ComplexDouble'", "NotImplementedError"
    ):
        compute("MSELoss", np.array([1j]), np.array([0j]))


def test_registry_entries() -> None:
    for name in REGRESSION:
        spec = LOSSES[name]
        assert spec.family == "regression"
        assert [(a.name, a.kind) for a in spec.forward] == [
            ("input", "float"),
            ("target", "float"),
        ]
    assert LOSSES["SmoothL1Loss"].param("beta").default == 1.0
    assert LOSSES["SmoothL1Loss"].param("beta").minimum == 0.0
    assert LOSSES["HuberLoss"].param("delta").default == 1.0


# --- against live torch -----------------------------------------------------------------


def _torch_call(
    torch: Any, name: str, x: np.ndarray, y: np.ndarray, kw: dict[str, Any]
) -> Any:
    functional = {
        "L1Loss": torch.nn.functional.l1_loss,
        "MSELoss": torch.nn.functional.mse_loss,
        "SmoothL1Loss": torch.nn.functional.smooth_l1_loss,
        "HuberLoss": torch.nn.functional.huber_loss,
    }[name]
    xt = torch.from_numpy(np.array(x)).requires_grad_(True)
    args = {
        k: (torch.from_numpy(v) if isinstance(v, np.ndarray) else v)
        for k, v in kw.items()
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = functional(xt, torch.from_numpy(np.array(y)), **args)
    out.sum().backward()
    return out.detach().numpy(), xt.grad.numpy(), [str(w.message) for w in caught]


def _cases() -> list[tuple[str, dict[str, Any]]]:
    options: dict[str, list[dict[str, Any]]] = {
        "L1Loss": [{}],
        "MSELoss": [{}],
        "SmoothL1Loss": [{"beta": b} for b in (1.0, 0.0, 0.25, 3.0, float("inf"))],
        "HuberLoss": [{"delta": d} for d in (1.0, 0.25, 3.0, float("inf"))],
    }
    return [
        (name, {**option, "reduction": red})
        for name in REGRESSION
        for option in options[name]
        for red in ("none", "mean", "sum")
    ]


@pytest.mark.parametrize("dtype", [F32, F64])
@pytest.mark.parametrize(("name", "kw"), _cases())
def test_matches_torch(name: str, kw: dict[str, Any], dtype: Any) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    special = np.array(
        [0.0, 0.25, -0.25, 1.0, -1.0, 3.0, -3.0, np.nan, np.inf, -np.inf, 1e4]
    )
    grid_x, grid_y = np.meshgrid(special, special)
    inputs = [
        (rng.normal(size=(4, 5)) * 2, rng.normal(size=(4, 5))),
        (grid_x.ravel(), grid_y.ravel()),
        (rng.normal(size=(4, 1)), rng.normal(size=(5,))),  # broadcast target
        (rng.normal(size=(5,)), rng.normal(size=(3, 5))),  # broadcast input
    ]
    for x, y in inputs:
        x, y = x.astype(dtype), y.astype(dtype)
        value, grad, warns = _torch_call(torch, name, x, y, kw)
        r = compute(name, x, y, **kw)
        assert_result_matches_torch(r, value, grad, [x, y, *kw.values()])
        assert list(r.warnings) == warns
        if name != "SmoothL1Loss":
            w = rng.uniform(0, 2, size=x.shape).astype(dtype)
            value, grad, _ = _torch_call(torch, name, x, y, {**kw, "weight": w})
            r = compute(name, x, y, weight=w, **kw)
            assert_result_matches_torch(r, value, grad, [x, y, w, *kw.values()])


@pytest.mark.parametrize("name", REGRESSION)
def test_dtype_combinations_match_torch(name: str) -> None:
    torch = pytest.importorskip("torch")
    arrays = {
        "f32": np.array([0.5, -1.25, 2.0], F32),
        "f64": a64(0.1, 0.2, 0.3),
        "i64": np.array([1, 0, 2]),
        "i32": np.array([1, 0, 2], np.int32),
        "bool": np.array([True, False, True]),
    }
    for (_, x), (_, y) in itertools.product(arrays.items(), repeat=2):
        for red in ("none", "sum"):
            xt, yt = torch.from_numpy(x), torch.from_numpy(y)
            try:
                expected = getattr(torch.nn, name)(reduction=red)(xt, yt).numpy()
            except (RuntimeError, NotImplementedError) as exc:
                with pytest.raises(LossInputError) as info:
                    compute(name, x, y, reduction=red)
                assert str(info.value) == str(exc)
                continue
            r = compute(name, x, y, reduction=red)
            assert_result_matches_torch(r, expected, None, [x, y])


@pytest.mark.parametrize("loss", ["L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss"])
def test_shape_error_comes_before_a_bad_reduction(loss):
    # F.<loss> broadcasts input and target before it looks at reduction
    # (found by tests/properties: the engine reported the reduction first).
    x, y = np.zeros(0, np.float32), np.zeros(2, np.float32)
    with pytest.raises(LossInputError) as info:
        compute(loss, x, y, reduction="foo")
    assert info.value.torch_text == (
        "RuntimeError: The size of tensor a (0) must match the size of tensor b (2) "
        "at non-singleton dimension 0"
    )
    with pytest.raises(LossInputError, match="foo is not a valid value"):
        compute(loss, np.zeros(2, np.float32), y, reduction="foo")


def test_weight_errors_come_before_a_bad_reduction():
    x = np.zeros(3)
    with pytest.raises(LossInputError, match="Weights and input must have the same"):
        compute("L1Loss", x, x, weight=np.ones(2), reduction="foo")
    with pytest.raises(LossInputError, match="Invalid reduction mode: foo"):
        compute("L1Loss", x, x, weight=np.ones(3), reduction="foo")


def test_huber_delta_type_comes_before_a_bad_reduction():
    x = np.zeros(3)
    with pytest.raises(LossInputError) as info:
        compute("HuberLoss", x, x, delta="1", reduction="foo")
    assert (
        info.value.torch_text
        == "TypeError: delta must be a float or int, got: <class 'str'>"
    )


def test_huber_broadcast_error_comes_before_the_delta_check():
    # F.huber_loss broadcasts before the kernel checks delta > 0 (tests/properties).
    with pytest.raises(LossInputError) as info:
        compute(
            "HuberLoss",
            np.zeros((0, 0), np.float32),
            np.zeros((0, 2), np.float32),
            delta=0.0,
        )
    assert info.value.torch_text == (
        "RuntimeError: The size of tensor a (0) must match the size of tensor b (2) "
        "at non-singleton dimension 1"
    )
