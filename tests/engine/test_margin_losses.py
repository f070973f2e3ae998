"""SoftMargin, HingeEmbedding, MultiMargin and MultiLabelMargin losses.

Hand-checked values, gradients at the kinks (torch spec 7.2), NaN handling
(7.3) and torch's error texts first; then a live comparison with torch 2.13
over random shapes, parameters, reductions and dtypes (skipped without torch).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from _margin_parity import check_against_torch

from lossgui.engine import LOSSES, LossInputError, compute

F32, F64, I64 = np.float32, np.float64, np.int64


def sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def raises(name: str, *tensors: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(LossInputError) as info:
        compute(name, *tensors, **kwargs)
    return info.value.torch_type, str(info.value)


# --------------------------------------------------------------------------- #
# SoftMarginLoss
# --------------------------------------------------------------------------- #


def test_soft_margin_values_and_grad() -> None:
    x, y = np.array([1.0, -2.0, 0.0]), np.array([1.0, 1.0, -1.0])
    r = compute("SoftMarginLoss", x, y, reduction="none")
    want = [math.log1p(math.exp(-1)), math.log1p(math.exp(2)), math.log(2)]
    np.testing.assert_allclose(r.value, want, rtol=1e-15)
    np.testing.assert_allclose(r.grad, [-sigmoid(-1), -sigmoid(2), 0.5], rtol=1e-15)
    mean = compute("SoftMarginLoss", x, y)
    assert mean.value == pytest.approx(sum(want) / 3, rel=1e-15)
    np.testing.assert_allclose(mean.grad, r.grad / 3, rtol=1e-15)


def test_soft_margin_is_not_overflow_safe_in_float32() -> None:
    x, y = np.array([-100.0, np.inf, -np.inf, np.nan]), np.ones(4)
    r32 = compute("SoftMarginLoss", x.astype(F32), y.astype(F32), reduction="none")
    assert r32.value.dtype == F32
    assert np.isinf(r32.value[0]) and np.isnan(r32.grad[0])  # exp overflows
    r64 = compute("SoftMarginLoss", x, y, reduction="none")
    assert (r64.value[0], r64.grad[0]) == (100.0, -1.0)
    assert r64.value[1] == 0 and r64.grad[1] == 0 and math.copysign(1, r64.grad[1]) < 0
    assert np.isinf(r64.value[2]) and np.isnan(r64.grad[2])
    assert np.isnan(r64.value[3]) and np.isnan(r64.grad[3])


def test_soft_margin_any_label_value_is_used() -> None:
    r = compute("SoftMarginLoss", np.array([3.0]), np.array([0.0]), reduction="sum")
    assert r.value == pytest.approx(math.log(2)) and r.grad[0] == 0


def test_soft_margin_bool_target_warns_about_torchs_backward() -> None:
    r = compute("SoftMarginLoss", np.array([1.0, 2.0]), np.array([True, False]))
    assert r.value == pytest.approx((math.log1p(math.exp(-1)) + math.log(2)) / 2)
    assert any("backward raises RuntimeError: Negation" in w for w in r.warnings)


def test_soft_margin_errors() -> None:
    x = np.zeros((3, 1), F32)
    assert raises("SoftMarginLoss", x, np.zeros(3, F32)) == (
        "RuntimeError",
        "output with shape [3, 1] doesn't match the broadcast shape [3, 3]",
    )
    assert raises("SoftMarginLoss", np.zeros(3, F32), np.zeros(4, F32))[1] == (
        "The size of tensor a (3) must match the size of tensor b (4) at "
        "non-singleton dimension 0"
    )
    assert raises("SoftMarginLoss", np.zeros(2, I64), np.ones(2, I64))[1] == (
        "result type Float can't be cast to the desired output type Long"
    )
    assert raises("SoftMarginLoss", x, x, reduction="Mean") == (
        "ValueError",
        "Mean is not a valid value for reduction",
    )


# --------------------------------------------------------------------------- #
# HingeEmbeddingLoss
# --------------------------------------------------------------------------- #


def test_hinge_values_kink_and_other_labels() -> None:
    x = np.array([0.3, 0.3, 0.3, 1.0, 2.0])
    y = np.array([1.0, -1.0, 0.0, -1.0, -1.0])
    r = compute("HingeEmbeddingLoss", x, y, reduction="none")
    np.testing.assert_allclose(r.value, [0.3, 0.7, 1.0, 0.0, 0.0], rtol=1e-15)
    # y=0 adds both terms (grad 1 - 1); x == margin with y=-1 is active (-1).
    np.testing.assert_array_equal(r.grad, [1.0, -1.0, 0.0, -1.0, 0.0])
    r = compute("HingeEmbeddingLoss", x, y, margin=2.0)
    assert r.value == pytest.approx((0.3 + 1.7 + 2.0 + 1.0 + 0.0) / 5)


def test_hinge_nan_gradient_is_gated() -> None:
    x = np.array([np.nan, np.nan])
    r = compute("HingeEmbeddingLoss", x, np.array([1.0, -1.0]), reduction="none")
    assert np.isnan(r.value).all()
    np.testing.assert_array_equal(r.grad, [1.0, 0.0])


def test_hinge_broadcasts_and_sums_the_gradient_back() -> None:
    x = np.array([0.5, 2.0])
    y = np.array([[1.0], [-1.0]])
    r = compute("HingeEmbeddingLoss", x, y, reduction="sum")
    assert r.value == pytest.approx(0.5 + 2.0 + 0.5 + 0.0)
    np.testing.assert_array_equal(r.grad, [0.0, 1.0])


def test_hinge_integer_input_is_integer_and_truncates_margin() -> None:
    x, y = np.array([0, 1, -3]), np.array([-1, -1, -1])
    r = compute("HingeEmbeddingLoss", x, y, margin=1.5, reduction="none")
    assert r.value.dtype == I64
    np.testing.assert_array_equal(r.value, [1, 0, 4])
    assert raises("HingeEmbeddingLoss", x, y) == (
        "RuntimeError",
        "mean(): could not infer output dtype. Input dtype must be either a "
        "floating point or complex dtype. Got: Long",
    )


# --------------------------------------------------------------------------- #
# MultiMarginLoss
# --------------------------------------------------------------------------- #

DOC_X = np.array([0.1, 0.2, 0.4, 0.8])


def test_multi_margin_documentation_example() -> None:
    r = compute("MultiMarginLoss", DOC_X, np.array(3))
    assert r.value.shape == () and r.value == pytest.approx(0.325, rel=1e-15)
    np.testing.assert_allclose(r.grad, [0.25, 0.25, 0.25, -0.75], rtol=1e-15)
    r = compute("MultiMarginLoss", DOC_X, np.array(3), p=2)
    assert r.value == pytest.approx((0.09 + 0.16 + 0.36) / 4)
    np.testing.assert_allclose(r.grad, [0.15, 0.2, 0.3, -0.65], rtol=1e-14)
    r = compute("MultiMarginLoss", DOC_X, np.array(3), weight=np.array([1, 1, 1, 2.0]))
    assert r.value == pytest.approx(0.65)


def test_multi_margin_kink_and_nan_contribute_nothing() -> None:
    r = compute("MultiMarginLoss", np.array([[0.0, 1.0, 0.5]]), np.array([1]))
    assert r.value == pytest.approx(0.5 / 3)  # z_0 == 0 exactly: not active
    np.testing.assert_allclose(r.grad, [[0.0, -1 / 3, 1 / 3]])
    r = compute("MultiMarginLoss", np.array([[np.nan, 0.0, 0.5]]), np.array([1]))
    assert r.value == pytest.approx(0.5)  # the NaN pair is skipped
    np.testing.assert_allclose(r.grad, [[0.0, -1 / 3, 1 / 3]])


def test_multi_margin_output_shape_follows_target() -> None:
    x = np.array([[0.1, 0.2, 0.4, 0.8]])
    assert (
        compute("MultiMarginLoss", x, np.array(3), reduction="none").value.shape == ()
    )
    one = compute("MultiMarginLoss", DOC_X, np.array([3]), reduction="none")
    assert one.value.shape == (1,)
    scalar = compute("MultiMarginLoss", np.array(0.5), np.array(0), reduction="none")
    assert scalar.value == 0 and scalar.grad.shape == ()


def test_multi_margin_empty_batch_mean_is_nan() -> None:
    x, t = np.zeros((0, 3)), np.zeros(0, I64)
    assert np.isnan(compute("MultiMarginLoss", x, t).value)
    assert compute("MultiMarginLoss", x, t, reduction="sum").value == 0
    assert compute("MultiMarginLoss", x, t, reduction="none").value.shape == (0,)


def test_multi_margin_errors() -> None:
    x, t = DOC_X[None], np.array([3])
    assert raises("MultiMarginLoss", x, t, p=3) == (
        "ValueError",
        "only p == 1 and p == 2 supported",
    )
    assert raises("MultiMarginLoss", x, t, weight=np.ones((1, 4))) == (
        "ValueError",
        "MultiMarginLoss: expected weight to be None or 1D tensor, got 2D instead",
    )
    # Constructor checks come before forward's reduction check, as in torch.
    assert raises("MultiMarginLoss", x, t, p=3, reduction="foo")[1] == (
        "only p == 1 and p == 2 supported"
    )
    assert raises("MultiMarginLoss", x, t, weight=np.ones(3))[1] == (
        "inconsistent weight size, expected 4 but got [3]"
    )
    assert raises("MultiMarginLoss", x, t, weight=np.ones(4, F32))[1] == (
        "expected scalar type Double but found Float"
    )
    assert raises("MultiMarginLoss", x, np.array([4]))[1] == "target out of range"
    assert raises("MultiMarginLoss", x, np.array([3.0]))[1] == (
        "expected scalar type Long but found Double"
    )
    assert raises("MultiMarginLoss", np.zeros((2, 2, 2)), t)[1] == (
        "Expected non-empty vector or matrix with optional 0-dim batch size, "
        "but got: [2, 2, 2]"
    )
    assert raises("MultiMarginLoss", np.zeros((5, 10)), np.zeros(3, I64))[1] == (
        "multi_margin_loss: target tensor should be 1-D with size equal to the "
        "number of input samples (batch size). Expected target size [5], but got "
        "[3]. Input has shape [5, 10]."
    )
    assert raises("MultiMarginLoss", x.astype(I64), t) == (
        "NotImplementedError",
        "\"multi_margin_loss_cpu_kernel\" not implemented for 'Long'",
    )


# --------------------------------------------------------------------------- #
# MultiLabelMarginLoss
# --------------------------------------------------------------------------- #


def test_multilabel_margin_documentation_example() -> None:
    r = compute("MultiLabelMarginLoss", DOC_X[None], np.array([[3, 0, -1, 1]]))
    assert r.value == pytest.approx(0.85, rel=1e-15)
    np.testing.assert_allclose(r.grad, [[-0.5, 0.5, 0.5, -0.5]], rtol=1e-15)
    r = compute(
        "MultiLabelMarginLoss", DOC_X, np.array([3, 0, -1, 1]), reduction="none"
    )
    assert r.value.shape == () and r.value == pytest.approx(0.85)


def test_multilabel_margin_label_lists() -> None:
    def loss(target: list[int]) -> float:
        return float(compute("MultiLabelMarginLoss", DOC_X, np.array(target)).value)

    assert loss([3, 3, -1, 0]) == pytest.approx(2 * loss([3, -1, 0, 0]))  # dupes
    assert loss([3, 2, 1, 0]) == 0  # every class listed: no non-targets
    assert loss([-1, 2, 1, 0]) == 0  # an empty list
    assert loss([3, -1, 2, 2]) == loss([3, -1, -1, -1])  # after -1: ignored


def test_multilabel_margin_kink_and_nan() -> None:
    r = compute("MultiLabelMarginLoss", [[0.0, 1.0, 0.4, 0.8]], [[1, -1, -1, 1]])
    assert r.value == pytest.approx(0.3)  # the pair at z == 0 adds nothing
    np.testing.assert_allclose(r.grad, [[0.0, -0.5, 0.25, 0.25]], rtol=1e-6)
    x = np.array([[0.1, np.nan, 0.4, 0.8]])
    r = compute("MultiLabelMarginLoss", x, [[3, 0, -1, 1]], reduction="sum")
    assert r.value == pytest.approx(0.475)  # NaN pairs are skipped
    np.testing.assert_allclose(r.grad, [[-0.25, 0.0, 0.5, -0.25]])


def test_multilabel_margin_empty_batch() -> None:
    x, t = np.zeros((0, 3)), np.zeros((0, 3), I64)
    assert np.isnan(compute("MultiLabelMarginLoss", x, t).value)
    assert compute("MultiLabelMarginLoss", x, t, reduction="sum").value == 0


def test_multilabel_margin_errors() -> None:
    x = DOC_X[None]
    for bad in ([[3, 0, -1, 4]], [[3, 0, -1, -2]]):
        assert raises("MultiLabelMarginLoss", x, np.array(bad))[1] == (
            "argument #2 'target' is out of range"
        )
    assert raises("MultiLabelMarginLoss", x, np.array([[3, 0, -1]]))[1] == (
        "inconsistent target size: [1, 3] for input of size: [1, 4]"
    )
    assert raises("MultiLabelMarginLoss", x, np.array([[3, 0, -1, 1.0]]))[1] == (
        "expected scalar type Long but found Double"
    )
    assert raises("MultiLabelMarginLoss", x, np.array([[np.nan, 0, 0, 0]]))[1] == (
        "value cannot be converted to type int64_t without overflow"
    )


def test_registry_entries() -> None:
    kinds = {
        "SoftMarginLoss": ("float", "float"),
        "HingeEmbeddingLoss": ("float", "float"),
        "MultiMarginLoss": ("float", "index"),
        "MultiLabelMarginLoss": ("float", "label_list"),
    }
    for name, want in kinds.items():
        spec = LOSSES[name]
        assert spec.family == "margin" and spec.legacy_args
        assert tuple(a.kind for a in spec.forward) == want
        assert all(a.doc and a.shape for a in spec.forward)
    assert LOSSES["MultiMarginLoss"].defaults == {
        "p": 1,
        "margin": 1.0,
        "weight": None,
        "reduction": "mean",
    }
    assert LOSSES["HingeEmbeddingLoss"].defaults["margin"] == 1.0


# --------------------------------------------------------------------------- #
# Live comparison with torch 2.13
# --------------------------------------------------------------------------- #

STD = ("none", "mean", "sum")
SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (0,), (0, 3))
Case = tuple[str, str, list[np.ndarray], dict[str, Any]]


def _scores(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> Any:
    x = rng.standard_normal(shape) * rng.choice([0.5, 2.0, 5.0])
    if x.size and rng.random() < 0.3:
        x.flat[rng.integers(x.size)] = rng.choice([100.0, -100.0, 1e4, np.nan])
    return x.astype(dtype)


def _labels(rng: np.random.Generator, shape: tuple[int, ...], dtype: Any) -> Any:
    y = rng.choice([1.0, -1.0], size=shape)
    if y.size and rng.random() < 0.25:
        y.flat[rng.integers(y.size)] = rng.choice([0.0, 2.0, 0.5])
    return np.asarray(y).astype(dtype)


def _elementwise_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    for name in ("SoftMarginLoss", "HingeEmbeddingLoss"):
        for dtype in (F32, F64):
            for shape in SHAPES:
                for red in STD:
                    x, y = _scores(rng, shape, dtype), _labels(rng, shape, dtype)
                    kw: dict[str, Any] = {"reduction": red}
                    if name == "HingeEmbeddingLoss" and rng.random() < 0.7:
                        kw["margin"] = float(rng.choice([0.0, 0.5, 2.5, -1.0]))
                    cases.append(
                        (f"{name}-{dtype.__name__}-{shape}-{red}", name, [x, y], kw)
                    )
        pairs = [
            ((3, 1), (3,)),
            ((3,), (2, 3)),
            ((2, 3), (3,)),
            ((4,), ()),
            ((3,), (4,)),
        ]
        pairs += [((2, 3), (3, 2))]
        for xs, ys in pairs:
            for red in STD:
                x, y = _scores(rng, xs, F64), _labels(rng, ys, F64)
                cases.append(
                    (f"{name}-bcast-{xs}-{ys}-{red}", name, [x, y], {"reduction": red})
                )
        mixed = [(F32, F64), (F64, F32), (F32, I64), (F64, np.bool_), (I64, I64)]
        mixed += [(np.bool_, F32), (I64, F32)]
        for xd, yd in mixed:
            for red in ("none", "sum", "mean"):
                x = rng.integers(-3, 4, size=(2, 3)).astype(xd)
                if np.dtype(xd).kind == "f":
                    x = _scores(rng, (2, 3), xd)
                y = rng.choice([1, -1, 0], size=(2, 3)).astype(yd)
                cases.append(
                    (
                        f"{name}-dtypes-{xd.__name__}-{yd.__name__}-{red}",
                        name,
                        [x, y],
                        {"reduction": red},
                    )
                )
        x, y = _scores(rng, (3, 2), F64), _labels(rng, (3, 2), F64)
        for extra in (
            {"size_average": False},
            {"reduce": False},
            {"reduction": "elementwise_mean"},
        ):
            cases.append((f"{name}-legacy-{extra}", name, [x, y], dict(extra)))
    edges = np.array([-100.0, 100.0, 88.0, -88.0, 89.0, np.inf, -np.inf, np.nan, 0.0])
    for dtype in (F32, F64):
        for sign in (1.0, -1.0):
            y = np.full(edges.shape, sign, dtype)
            for red in STD:
                cases.append(
                    (
                        f"SoftMarginLoss-edges-{sign}-{red}",
                        "SoftMarginLoss",
                        [edges.astype(dtype), y],
                        {"reduction": red},
                    )
                )
    for margin in (1.0, 0.1, -0.5, 3.0):
        for dtype in (F32, F64):
            m = float(np.asarray(margin, dtype))  # exactly on the kink margin - x == 0
            x = np.array([m, m, np.nan, np.nan, m, np.inf, -np.inf], dtype)
            y = np.array([-1.0, 1.0, 1.0, -1.0, 0.0, -1.0, -1.0], dtype)
            for red in ("none", "mean"):
                cases.append(
                    (
                        f"HingeEmbeddingLoss-kink-{margin}-{red}",
                        "HingeEmbeddingLoss",
                        [x, y],
                        {"margin": margin, "reduction": red},
                    )
                )
    return cases


def _multi_margin_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    for dtype in (F32, F64):
        for n, c in ((None, 1), (None, 4), (1, 1), (1, 3), (4, 5), (7, 2), (0, 3)):
            for red in STD:
                shape = (c,) if n is None else (n, c)
                x = _scores(rng, shape, dtype)
                rows = 1 if n is None else n
                t = rng.integers(0, c, size=rows)
                target = t.reshape(()) if n is None and rng.random() < 0.5 else t
                kw: dict[str, Any] = {"reduction": red, "p": int(rng.choice([1, 2]))}
                kw["margin"] = float(rng.choice([1.0, 0.5, 0.0, -0.5, 2.0]))
                if rng.random() < 0.5:
                    kw["weight"] = (rng.random(c) * 2 - 0.3).astype(dtype)
                cases.append(
                    (
                        f"MultiMarginLoss-{dtype.__name__}-{shape}-{red}",
                        "MultiMarginLoss",
                        [x, target],
                        kw,
                    )
                )
    for dtype in (F32, F64):  # exact kinks z == 0, NaN and inf scores
        x = np.array(
            [[0.0, 1.0, 0.5, -1.0], [np.nan, 0.0, 2.0, 1.0], [np.inf, 0, 1, 2]], dtype
        )
        for p in (1, 2):
            for red in STD:
                cases.append(
                    (
                        f"MultiMarginLoss-kink-{p}-{red}",
                        "MultiMarginLoss",
                        [x, np.array([1, 3, 2])],
                        {"p": p, "reduction": red},
                    )
                )
    x = np.array(0.5)
    cases.append(
        (
            "MultiMarginLoss-0d",
            "MultiMarginLoss",
            [x, np.array(0)],
            {"reduction": "none"},
        )
    )
    cases.append(
        (
            "MultiMarginLoss-0d-1",
            "MultiMarginLoss",
            [x, np.array([0])],
            {"reduction": "none"},
        )
    )
    x, t = np.zeros((2, 3)), np.array([0, 1])
    errors: list[tuple[list[np.ndarray], dict[str, Any]]] = [
        ([x, np.array([0, 3])], {}),
        ([x, np.array([-1, 0])], {}),
        ([x, t.astype(np.int32)], {}),
        ([x, t.astype(F32)], {}),
        ([x, np.array([[0, 1]])], {}),
        ([x, np.array(0)], {}),
        ([np.zeros((2, 0)), t], {}),
        ([np.zeros(0), np.zeros(0, I64)], {}),
        ([np.zeros((2, 2, 2)), t], {}),
        ([x.astype(np.float16), t], {}),
        ([x, t], {"weight": np.ones(3, F32)}),
        ([x, t.astype(F32)], {"weight": np.ones(3, F32)}),
        ([x, np.array([5, 0])], {"weight": np.ones(3, F32)}),
        ([x, t], {"weight": np.ones(3, I64)}),
        ([x, np.array([[0, 1]])], {"weight": np.ones(2)}),
        ([x, t], {"reduction": "foo"}),
        ([x, t], {"reduction": "elementwise_mean"}),
        ([x, t], {"p": 2.0}),
        ([x, t], {"p": 3, "reduction": "foo"}),
        ([x, t], {"weight": np.ones((1, 3)), "reduction": "foo"}),
        ([x, t], {"weight": np.array(1.0)}),
        ([np.zeros((0, 3)), np.zeros(0, F32)], {"reduction": "none"}),
    ]
    for i, (tensors, kw) in enumerate(errors):
        cases.append((f"MultiMarginLoss-check-{i}", "MultiMarginLoss", tensors, kw))
    return cases


def _label_lists(rng: np.random.Generator, n: int, c: int) -> Any:
    rows = []
    for _ in range(n):
        k = int(rng.integers(0, c + 1))
        row = list(rng.choice(c, size=k, replace=False))
        if k and rng.random() < 0.3:
            row[-1] = row[0]  # a duplicate
        if k < c:
            row.append(-1)
        row += list(rng.integers(-1, c, size=c - len(row)))
        rows.append(row)
    return np.array(rows, dtype=I64).reshape(n, c)


def _multilabel_margin_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = []
    name = "MultiLabelMarginLoss"
    for dtype in (F32, F64):
        for n, c in (
            (None, 1),
            (None, 4),
            (1, 1),
            (1, 3),
            (4, 5),
            (6, 2),
            (3, 8),
            (0, 3),
        ):
            for red in STD:
                shape = (c,) if n is None else (n, c)
                x = _scores(rng, shape, dtype)
                if x.size and rng.random() < 0.4:  # ties make exact kinks z == 0
                    x = (rng.integers(-2, 3, size=shape) / 2).astype(dtype)
                t = _label_lists(rng, 1 if n is None else n, c).reshape(x.shape)
                cases.append(
                    (
                        f"{name}-{dtype.__name__}-{shape}-{red}",
                        name,
                        [x, t],
                        {"reduction": red},
                    )
                )
    x = np.zeros((2, 3))
    errors = [
        [x, np.array([[0, 1, 2], [0, 3, -1]])],
        [x, np.array([[0, 1, 2], [-2, 0, 0]])],
        [x, np.array([[0, 1, 2], [-1.5, 0, 0]])],
        [x, np.array([[0, 1, 2], [2.9, 0, 0]])],
        [x, np.array([[0, 1, 2], [np.inf, 0, 0]])],
        [x, np.array([0, 1, 2])],
        [x, np.array([[0, 1], [0, 1]])],
        [x[0], np.array([[0, 1, 2]])],
        [x.astype(I64), np.array([[0, 1, 2], [0, 1, 2]])],
        [x, np.array([[0, 1, 2], [0, 1, 2]], np.int32)],
        [np.zeros((2, 0)), np.zeros((2, 0), I64)],
        [np.zeros((2, 2, 2)), np.zeros((2, 2, 2), I64)],
        [np.array(0.5), np.array(0)],
        [np.array(0.5), np.array([-1])],
        [np.array(0.5), np.array(1)],
    ]
    for i, tensors in enumerate(errors):
        cases.append((f"{name}-check-{i}", name, tensors, {"reduction": "none"}))
    return cases


def _torch_defined(case: Case) -> bool:
    """False for an empty batch's 'mean'/'sum' of the multi-class kernels: torch
    returns uninitialised memory there (the engine gives NaN / 0, tested above)."""
    _, name, tensors, kwargs = case
    empty = tensors[0].ndim == 2 and tensors[0].shape[0] == 0
    reduced = kwargs.get("reduction", "mean") != "none"
    return not (name.startswith("Multi") and empty and reduced)


#: What torch's argument parser accepts or rejects for ``margin``.
ODD_MARGINS = (None, "a", True, 2, math.nan, math.inf, 1 + 0j, 1 + 2j, np.array(0.5))


def _odd_margin_cases() -> list[Case]:
    cases: list[Case] = []
    for i, margin in enumerate(ODD_MARGINS):
        for dtype in (F32, F64):
            x = np.array([[0.1, 0.9, -0.4], [2.0, 0.5, 0.5]], dtype)
            y = np.array([[1.0, -1.0, -1.0], [-1.0, 0.0, 1.0]], dtype)
            kw = {"margin": margin}
            cases.append((f"margin-{i}", "HingeEmbeddingLoss", [x, y], kw))
            cases.append((f"margin-{i}", "MultiMarginLoss", [x, np.array([2, 0])], kw))
    return cases


def _all_cases() -> list[Case]:
    rng = np.random.default_rng(20261126)
    cases = _elementwise_cases(rng) + _multi_margin_cases(rng) + _odd_margin_cases()
    return [c for c in cases + _multilabel_margin_cases(rng) if _torch_defined(c)]


LIVE = _all_cases()


@pytest.mark.parametrize(
    "case", LIVE, ids=[f"{i:03d}-{c[0]}" for i, c in enumerate(LIVE)]
)
def test_live_against_torch(case: Case) -> None:
    torch = pytest.importorskip("torch")
    _, name, tensors, kwargs = case
    check_against_torch(torch, name, tensors, kwargs)
