"""TripletMarginLoss and TripletMarginWithDistanceLoss: values, ties, errors, parity."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest
from torch_parity import assert_result_matches_torch
from torch_reference_cases import decode_array

from lossgui.engine import LOSSES, LossInputError, compute
from lossgui.engine.distances import DISTANCES

Array = np.ndarray

# --------------------------------------------------------------------------- helpers


def torch_run(torch: Any, module: Any, arrays: list[Array]) -> tuple[Array, Array]:
    """Value and d sum / d anchor (zeros where torch has no gradient, e.g. p=0)."""
    tensors = [torch.from_numpy(np.array(a)) for a in arrays]
    first = tensors[0]
    if first.is_floating_point():
        first.requires_grad_(True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = module(*tensors)
    if out.requires_grad:
        out.sum().backward()
    if first.grad is None:
        return out.detach().numpy(), np.zeros(first.shape, np.asarray(arrays[0]).dtype)
    return out.detach().numpy(), first.grad.numpy()


def torch_distance(torch: Any, name: str) -> Any:
    functional = torch.nn.functional
    return {
        "pairwise_distance": None,
        "cosine_distance": lambda x, y: (
            1.0 - functional.cosine_similarity(x, y, dim=-1)
        ),
        "l1": lambda x, y: functional.pairwise_distance(x, y, p=1.0),
        "squared_euclidean": lambda x, y: (x - y).pow(2).sum(-1),
    }[name]


def random_triplet(rng: np.random.Generator, case: int) -> tuple[Array, Array, Array]:
    """Anchor/positive/negative with broadcasting, ties and dtypes."""
    base = [(4, 3), (5,), (2, 3, 4), (6, 1), (3, 0)][case % 5]
    shapes = [base, base, base]
    if len(base) >= 2 and rng.integers(3) == 0:  # broadcast one tensor's rows
        shapes[int(rng.integers(3))] = (1, *base[1:])
    a, p, n = (rng.normal(size=s) for s in shapes)
    if rng.integers(4) == 0 and shapes[0] == shapes[1]:
        p = a.copy()  # d(a, n) == d(p, n): the swap tie
    if rng.integers(5) == 0:
        a, p, n = (np.round(t) for t in (a, p, n))  # exact zeros and ties
    kind = int(rng.integers(4))
    if kind == 1:
        return a.astype(np.float32), p.astype(np.float32), n.astype(np.float32)
    if kind == 2:
        return a.astype(np.float32), p, n
    return a, p, n


# --------------------------------------------------------------------------- registry


def test_registered() -> None:
    spec = LOSSES["TripletMarginLoss"]
    assert spec.family == "ranking"
    assert [a.name for a in spec.forward] == ["anchor", "positive", "negative"]
    assert spec.defaults == {
        "margin": 1.0,
        "p": 2.0,
        "eps": 1e-6,
        "swap": False,
        "reduction": "mean",
    }
    spec = LOSSES["TripletMarginWithDistanceLoss"]
    choice = spec.param("distance_function")
    assert choice.kind == "choice" and choice.default == "pairwise_distance"
    assert set(choice.choices) == set(DISTANCES)
    assert not spec.legacy_args


# --------------------------------------------------------------------------- values


def test_hand_values_and_active_at_zero() -> None:
    a, p, n = np.array([[0.0, 0.0]]), np.array([[3.0, 4.0]]), np.array([[8.0, -6.0]])
    r = compute("TripletMarginLoss", a, p, n, margin=6.0, eps=0.0, reduction="none")
    np.testing.assert_allclose(r.value, [1.0])  # 6 + 5 - 10
    np.testing.assert_allclose(r.grad, [[0.2, -1.4]])  # (a-p)/5 - (a-n)/10
    # z == 0: the loss is 0 but the hinge is active (torch's clamp_min backward)
    r = compute("TripletMarginLoss", a, p, n, margin=5.0, eps=0.0, reduction="none")
    np.testing.assert_allclose(r.value, [0.0])
    np.testing.assert_allclose(r.grad, [[0.2, -1.4]])
    # inactive: zero gradient
    r = compute("TripletMarginLoss", a, p, n, margin=4.0, eps=0.0)
    np.testing.assert_array_equal(r.grad, [[0.0, 0.0]])


def test_eps_is_added_to_the_difference() -> None:
    x = np.ones((1, 4))
    r = compute("TripletMarginLoss", x, x, x + 10.0, reduction="none")
    d_ap = 1e-6 * 2.0  # ‖eps·1‖₂ over D = 4
    d_an = math.sqrt(4 * (10.0 - 1e-6) ** 2)
    assert r.value[0] == pytest.approx(max(0.0, 1.0 + d_ap - d_an))
    r = compute("TripletMarginLoss", x, x, x + 0.1, reduction="none")
    assert r.value[0] == pytest.approx(1.0 + d_ap - 2 * (0.1 - 1e-6), rel=1e-12)
    assert np.all(np.isfinite(r.grad))


def test_swap_tie_splits_the_gradient() -> None:
    a = np.array([[0.0, 0.0]])
    n = np.array([[3.0, 4.0]])
    r = compute("TripletMarginLoss", a, a, n, margin=10.0, eps=0.0, swap=True)
    # d(a,p) = 0 (norm 0: no gradient); d(a,n) = d(p,n) = 5: half of -(a-n)/5
    np.testing.assert_allclose(r.grad, [[0.3, 0.4]])
    r = compute("TripletMarginLoss", a, a, n, margin=10.0, eps=0.0, swap=False)
    np.testing.assert_allclose(r.grad, [[0.6, 0.8]])


def test_swap_uses_the_smaller_distance() -> None:
    a, p, n = np.array([[0.0, 0.0]]), np.array([[2.0, 0.0]]), np.array([[3.0, 0.0]])
    r = compute("TripletMarginLoss", a, p, n, eps=0.0, swap=True, reduction="none")
    np.testing.assert_allclose(r.value, [2.0])  # 1 + 2 - min(3, 1)
    np.testing.assert_allclose(r.grad, [[-1.0, 0.0]])  # d(p, n) has no anchor grad


def test_shapes_and_reductions() -> None:
    rng = np.random.default_rng(0)
    a, p, n = (rng.normal(size=(2, 3, 4)) for _ in range(3))
    r = compute("TripletMarginLoss", a, p, n, reduction="none")
    assert r.value.shape == (2, 3) and r.grad.shape == (2, 3, 4)
    assert compute("TripletMarginLoss", a, p, n).denominator == 6
    r = compute("TripletMarginLoss", a[0, 0], p[0, 0], n[0, 0], reduction="none")
    assert r.value.shape == ()
    r = compute("TripletMarginLoss", np.ones((0, 3)), np.ones((0, 3)), np.ones((0, 3)))
    assert np.isnan(r.value)
    r = compute("TripletMarginLoss", a[:1, :1], p, n, reduction="sum")
    assert r.grad.shape == (1, 1, 4)  # broadcast anchor: gradient summed back


def test_integer_inputs_promote() -> None:
    x = np.array([[0, 0]])
    r = compute("TripletMarginLoss", x, x + 1, x + 3)
    assert r.value.dtype == np.float32 and r.grad.dtype == np.float32


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "margin", "message"),
    [
        (
            "TripletMarginLoss",
            0,
            "TripletMarginLoss: expected margin to be greater than 0, got 0 instead",
        ),
        (
            "TripletMarginLoss",
            -1.5,
            "TripletMarginLoss: expected margin to be greater than 0, got -1.5 instead",
        ),
        (
            "TripletMarginWithDistanceLoss",
            0.0,
            "TripletMarginWithDistanceLoss: "
            "expected margin to be greater than 0, got 0.0 instead",
        ),
    ],
)
def test_margin_errors(name: str, margin: float, message: str) -> None:
    x = np.ones((2, 3))
    with pytest.raises(LossInputError) as info:
        compute(name, x, x, x, margin=margin, reduction="foo")  # ctor check first
    assert str(info.value) == message and info.value.torch_type == "ValueError"


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        # Regression: the constructors compare ``margin <= 0`` in Python; an
        # incomparable margin is that comparison's TypeError (was uncaught).
        (
            "TripletMarginLoss",
            {"margin": "1"},
            "'<=' not supported between instances of 'str' and 'int'",
        ),
        (
            "TripletMarginWithDistanceLoss",
            {"margin": None},
            "'<=' not supported between instances of 'NoneType' and 'int'",
        ),
        # Regression: triplet_margin_loss's argument parser types p, eps and swap
        # (they were converted with float() / bool()).
        (
            "TripletMarginLoss",
            {"p": "2"},
            "triplet_margin_loss(): argument 'p' (position 5) must be float, not str",
        ),
        (
            "TripletMarginLoss",
            {"eps": None},
            "triplet_margin_loss(): argument 'eps' (position 6) must be float, "
            "not NoneType",
        ),
        (
            "TripletMarginLoss",
            {"swap": 1},
            "triplet_margin_loss(): argument 'swap' (position 7) must be bool, not int",
        ),
        (
            "TripletMarginLoss",
            {"swap": np.bool_(True)},
            "triplet_margin_loss(): argument 'swap' (position 7) must be bool, "
            "not numpy.bool",
        ),
    ],
)
def test_argument_type_errors(name: str, kwargs: dict[str, Any], message: str) -> None:
    x = np.ones((2, 3))
    with pytest.raises(LossInputError) as info:
        compute(name, x, x, x, **kwargs)
    assert str(info.value) == message and info.value.torch_type == "TypeError"


def test_argument_types_torch_accepts() -> None:
    x = np.arange(6.0).reshape(2, 3)
    expected = compute("TripletMarginLoss", x, x[::-1], x + 1, p=2.0).value
    for p in (2, np.float32(2.0), np.int64(2), np.array(2.0)):
        r = compute("TripletMarginLoss", x, x[::-1], x + 1, p=p, margin=np.float32(1))
        assert r.value == expected
    # TripletMarginWithDistanceLoss only tests ``swap`` for truth.
    r = compute("TripletMarginWithDistanceLoss", x, x[::-1], x + 1, swap=0)
    assert r.value == expected


def test_other_errors() -> None:
    x = np.ones((2, 3))
    with pytest.raises(LossInputError) as info:
        compute("TripletMarginLoss", x, x, np.ones(3))
    assert str(info.value) == (
        "The anchor, positive, and negative tensors are expected to have the same "
        "number of dimensions, but got: anchor 2D, positive 2D, and negative 1D inputs"
    )
    with pytest.raises(
        LossInputError, match="^foo is not a valid value for reduction$"
    ):
        compute("TripletMarginLoss", x, x, x, reduction="foo")
    r = compute("TripletMarginLoss", x, x, x, reduction="elementwise_mean")
    assert r.reduction == "mean" and r.warnings
    with pytest.raises(LossInputError, match="^elementwise_mean is not a valid value"):
        compute("TripletMarginWithDistanceLoss", x, x, x, reduction="elementwise_mean")
    with pytest.raises(
        LossInputError, match="unexpected keyword argument 'size_average'"
    ):
        compute("TripletMarginWithDistanceLoss", x, x, x, size_average=True)
    with pytest.raises(
        LossInputError, match="distance_function must be None or one of"
    ):
        compute("TripletMarginWithDistanceLoss", x, x, x, distance_function="cos")
    with pytest.raises(
        LossInputError, match="linalg.vector_norm cannot compute the inf"
    ):
        compute(
            "TripletMarginLoss",
            np.ones((2, 0)),
            np.ones((2, 0)),
            np.ones((2, 0)),
            p=math.inf,
        )
    with pytest.raises(LossInputError, match="expected common dtype to be floating"):
        compute(
            "TripletMarginWithDistanceLoss",
            x.astype(int),
            x.astype(int),
            x.astype(int),
            distance_function="cosine_distance",
        )
    with pytest.raises(LossInputError, match="with two bool tensors"):
        compute("TripletMarginLoss", x > 0, x > 0, x > 0)


def test_errors_match_torch() -> None:
    torch = pytest.importorskip("torch")
    cases: list[tuple[str, dict[str, Any], list[Array]]] = [
        ("TripletMarginLoss", {}, [np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 1))]),
        ("TripletMarginLoss", {}, [np.ones((4, 3)), np.ones((4, 3)), np.ones((2, 3))]),
        (
            "TripletMarginLoss",
            {"swap": True},
            [np.ones((4, 3)), np.ones((4, 3)), np.ones((4, 5))],
        ),
        ("TripletMarginLoss", {}, [np.ones(3), np.ones((2, 3)), np.ones((2, 3))]),
        (
            "TripletMarginLoss",
            {"p": -1.0},
            [np.ones((2, 0)), np.ones((2, 0)), np.ones((2, 0))],
        ),
        ("TripletMarginLoss", {}, [np.ones(3, bool), np.ones(3), np.ones(3)]),
        (
            "TripletMarginWithDistanceLoss",
            {"distance_function": "cosine_distance"},
            [np.ones((2, 3)), np.ones((2, 4)), np.ones((2, 3))],
        ),
        (
            "TripletMarginWithDistanceLoss",
            {"distance_function": "cosine_distance"},
            [np.ones(3, np.int64), np.ones(3, np.int64), np.ones(3)],
        ),
        (
            "TripletMarginWithDistanceLoss",
            {"distance_function": "squared_euclidean"},
            [np.ones((2, 3)), np.ones((3, 3)), np.ones((2, 3))],
        ),
    ]
    for name, kwargs, arrays in cases:
        torch_kwargs = dict(kwargs)
        if "distance_function" in kwargs:
            torch_kwargs["distance_function"] = torch_distance(
                torch, kwargs["distance_function"]
            )
        module = getattr(torch.nn, name)(**torch_kwargs)
        with pytest.raises(RuntimeError) as expected:
            module(*(torch.from_numpy(a) for a in arrays))
        with pytest.raises(LossInputError) as info:
            compute(name, *arrays, **kwargs)
        assert str(info.value) == str(expected.value), (name, kwargs)


# --------------------------------------------------------------------------- parity


_PS = [1.0, 2.0, 3.0, 1.5, 0.5, math.inf, -math.inf, 0.0, -1.0]


def test_triplet_margin_matches_torch_random() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(48)
    for case in range(270):
        a, p, n = random_triplet(rng, case)
        norm = _PS[case % len(_PS)]
        if a.shape[-1] == 0 and (norm < 0 or norm == math.inf):
            continue  # torch's empty-dimension error, tested above
        kwargs = {
            "margin": float(rng.choice([1e-6, 0.5, 1.0, 10.0])),
            "p": norm,
            "eps": float(rng.choice([1e-6, 0.0, 0.1])),
            "swap": bool(rng.integers(2)),
            "reduction": str(rng.choice(["none", "mean", "sum"])),
        }
        ours = compute("TripletMarginLoss", a, p, n, **kwargs)
        value, grad = torch_run(torch, torch.nn.TripletMarginLoss(**kwargs), [a, p, n])
        assert_result_matches_torch(ours, value, grad, [a, p, n, *kwargs.values()])


def test_triplet_with_distance_matches_torch_random() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(49)
    names = list(DISTANCES)
    for case in range(160):
        a, p, n = random_triplet(rng, case)
        name = names[case % len(names)]
        kwargs = {
            "margin": float(rng.choice([1e-6, 0.5, 1.0, 10.0])),
            "swap": bool(rng.integers(2)),
            "reduction": str(rng.choice(["none", "mean", "sum"])),
        }
        ours = compute(
            "TripletMarginWithDistanceLoss", a, p, n, distance_function=name, **kwargs
        )
        module = torch.nn.TripletMarginWithDistanceLoss(
            distance_function=torch_distance(torch, name), **kwargs
        )
        value, grad = torch_run(torch, module, [a, p, n])
        assert_result_matches_torch(ours, value, grad, [a, p, n, *kwargs.values()])


def test_default_distance_equals_triplet_margin_loss() -> None:
    rng = np.random.default_rng(3)
    a, p, n = (rng.normal(size=(5, 3)) for _ in range(3))
    for swap in (False, True):
        one = compute("TripletMarginLoss", a, p, n, swap=swap, reduction="none")
        two = compute(
            "TripletMarginWithDistanceLoss",
            a,
            p,
            n,
            swap=swap,
            reduction="none",
            distance_function=None,
        )
        np.testing.assert_array_equal(one.value, two.value)
        np.testing.assert_array_equal(one.grad, two.grad)


def test_nan_and_zero_vectors_match_torch() -> None:
    torch = pytest.importorskip("torch")
    a = np.array([[np.nan, 1.0], [0.0, 0.0], [1.0, 2.0]])
    p = np.array([[0.0, 1.0], [0.0, 0.0], [1.0, 2.0]])
    n = np.array([[1.0, 1.0], [0.0, 0.0], [np.inf, 2.0]])
    for norm in (1.0, 2.0, 3.0, math.inf, 0.5):
        for swap in (False, True):
            kwargs = {"p": norm, "eps": 0.0, "swap": swap, "reduction": "none"}
            ours = compute("TripletMarginLoss", a, p, n, **kwargs)
            value, grad = torch_run(
                torch, torch.nn.TripletMarginLoss(**kwargs), [a, p, n]
            )
            assert_result_matches_torch(ours, value, grad, [a, p, n])
    for name in DISTANCES:
        ours = compute(
            "TripletMarginWithDistanceLoss",
            a,
            p,
            n,
            distance_function=name,
            reduction="none",
        )
        module = torch.nn.TripletMarginWithDistanceLoss(
            distance_function=torch_distance(torch, name), reduction="none"
        )
        value, grad = torch_run(torch, module, [a, p, n])
        assert_result_matches_torch(ours, value, grad, [a, p, n])


@pytest.mark.parametrize(
    ("loss", "kwargs"),
    [
        ("TripletMarginLoss", {"p": 2.0}),
        ("TripletMarginLoss", {"p": 3.0, "swap": True}),
        ("TripletMarginWithDistanceLoss", {"distance_function": "cosine_distance"}),
    ],
)
def test_one_feature_norms_are_abs_without_overflow(loss, kwargs):
    # torch's vector_norm over a size-1 dimension is |v|: 1e30 in float32 does
    # not overflow through v² (found by tests/properties: the engine gave inf).
    pytest.importorskip("torch")
    import sys
    from pathlib import Path

    tools = str(Path(__file__).resolve().parents[2] / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    from torch_reference import run_torch
    from torch_reference.core import Spec

    anchor = np.array([[1e30], [3e-30]], np.float32)
    positive = np.array([[0.0], [1.0]], np.float32)
    negative = np.array([[1.0], [0.0]], np.float32)
    kw = {**kwargs, "reduction": "none"}
    case = run_torch(Spec(loss, [anchor, positive, negative], kw))
    result = compute(loss, anchor, positive, negative, **kw)
    assert_result_matches_torch(
        result, decode_array(case["value"]), None, [anchor, positive, negative]
    )
