"""MarginRankingLoss and CosineEmbeddingLoss: forward(input1, input2, target).

Hand-checked values, gradients (w.r.t. input1) at the kinks (torch spec 7.2),
NaN handling (7.3) and torch's error texts; then a live comparison with torch
2.13 over random shapes, margins, reductions and dtypes (skipped without torch).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from _margin_parity import check_against_torch

from lossgui.engine import LOSSES, LossInputError, compute

F32, F64, I64 = np.float32, np.float64, np.int64
EPS_F = float(np.float32(1e-12))


def raises(name: str, *tensors: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(LossInputError) as info:
        compute(name, *tensors, **kwargs)
    return info.value.torch_type, str(info.value)


# --------------------------------------------------------------------------- #
# MarginRankingLoss
# --------------------------------------------------------------------------- #


def test_margin_ranking_values_and_kink() -> None:
    x1, x2 = np.array([1.0, 2.0, 0.5, 3.0]), np.array([2.0, 1.0, 0.5, 1.0])
    y = np.array([1.0, 1.0, 1.0, -1.0])
    r = compute("MarginRankingLoss", x1, x2, y, reduction="none")
    np.testing.assert_array_equal(r.value, [1.0, 0.0, 0.0, 2.0])
    # x1 == x2 with margin 0 sits on the kink: the hinge is active there.
    np.testing.assert_array_equal(r.grad, [-1.0, 0.0, -1.0, 1.0])
    r = compute("MarginRankingLoss", x1, x2, y, margin=0.5)
    assert r.value == pytest.approx((1.5 + 0.0 + 0.5 + 2.5) / 4)
    np.testing.assert_array_equal(r.grad, [-0.25, 0.0, -0.25, 0.25])


def test_margin_ranking_zero_label_and_nan() -> None:
    r = compute(
        "MarginRankingLoss", [1.0, np.nan], [5.0, 0.0], [0.0, 1.0], reduction="none"
    )
    assert r.value[0] == 0 and np.isnan(r.value[1])
    assert r.grad[0] == 0 and math.copysign(1, r.grad[0]) < 0  # -0.0 for y = 0
    assert r.grad[1] == 0  # the hinge test is false for NaN


def test_margin_ranking_broadcasts_after_the_ndim_check() -> None:
    x1 = np.arange(10.0).reshape(5, 2)
    r = compute(
        "MarginRankingLoss", x1, np.zeros((5, 1)), np.ones((1, 2)), margin=100.0
    )
    assert r.value.shape == () and r.grad.shape == (5, 2)
    r = compute("MarginRankingLoss", [1.0], np.zeros((3,)), [-1.0], reduction="sum")
    assert r.value == 3.0 and r.grad.shape == (1,)
    assert r.grad[0] == 3.0  # three active pairs summed back to input1's one


def test_margin_ranking_dtypes() -> None:
    r = compute(
        "MarginRankingLoss", [1, 2], [2, 1], [1, -1], margin=1, reduction="none"
    )
    assert r.value.dtype == F32  # integer inputs compute in float32
    np.testing.assert_array_equal(r.value, [2.0, 2.0])
    x = np.ones(2, F32)
    assert compute("MarginRankingLoss", x, x, np.ones(2)).value.dtype == F64


def test_margin_ranking_errors() -> None:
    assert raises("MarginRankingLoss", np.zeros(3), np.zeros((3, 1)), np.zeros(3)) == (
        "RuntimeError",
        "margin_ranking_loss : All input tensors should have same dimension but got "
        "sizes: input1: torch.Size([3]), input2: torch.Size([3, 1]), target: "
        "torch.Size([3]) ",
    )
    assert raises("MarginRankingLoss", [1.0], [1.0], [True])[1].startswith(
        "Negation, the `-` operator, on a bool tensor is not supported."
    )
    z = np.zeros(2, np.complex64)
    assert raises("MarginRankingLoss", z, z, np.ones(2)) == (
        "NotImplementedError",
        "clamp is not supported for complex types",
    )


# --------------------------------------------------------------------------- #
# CosineEmbeddingLoss
# --------------------------------------------------------------------------- #


def test_cosine_embedding_values() -> None:
    x1, x2 = np.array([[1.0, 0.0], [1.0, 0.0], [3.0, 4.0]]), np.array([[1.0, 1.0]] * 3)
    cos = [1 / math.sqrt((1 + EPS_F) * (2 + EPS_F))] * 2 + [7 / math.sqrt(25 * 2)]
    r = compute("CosineEmbeddingLoss", x1, x2, [1.0, -1.0, 0.0], reduction="none")
    np.testing.assert_allclose(r.value, [1 - cos[0], cos[1], 0.0], rtol=1e-15)
    r = compute("CosineEmbeddingLoss", x1, x2, [1.0, -1.0, -1.0], margin=0.8)
    assert r.value == pytest.approx((1 - cos[0] + 0 + (cos[2] - 0.8)) / 3)


def test_cosine_embedding_zero_vector_uses_float32_eps() -> None:
    r = compute("CosineEmbeddingLoss", np.zeros(3), np.ones(3), np.array(1.0))
    assert r.value.shape == () and r.value == 1.0
    want = -1 / math.sqrt(EPS_F * (3 + EPS_F))  # ≈ -577350.27
    np.testing.assert_allclose(r.grad, [want] * 3, rtol=1e-14)


def test_cosine_embedding_kink_is_active() -> None:
    x1, x2 = np.array([[3.0, 4.0]]), np.array([[4.0, 3.0]])
    cos = 24.0 / math.sqrt((25.0 + EPS_F) * (25.0 + EPS_F))
    r = compute("CosineEmbeddingLoss", x1, x2, [-1.0], margin=cos, reduction="sum")
    assert r.value == 0
    den, m1 = math.sqrt((25.0 + EPS_F) ** 2), 25.0 + EPS_F
    want = x2 / den - cos * x1 / m1  # dcos/dx1, not zero
    np.testing.assert_allclose(r.grad, want, rtol=1e-12)


def test_cosine_embedding_nan_row() -> None:
    x1 = np.array([[np.nan, 1.0], [1.0, 2.0]])
    r = compute(
        "CosineEmbeddingLoss", x1, np.ones((2, 2)), [1.0, 1.0], reduction="none"
    )
    assert np.isnan(r.value[0]) and np.isfinite(r.value[1])
    assert np.isnan(r.grad[0]).all() and np.isfinite(r.grad[1]).all()
    # Label 0 selects neither branch: loss 0, but autograd still divides by
    # the NaN norm, so torch's gradient for that row is NaN.
    r = compute(
        "CosineEmbeddingLoss", x1, np.ones((2, 2)), [0.0, 1.0], reduction="none"
    )
    assert r.value[0] == 0 and np.isnan(r.grad[0]).all()


def test_cosine_embedding_output_dtype_follows_inputs() -> None:
    x = np.ones((2, 3), F32)
    assert compute("CosineEmbeddingLoss", x, x, np.ones(2)).value.dtype == F32
    assert (
        compute("CosineEmbeddingLoss", x, x.astype(F64), np.ones(2)).value.dtype == F64
    )
    ints = np.ones((2, 3), I64)
    assert (
        compute("CosineEmbeddingLoss", ints, ints, np.ones(2, I64)).value.dtype == F32
    )


def test_cosine_embedding_errors() -> None:
    a, b = np.zeros((5, 3)), np.zeros(3)
    assert raises("CosineEmbeddingLoss", b, b, np.ones(1))[1] == (
        "1D target tensor expects 2D input tensors, but found inputs with sizes [3] "
        "and [3]."
    )
    assert raises("CosineEmbeddingLoss", a, a, np.array(1.0))[1] == (
        "0D target tensor expects 1D input tensors, but found inputs with sizes "
        "[5, 3] and [5, 3]."
    )
    assert raises("CosineEmbeddingLoss", a, a, np.ones((5, 1)))[1] == (
        "0D or 1D target tensor expected, multi-target not supported"
    )
    assert raises("CosineEmbeddingLoss", a, np.zeros((4, 3)), np.ones(5))[1] == (
        "The size of tensor a (5) must match the size of tensor b (4) at "
        "non-singleton dimension 0"
    )


def test_registry_entries() -> None:
    for name in ("MarginRankingLoss", "CosineEmbeddingLoss"):
        spec = LOSSES[name]
        assert spec.family == "ranking" and spec.legacy_args
        assert [a.name for a in spec.forward] == ["input1", "input2", "target"]
        assert all(a.kind == "float" and a.doc and a.shape for a in spec.forward)
        assert spec.defaults == {"margin": 0.0, "reduction": "mean"}


# --------------------------------------------------------------------------- #
# Live comparison with torch 2.13
# --------------------------------------------------------------------------- #

STD = ("none", "mean", "sum")
Case = tuple[str, str, list[np.ndarray], dict[str, Any]]


def _values(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> Any:
    x = rng.standard_normal(shape) * rng.choice([0.5, 2.0])
    if x.size and rng.random() < 0.25:
        x.flat[rng.integers(x.size)] = rng.choice([np.nan, np.inf, 1e4, 0.0])
    return x.astype(dtype)


def _labels(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> Any:
    y = rng.choice([1.0, -1.0], size=shape)
    if y.size and rng.random() < 0.3:
        y.flat[rng.integers(y.size)] = rng.choice([0.0, 2.0, np.nan])
    return np.asarray(y).astype(dtype)


def _ranking_cases(rng: np.random.Generator) -> list[Case]:
    name, cases = "MarginRankingLoss", []
    shapes = [
        ((), (), ()),
        ((5,), (5,), (5,)),
        ((3, 4), (3, 4), (3, 4)),
        ((5, 2), (5, 1), (1, 2)),
        ((1,), (3,), (1,)),
        ((3,), (3,), (1,)),
        ((2, 1, 3), (1, 4, 3), (2, 4, 1)),
        ((0,), (0,), (0,)),
        ((0, 2), (1, 2), (0, 1)),
    ]
    for dtype in (F32, F64):
        for s1, s2, st in shapes:
            for red in STD:
                x1, x2 = _values(rng, s1, dtype), _values(rng, s2, dtype)
                kw: dict[str, Any] = {"reduction": red}
                if rng.random() < 0.7:
                    kw["margin"] = float(rng.choice([0.5, -0.25, 1.0, 2.0]))
                tensors = [x1, x2, _labels(rng, st, dtype)]
                cases.append(
                    (f"{name}-{dtype.__name__}-{s1}-{s2}-{st}-{red}", name, tensors, kw)
                )
    for dtype in (F32, F64):  # exactly on the kink: -y (x1 - x2) + margin == 0
        x1 = (rng.integers(-8, 8, size=6) / 4).astype(dtype)
        y = np.array([1.0, -1.0, 1.0, -1.0, 0.0, 1.0], dtype)
        for margin in (0.0, 0.5, -0.75):
            x2 = (x1 - margin * y).astype(dtype)
            for red in ("none", "mean"):
                kw = {"margin": margin, "reduction": red}
                cases.append((f"{name}-kink-{margin}-{red}", name, [x1, x2, y], kw))
    mixed = [(F32, F64, F32), (F64, F32, F32), (F32, F32, I64), (I64, I64, I64)]
    mixed += [(I64, F32, F64), (F32, F32, F64), (np.int32, I64, F32)]
    for d1, d2, dt in mixed:
        x1 = rng.integers(-3, 4, size=(2, 3)).astype(d1)
        x2 = rng.integers(-3, 4, size=(2, 3)).astype(d2)
        y = rng.choice([1, -1], size=(2, 3)).astype(dt)
        for red in STD:
            kw = {"reduction": red, "margin": 0.5}
            cases.append(
                (
                    f"{name}-dtypes-{d1.__name__}-{d2.__name__}-{dt.__name__}-{red}",
                    name,
                    [x1, x2, y],
                    kw,
                )
            )
    x, b = np.zeros(3), np.array([True, False, True])
    errors: list[tuple[list[np.ndarray], dict[str, Any]]] = [
        ([x, x.reshape(3, 1), x], {}),
        ([x, x, x.reshape(1, 3)], {}),
        ([x, np.zeros(4), x], {}),
        ([x, x, np.zeros(4)], {}),
        ([np.zeros((2, 3)), np.zeros((3, 2)), np.zeros((2, 3))], {}),
        ([x, x, b], {}),
        ([b, b, x], {}),
        ([b, b, b], {}),
        ([b, x, x], {}),
        ([x.astype(np.complex64), x, x], {}),
        ([x, x, x], {"reduction": "foo"}),
        ([x, x, x], {"reduction": "elementwise_mean"}),
        ([x, x, x], {"size_average": False}),
        ([x, x, x], {"reduce": False}),
    ]
    for i, (tensors, kw) in enumerate(errors):
        cases.append((f"{name}-check-{i}", name, tensors, kw))
    return cases


def _exact_kink(dtype: Any) -> tuple[list[np.ndarray], float]:
    """Small-integer pairs whose cosine every implementation rounds alike."""
    x1 = np.array([[3.0, 4.0], [1.0, 0.0], [2.0, 2.0]], dtype)
    x2 = np.array([[4.0, 3.0], [1.0, 1.0], [1.0, 0.0]], dtype)
    eps = dtype(EPS_F)
    cos = (x1 * x2).sum(1) / np.sqrt(
        ((x1 * x1).sum(1) + eps) * ((x2 * x2).sum(1) + eps)
    )
    return [x1, x2, np.array([-1.0, -1.0, 1.0], dtype)], float(cos[0])


def _cosine_cases(rng: np.random.Generator) -> list[Case]:
    name, cases = "CosineEmbeddingLoss", []
    shapes = [
        ((4, 3), (4, 3), (4,)),
        ((1, 5), (1, 5), (1,)),
        ((6, 1), (6, 1), (6,)),
        ((3,), (3,), ()),
        ((1, 3), (4, 3), (4,)),
        ((4, 3), (4, 1), (1,)),
        ((1, 2), (1, 2), (3,)),
        ((0, 3), (0, 3), (0,)),
        ((2, 0), (2, 0), (2,)),
    ]
    for dtype in (F32, F64):
        for s1, s2, st in shapes:
            for red in STD:
                x1, x2 = _values(rng, s1, dtype), _values(rng, s2, dtype)
                if x1.ndim == 2 and x1.shape[0] > 1 and rng.random() < 0.4:
                    x1[0] = 0.0  # a zero vector
                kw: dict[str, Any] = {"reduction": red}
                if rng.random() < 0.7:
                    kw["margin"] = float(rng.choice([-0.5, 0.3, 0.9, 0.0]))
                tensors = [x1, x2, _labels(rng, st, dtype)]
                cases.append(
                    (f"{name}-{dtype.__name__}-{s1}-{s2}-{st}-{red}", name, tensors, kw)
                )
    for dtype in (F32, F64):
        tensors, margin = _exact_kink(dtype)
        for red in STD:
            kw = {"margin": margin, "reduction": red}
            cases.append((f"{name}-kink-{dtype.__name__}-{red}", name, tensors, kw))
    mixed = [(F32, F64, F32), (F64, F32, F64), (F32, F32, F64), (I64, I64, I64)]
    mixed += [(I64, F32, F32), (np.bool_, np.bool_, F32), (F32, F32, np.bool_)]
    for d1, d2, dt in mixed:
        x1 = rng.integers(-3, 4, size=(3, 4)).astype(d1)
        x2 = rng.integers(-3, 4, size=(3, 4)).astype(d2)
        y = rng.choice([1, -1], size=3).astype(dt)
        for red in STD:
            kw = {"reduction": red, "margin": 0.25}
            cases.append(
                (
                    f"{name}-dtypes-{d1.__name__}-{d2.__name__}-{dt.__name__}-{red}",
                    name,
                    [x1, x2, y],
                    kw,
                )
            )
    a, v = np.ones((3, 2)), np.ones(2)
    errors: list[tuple[list[np.ndarray], dict[str, Any]]] = [
        ([v, v, np.ones(1)], {}),
        ([a, a, np.array(1.0)], {}),
        ([a, a, np.ones((3, 1))], {}),
        ([a[None], a[None], np.ones(1)], {}),
        ([a, v, np.ones(3)], {}),
        ([a, np.ones((2, 2)), np.ones(3)], {}),
        ([a, np.ones((3, 3)), np.ones(3)], {}),
        ([a, a, np.ones(2)], {}),
        ([v, np.ones(3), np.array(1.0)], {}),
        ([a.astype(np.complex64), a, np.ones(3)], {}),
        ([a.astype(np.complex64), a, np.ones(4)], {}),
        ([a, a, np.ones(3)], {"reduction": "sum", "size_average": True}),
        ([a, a, np.ones(3)], {"reduction": "elementwise_mean"}),
        ([a, a, np.ones(3)], {"reduction": None}),
    ]
    for i, (tensors, kw) in enumerate(errors):
        cases.append((f"{name}-check-{i}", name, tensors, kw))
    return cases


#: What torch's argument parser accepts or rejects for ``margin``.
ODD_MARGINS = (None, "a", True, 2, math.nan, math.inf, 1 + 0j, np.array(0.5))


def _odd_margin_cases() -> list[Case]:
    cases: list[Case] = []
    x1 = np.array([[0.1, 0.9, -0.4], [2.0, 0.5, 0.5]])
    x2 = np.array([[0.3, 0.2, 0.4], [-1.0, 0.5, 1.5]])
    for i, margin in enumerate(ODD_MARGINS):
        kw = {"margin": margin}
        y = np.array([[1.0, -1.0, -1.0], [-1.0, 0.0, 1.0]])
        cases.append((f"margin-{i}", "MarginRankingLoss", [x1, x2, y], kw))
        y = np.array([1.0, -1.0])
        cases.append((f"margin-{i}", "CosineEmbeddingLoss", [x1, x2, y], kw))
    x = np.zeros(3)  # the ndim check comes before the margin's type check
    kw = {"margin": "a"}
    cases.append(("margin-ndim", "MarginRankingLoss", [x, x[None], x], kw))
    return cases


_RNG = np.random.default_rng(20261127)
LIVE = _ranking_cases(_RNG) + _cosine_cases(_RNG) + _odd_margin_cases()


@pytest.mark.parametrize(
    "case", LIVE, ids=[f"{i:03d}-{c[0]}" for i, c in enumerate(LIVE)]
)
def test_live_against_torch(case: Case) -> None:
    torch = pytest.importorskip("torch")
    _, name, tensors, kwargs = case
    check_against_torch(torch, name, tensors, kwargs)
