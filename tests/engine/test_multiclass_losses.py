"""CrossEntropyLoss and NLLLoss: values, gradients, errors, torch parity.

Hand-checked numbers first (torch spec sections 3.3 and 3.4), then every error
message torch 2.13 raises for these losses (checked against a live torch when
it is installed), then a seeded comparison with torch over shapes, dtypes,
weights, ``ignore_index``, label smoothing and reductions.
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

F32, F64, I64, U8 = np.float32, np.float64, np.int64, np.uint8
LN2, LN3 = math.log(2.0), math.log(3.0)
NAN, INF = math.nan, math.inf


@contextmanager
def raises(message: str, torch_type: str) -> Iterator[None]:
    """Expect a LossInputError with exactly torch's message and exception type."""
    with pytest.raises(LossInputError, match=f"^{re.escape(message)}$") as info:
        yield
    assert info.value.torch_type == torch_type


def z(*shape: int, dtype: Any = F32) -> np.ndarray:
    return np.zeros(shape, dtype=dtype)


# --------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------


def test_registry_entries() -> None:
    ce, nll = LOSSES["CrossEntropyLoss"], LOSSES["NLLLoss"]
    assert ce.family == nll.family == "multiclass"
    assert ce.activation is None
    assert nll.activation == "log_softmax"
    assert [a.kind for a in ce.forward] == ["float", "class_target"]
    assert [a.kind for a in nll.forward] == ["float", "index"]
    assert ce.defaults == {
        "weight": None,
        "ignore_index": -100,
        "label_smoothing": 0.0,
        "reduction": "mean",
    }
    assert nll.defaults == {"weight": None, "ignore_index": -100, "reduction": "mean"}


# --------------------------------------------------------------------------
# Hand-checked values
# --------------------------------------------------------------------------


def test_ce_unbatched_by_hand() -> None:
    r = compute("CrossEntropyLoss", np.array([1.0, 2.0, 3.0]), np.array(2))
    p = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    assert r.value.shape == ()
    assert r.value.dtype == F64
    np.testing.assert_allclose(r.value, math.log(np.exp([1.0, 2.0, 3.0]).sum()) - 3)
    np.testing.assert_allclose(r.value, 0.4076059644443804, rtol=1e-14)
    np.testing.assert_allclose(r.grad, p - [0, 0, 1], rtol=1e-14)
    assert r.denominator == 1.0


def test_ce_python_lists_are_float32_and_long() -> None:
    r = compute("CrossEntropyLoss", [[1.0, 2.0, 3.0]], [2])
    assert r.value.dtype == F32 and r.grad.dtype == F32
    np.testing.assert_allclose(r.value, 0.40760596, rtol=1e-6)


def test_nll_weighted_mean_by_hand() -> None:
    x = np.array([[-1.0, -2.0, -3.0], [-0.5, -1.0, -2.0]])
    y = np.array([0, 2])
    w = np.array([1.0, 2.0, 3.0])
    assert compute("NLLLoss", x, y, reduction="none").value.tolist() == [1.0, 2.0]
    assert float(compute("NLLLoss", x, y).value) == 1.5
    r = compute("NLLLoss", x, y, weight=w)
    assert float(r.value) == 7.0 / 4.0
    assert r.numerator == 7.0 and r.denominator == 4.0
    np.testing.assert_array_equal(r.grad, [[-0.25, 0, 0], [0, 0, -0.75]])
    r = compute("NLLLoss", x, y, weight=w, reduction="sum")
    np.testing.assert_array_equal(r.grad, [[-1, 0, 0], [0, 0, -3]])


def test_nll_takes_input_as_given() -> None:
    # No check that the input is a log-probability: x[y] = 5 gives loss -5.
    r = compute("NLLLoss", np.array([[0.0, 5.0]]), np.array([1]))
    assert float(r.value) == -5.0


def test_ce_label_smoothing_by_hand() -> None:
    x = np.array([[0.0, 0.0, LN2]])  # softmax = [1/4, 1/4, 1/2]
    r = compute("CrossEntropyLoss", x, np.array([2]), label_smoothing=0.3)
    # 0.7·ln 2 + (0.3/3)·(ln 4 + ln 4 + ln 2) = 1.2 ln 2
    np.testing.assert_allclose(r.value, 1.2 * LN2, rtol=1e-14)
    p = np.array([0.25, 0.25, 0.5])
    expected = 0.7 * (p - [0, 0, 1]) + 0.1 * (3 * p - 1)
    np.testing.assert_allclose(r.grad, [expected], rtol=1e-14, atol=1e-16)


def test_ce_uniform_logits_any_smoothing() -> None:
    for eps in (0.0, 0.25, 1.0):
        r = compute("CrossEntropyLoss", z(2, 3, dtype=F64), [0, 1], label_smoothing=eps)
        np.testing.assert_allclose(r.value, LN3, rtol=1e-14)
        expected = (1 - eps) * (1 / 3 - np.eye(3)[[0, 1]]) / 2
        np.testing.assert_allclose(r.grad, expected, rtol=1e-13, atol=1e-16)


def test_ce_probability_target_by_hand() -> None:
    x = np.array([[0.0, 0.0, LN2]])
    r = compute("CrossEntropyLoss", x, np.array([[0.5, 0.0, 0.5]]))
    np.testing.assert_allclose(r.value, 1.5 * LN2, rtol=1e-14)
    np.testing.assert_allclose(r.grad, [[-0.25, 0.25, 0.0]], atol=1e-15)
    # 'mean' divides by numel / C whatever the weights are
    w = np.array([2.0, 1.0, 4.0])
    r = compute("CrossEntropyLoss", np.tile(x, (2, 1)), [[0.5, 0, 0.5]] * 2, weight=w)
    assert r.denominator == 2.0
    np.testing.assert_allclose(
        r.value, 0.5 * (2 * 2 * LN2) + 0.5 * (4 * LN2), rtol=1e-14
    )


def test_ce_probability_mixed_dtypes() -> None:
    x = np.array([[0.1, 0.2, 0.3]], dtype=F32)
    r = compute("CrossEntropyLoss", x, np.array([[0.2, 0.3, 0.5]], dtype=F64))
    assert r.value.dtype == F64 and r.grad.dtype == F32
    r = compute(
        "CrossEntropyLoss", x, np.array([[0.2, 0.3, 0.5]], F32), weight=[1, 2, 3]
    )
    assert r.value.dtype == F32  # a Long weight does not widen a float product


def test_ce_index_matches_nll_of_log_softmax() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 5, 3))
    y = rng.integers(0, 5, size=(4, 3))
    y[0, 1] = -100
    w = rng.uniform(0.5, 2, size=5)
    lp = x - np.log(np.exp(x).sum(axis=1, keepdims=True))
    for red in ("none", "mean", "sum"):
        ce = compute("CrossEntropyLoss", x, y, weight=w, reduction=red)
        nll = compute("NLLLoss", lp, y, weight=w, reduction=red)
        np.testing.assert_allclose(ce.value, nll.value, rtol=1e-12)


def test_k_dim_equals_flattened_2d() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 3, 4, 5))
    y = rng.integers(0, 3, size=(2, 4, 5))
    flat_x = np.moveaxis(x, 1, -1).reshape(-1, 3)
    for name in ("CrossEntropyLoss", "NLLLoss"):
        r = compute(name, x, y, reduction="none")
        assert r.value.shape == (2, 4, 5)
        flat = compute(name, flat_x, y.reshape(-1), reduction="none")
        np.testing.assert_allclose(r.value.reshape(-1), flat.value, rtol=1e-14)
        grad = np.moveaxis(flat.grad.reshape(2, 4, 5, 3), -1, 1)
        np.testing.assert_allclose(r.grad, grad, rtol=1e-14)


def test_unbatched_equals_batch_of_one() -> None:
    x = np.array([0.3, -1.2, 2.0, 0.0])
    for kw in ({}, {"label_smoothing": 0.2}, {"weight": np.array([1.0, 2, 3, 4])}):
        one = compute("CrossEntropyLoss", x, np.array(1), **kw)
        batch = compute("CrossEntropyLoss", x[None], np.array([1]), **kw)
        np.testing.assert_allclose(one.value, batch.value, rtol=1e-14)
        np.testing.assert_allclose(one.grad, batch.grad[0], rtol=1e-14)
    # NLLLoss takes a (1,) target for a one-class (1,) input; the loss is 0-d
    r = compute("NLLLoss", np.array([0.5]), np.array([0]), reduction="none")
    assert r.value.shape == () and float(r.value) == -0.5


def test_all_ignored_mean_is_nan_with_zero_grad() -> None:
    x = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    y = np.array([-100, -100])
    for name, kw in [
        ("NLLLoss", {}),
        ("CrossEntropyLoss", {}),
        ("CrossEntropyLoss", {"label_smoothing": 0.2}),
        ("CrossEntropyLoss", {"weight": np.array([1.0, 2.0, 3.0])}),
    ]:
        r = compute(name, x, y, **kw)
        assert math.isnan(float(r.value))
        np.testing.assert_array_equal(r.grad, np.zeros((2, 3)))
        assert float(compute(name, x, y, reduction="sum", **kw).value) == 0.0
        assert compute(name, x, y, reduction="none", **kw).value.tolist() == [0, 0]


def test_zero_target_weights() -> None:
    x = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [0.2, 0.1, -3.0]])
    y = np.array([0, 1, -100])
    w = np.array([0.0, 0.0, 1.0])
    r = compute("NLLLoss", x, y, weight=w)
    assert math.isnan(float(r.value))
    expected = np.zeros((3, 3))
    expected[0, 0] = expected[1, 1] = NAN  # only the target positions are written
    np.testing.assert_array_equal(r.grad, expected)
    for eps in (0.0, 0.2):
        r = compute("CrossEntropyLoss", x, y, weight=w, label_smoothing=eps)
        assert math.isnan(float(r.value))
        assert np.isnan(r.grad[:2]).all() and (r.grad[2] == 0).all()


def test_ignored_row_and_weights_under_sum() -> None:
    x = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    r = compute("CrossEntropyLoss", x, np.array([1, -100]), reduction="none")
    assert r.value[1] == 0.0
    np.testing.assert_array_equal(r.grad[1], [0, 0, 0])


def test_infinite_logits() -> None:
    x = np.array([[0.0, -INF, 1.0], [-INF, 0.0, 1.0], [-INF, -INF, -INF]])
    r = compute("CrossEntropyLoss", x, np.array([0, 0, 1]), reduction="none")
    np.testing.assert_allclose(r.value[0], math.log1p(math.e), rtol=1e-14)
    assert r.value[1] == INF
    assert math.isnan(r.value[2])
    assert r.grad[0, 1] == 0.0
    np.testing.assert_allclose(
        r.grad[1], [-1.0, 1 / (1 + math.e), math.e / (1 + math.e)]
    )
    assert np.isnan(r.grad[2]).all()


def test_extreme_float32_logits() -> None:
    r = compute("CrossEntropyLoss", np.array([[1e4, -1e4, 0.0]], F32), np.array([1]))
    assert r.value.dtype == F32 and float(r.value) == 20000.0
    np.testing.assert_array_equal(r.grad, [[1.0, -1.0, 0.0]])


def test_probability_target_zero_times_minus_inf_is_nan() -> None:
    r = compute("CrossEntropyLoss", np.array([[0.0, -INF, 1.0]]), [[0.5, 0.0, 0.5]])
    assert math.isnan(float(r.value))
    assert np.isfinite(r.grad).all()


def test_byte_targets_and_ignore_255() -> None:
    x = np.array([[0.1, 0.2, 0.3], [1.0, 0.0, 2.0]])
    r = compute("CrossEntropyLoss", x, np.array([2, 255], U8), ignore_index=255)
    ref = compute("CrossEntropyLoss", x[:1], np.array([2]))
    np.testing.assert_allclose(r.value, ref.value, rtol=1e-14)


def test_negative_and_nan_smoothing_act_as_zero() -> None:
    x = np.array([[0.3, -1.0, 2.0]])
    base = compute("CrossEntropyLoss", x, [1])
    for eps in (-0.5, NAN):
        r = compute("CrossEntropyLoss", x, [1], label_smoothing=eps)
        np.testing.assert_array_equal(r.value, base.value)


def test_legacy_arguments() -> None:
    r = compute("NLLLoss", np.array([[-1.0, -2.0]]), [1], size_average=False)
    assert r.reduction == "sum"
    assert r.warnings == (
        "size_average and reduce args will be deprecated, please use "
        "reduction='sum' instead.",
    )


# --------------------------------------------------------------------------
# Errors: (loss, input, target, kwargs, torch type, torch message)
# --------------------------------------------------------------------------

CE, NLL = "CrossEntropyLoss", "NLLLoss"
X3 = np.array([1.0, 2.0, 3.0], F32)
# fmt: off
ERRORS: list[tuple[str, np.ndarray, np.ndarray, dict[str, Any], str, str]] = [
    (NLL, np.array(1.0, F32), np.array(0), {}, "ValueError",
     "Expected 1 or more dimensions (got 0)"),
    (CE, np.array(1.0, F32), np.array([0]), {}, "IndexError",
     "Dimension out of range (expected to be in range of [-1, 0], but got 1)"),
    (CE, np.array(1.0, F32), np.array(0.0, F32), {}, "IndexError",
     "Dimension specified as 1 but tensor has no dimensions"),
    (CE, np.array(1.0, F32), np.array(0), {}, "RuntimeError",
     "Expected floating point type for target with class probabilities, got Long"),
    (CE, z(2, 3), z(2, 3, dtype=I64), {}, "RuntimeError",
     "Expected floating point type for target with class probabilities, got Long"),
    (CE, z(2, 3), z(2, 3, dtype=np.bool_), {}, "RuntimeError",
     "Expected floating point type for target with class probabilities, got Bool"),
    (CE, z(2, 3), z(2, 3), {"ignore_index": 0}, "RuntimeError",
     "ignore_index is not supported for floating point target"),
    (CE, z(2, 3), z(2, 3), {"weight": np.ones(2, F32)}, "RuntimeError",
     "cross_entropy: weight tensor should be defined either for all 3 classes or "
     "no classes but got weight tensor of shape: [2]"),
    (CE, z(2, 3), z(2, 3), {"label_smoothing": 1.5}, "RuntimeError",
     "label_smoothing must be between 0.0 and 1.0. Got: 1.5"),
    (CE, z(2, 3), np.array([0, 1]), {"label_smoothing": 2.0}, "RuntimeError",
     "label_smoothing must be between 0.0 and 1.0. Got: 2"),
    (CE, z(2, 3), np.array([0, 1]), {"label_smoothing": 1.23456789}, "RuntimeError",
     "label_smoothing must be between 0.0 and 1.0. Got: 1.23457"),
    (CE, z(2, 3), np.array([0, 1]), {"label_smoothing": INF}, "RuntimeError",
     "label_smoothing must be between 0.0 and 1.0. Got: inf"),
    (CE, z(2, 3), np.array([0, 1]), {"label_smoothing": "0.1"}, "TypeError",
     "cross_entropy_loss(): argument 'label_smoothing' (position 6) must be float, "
     "not str"),
    (CE, z(2, 3), np.array([0, 1]), {"ignore_index": 1.5}, "TypeError",
     "cross_entropy_loss(): argument 'ignore_index' (position 5) must be int, "
     "not float"),
    (NLL, z(2, 3), np.array([0, 1]), {"ignore_index": True}, "TypeError",
     "nll_loss_nd(): argument 'ignore_index' (position 5) must be int, not bool"),
    (CE, z(2, 3, dtype=I64), np.array([0, 1]), {}, "NotImplementedError",
     "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'"),
    (CE, z(2, 3, 2, dtype=I64), z(2, 2, dtype=I64), {}, "NotImplementedError",
     "\"log_softmax_kernel_impl\" not implemented for 'Long'"),
    (CE, z(0, 3, dtype=I64), z(0, dtype=I64), {}, "NotImplementedError",
     "\"nll_loss_out_frame\" not implemented for 'Long'"),
    (NLL, z(2, 3, dtype=I64), np.array([0, 1]), {}, "NotImplementedError",
     "\"nll_loss_out_frame\" not implemented for 'Long'"),
    (NLL, z(2, 3, 2, dtype=np.int32), z(2, 2, dtype=I64), {}, "NotImplementedError",
     "\"nll_loss2d_forward_out_frame\" not implemented for 'Int'"),
    (NLL, z(2, 3), z(2), {}, "RuntimeError",
     "expected target dtype to be Long or Byte, but got Float"),
    (CE, z(2, 3), z(2, dtype=np.int32), {}, "RuntimeError",
     "expected target dtype to be Long or Byte, but got Int"),
    (NLL, z(2, 3, 4, 4), z(2, 4, 4, dtype=np.int8), {}, "RuntimeError",
     "expected target dtype to be Long or Byte, but got Char"),
    (NLL, z(2, 3), np.array([0, 3]), {}, "IndexError", "Target 3 is out of bounds."),
    (CE, z(2, 3), np.array([-1, 0]), {}, "IndexError", "Target -1 is out of bounds."),
    (CE, X3, np.array(3), {"label_smoothing": 0.1}, "IndexError",
     "Target 3 is out of bounds."),
    (NLL, z(2, 3), np.array([-100, 0]), {"ignore_index": -1}, "IndexError",
     "Target -100 is out of bounds."),
    (CE, z(2, 3, 2), np.array([[0, 3], [0, 0]]), {}, "IndexError",
     "Target 3 is out of bounds."),
    (NLL, z(2, 3), np.array([0, 200], U8), {}, "IndexError",
     "Target 200 is out of bounds."),
    # torch's 'none' kernel for 2-D input prints a Byte target as a character
    (NLL, z(2, 3), np.array([0, 65], U8), {"reduction": "none"}, "IndexError",
     "Target A is out of bounds."),
    (NLL, z(2, 3), np.array([0, 200], U8), {"reduction": "none"},
     "UnicodeDecodeError",
     "'utf-8' codec can't decode byte 0xc8 in position 7: invalid continuation byte"),
    (CE, z(4, 3), np.array([0, 1, 2]), {}, "ValueError",
     "Expected input batch_size (4) to match target batch_size (3)."),
    (NLL, z(5, 3), np.array(1), {}, "ValueError",
     "Expected input batch_size (5) to match target batch_size (0)."),
    (CE, X3, np.array([2, 1]), {}, "ValueError",
     "For 1D input, 1D target must have size 1, but got target size: 2"),
    (NLL, z(2, 3), z(2, 2, dtype=I64), {}, "RuntimeError",
     "0D or 1D target tensor expected, multi-target not supported"),
    (CE, X3, np.array([2]), {"label_smoothing": 0.1}, "RuntimeError",
     "output with shape [] doesn't match the broadcast shape [1]"),
    (NLL, z(2, 3), np.array([0, 1]), {"weight": np.ones(2, F32)}, "RuntimeError",
     "weight tensor should be defined either for all 3 classes or no classes but "
     "got weight tensor of shape: [2]"),
    (CE, z(2, 3), np.array([0, 1]), {"weight": np.ones((1, 3), F32)}, "RuntimeError",
     "weight tensor should be defined either for all 3 classes or no classes but "
     "got weight tensor of shape: [1, 3]"),
    (NLL, z(2, 3, 4), z(2, 4, dtype=I64), {"weight": np.ones(2, F32)},
     "RuntimeError", "weight tensor should be defined either for all or no classes"),
    (CE, z(2, 3), np.array([0, 1]), {"weight": np.ones(3, F64)}, "RuntimeError",
     "expected scalar type Float but found Double"),
    (NLL, z(2, 3, 5), z(2, 5, dtype=I64), {"weight": np.ones(3, I64)},
     "RuntimeError", "expected scalar type Float but found Long"),
    (CE, z(2, 3, 4), z(2, 4, dtype=I64),
     {"weight": np.ones((1, 3), F32), "label_smoothing": 0.1}, "RuntimeError",
     "shape '[1, 1, 1]' is invalid for input of size 3"),
    (CE, z(2, 3, 4), z(2, 5, dtype=I64), {}, "RuntimeError",
     "Expected target size [2, 4], got [2, 5]"),
    (NLL, z(2, 3, 4, 5, 6), z(2, 4, 30, dtype=I64), {}, "RuntimeError",
     "Expected target size [2, 4, 5, 6], got [2, 4, 30]"),
    (CE, z(2, 3, 5, 5), z(2, 5, 4, dtype=I64), {}, "RuntimeError",
     "size mismatch (got input: [2, 3, 5, 5] , target: [2, 5, 4]"),
    (NLL, z(2, 3, 5, 5), z(2, 25, dtype=I64), {}, "RuntimeError",
     "only batches of spatial targets supported (3D tensors) but got targets of "
     "dimension: 2"),
    (NLL, z(1, 0, 3, 3, 3), z(1, 3, 3, 3, dtype=I64), {}, "RuntimeError",
     "size mismatch (got input: [1, 0, 0, 0] , target: [1, 1, 27]"),
    (NLL, z(1, 3, 3), np.array([[0, 1, 2]], U8), {}, "RuntimeError",
     "expected scalar type Long but found Byte"),
    (CE, z(2, 200, dtype=F64), np.array([15, 3], U8),
     {"label_smoothing": 0.5, "weight": np.ones(200)}, "RuntimeError",
     "gather(): Expected dtype int32/int64 for index"),
    (CE, z(2, 3), np.array([0, 1]), {"reduction": "batchmean"}, "ValueError",
     "batchmean is not a valid value for reduction"),
    (NLL, z(2, 3), np.array([0, 1]), {"label_smoothing": 0.1}, "TypeError",
     "NLLLoss.__init__() got an unexpected keyword argument 'label_smoothing'"),
]
# fmt: on


def _error_id(case: tuple[Any, ...]) -> str:
    return f"{case[0]}-{case[5][:40]}"


@pytest.mark.parametrize("case", ERRORS, ids=[_error_id(c) for c in ERRORS])
def test_errors(case: tuple[Any, ...]) -> None:
    name, x, y, kwargs, torch_type, message = case
    with raises(message, torch_type):
        compute(name, x, y, **kwargs)


@pytest.mark.parametrize("case", ERRORS, ids=[_error_id(c) for c in ERRORS])
def test_errors_match_live_torch(case: tuple[Any, ...]) -> None:
    name, x, y, kwargs, torch_type, message = case
    ref = _torch_run(name, x, y, kwargs, backward=False)
    assert ref == ("error", torch_type, message)


ACCEPTED = [
    (CE, X3, np.array([2]), {}),  # (C,) input, (1,) target: torch's forward runs
    (CE, z(2, 3), np.array([0, 1]), {"label_smoothing": True}),
    (CE, z(2, 3), np.array([0, 1]), {"ignore_index": np.int64(1)}),
    (CE, z(2, 3, 4), z(2, 4, dtype=I64), {"weight": np.ones((1, 3), F32)}),
    (NLL, z(2, 3, 0), z(2, 0, dtype=U8), {}),
]


@pytest.mark.parametrize("case", ACCEPTED, ids=[f"accepted{i}" for i in range(5)])
def test_accepted_inputs_give_torchs_value(case: tuple[Any, ...]) -> None:
    """Odd but valid calls: torch's forward computes them, and the engine's value
    is torch's (the first one's backward fails in torch, so values only)."""
    name, x, y, kwargs = case
    ref = _torch_run(name, x, y, kwargs, backward=False)
    assert ref[0] == "ok", ref
    result = compute(name, x, y, **kwargs)
    arguments = (x, y, *kwargs.values())
    assert_matches_torch(
        result.value,
        ref[1],
        what="value",
        precision=working_precision(*arguments),
        scale=input_scale(*arguments),
    )


# --------------------------------------------------------------------------
# Live torch parity
# --------------------------------------------------------------------------


def _torch_run(
    name: str, x: np.ndarray, y: np.ndarray, kwargs: dict[str, Any], backward: bool
) -> tuple[Any, ...]:
    torch = pytest.importorskip("torch")
    kw = {
        k: torch.from_numpy(np.array(v)) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    xt = torch.from_numpy(np.array(x))
    if backward:
        xt.requires_grad_(True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = getattr(torch.nn, name)(**kw)(xt, torch.from_numpy(np.array(y)))
        except Exception as exc:  # any torch error is the answer
            return ("error", type(exc).__name__, str(exc))
    grad = None
    if backward:
        out.sum().backward()
        grad = xt.grad.numpy()
    messages = tuple(str(w.message) for w in caught)
    return ("ok", out.detach().numpy(), grad, messages)


def _assert_same(result: Any, ref: tuple[Any, ...], *arguments: Any) -> None:
    """The engine's value and gradient are torch's (``ref`` from :func:`_torch_run`)."""
    rule = {
        "precision": working_precision(*arguments),
        "scale": input_scale(*arguments),
    }
    assert_matches_torch(result.value, ref[1], what="value", **rule)
    assert_matches_torch(result.grad, ref[2], what="grad", **rule)


def _parity_cases() -> list[tuple[str, np.ndarray, np.ndarray, dict[str, Any]]]:
    rng = np.random.default_rng(20260613)
    cases: list[tuple[str, np.ndarray, np.ndarray, dict[str, Any]]] = []
    shapes = [(5,), (4, 5), (3, 4, 2), (2, 3, 2, 3), (2, 3, 2, 1, 2), (0, 4)]
    for dtype in (F64, F32):
        for shape in shapes:
            classes = shape[0] if len(shape) == 1 else shape[1]
            tshape = () if len(shape) == 1 else (shape[0], *shape[2:])
            x = (rng.normal(size=shape) * 3).astype(dtype)
            if x.size > 4:
                x.flat[rng.integers(x.size)] = -INF
            y = rng.integers(0, classes, size=tshape)
            if y.size > 1:
                y.flat[rng.integers(y.size)] = -100
            t = rng.dirichlet(np.ones(classes), size=tshape or None)
            t = np.moveaxis(np.reshape(t, (*tshape, classes)), -1, len(shape) > 1)
            w = rng.uniform(0.1, 2.0, size=classes).astype(dtype)
            for red in ("none", "mean", "sum"):
                for kw in ({}, {"weight": w}):
                    cases.append((NLL, x, y, {"reduction": red, **kw}))
                    for eps in (0.0, 0.3, 1.0):
                        opts = {"reduction": red, "label_smoothing": eps, **kw}
                        cases.append((CE, x, y, opts))
                        cases.append((CE, x, t.astype(dtype), opts))
                cases.append((CE, x, t.astype(F64), {"reduction": red}))
                if len(shape) <= 2:
                    cases.append((CE, x, y.astype(U8) % classes, {"reduction": red}))
    return cases


PARITY = _parity_cases()


@pytest.mark.parametrize("case", PARITY, ids=[f"case{i}" for i in range(len(PARITY))])
def test_torch_parity(case: tuple[str, np.ndarray, np.ndarray, dict[str, Any]]) -> None:
    name, x, y, kwargs = case
    ref = _torch_run(name, x, y, kwargs, backward=True)
    assert ref[0] == "ok", ref
    r = compute(name, x, y, **kwargs)
    _assert_same(r, ref, x, y, *kwargs.values())
    assert r.warnings == ref[3]


DEGENERATE = [
    (name, kw, red)
    for red in ("none", "mean", "sum")
    for name, kw in [
        (NLL, {"weight": np.array([1.0, -1.0, 1.0])}),
        (CE, {"weight": np.array([1.0, -1.0, 1.0])}),
        (CE, {"weight": np.array([0.0, 0.0, 1.0]), "label_smoothing": 0.2}),
        (CE, {"weight": np.array([1.0, -1.0, 0.0]), "label_smoothing": 0.2}),
        (CE, {"weight": np.array([1.0, 0.0, 2.0]), "label_smoothing": 1.0}),
    ]
]


@pytest.mark.parametrize(("name", "kwargs", "reduction"), DEGENERATE)
def test_torch_parity_degenerate_weights(
    name: str, kwargs: dict[str, Any], reduction: str
) -> None:
    # Target weights summing to 0, NaN/inf logits and ignored rows together.
    x = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [NAN, 0.0, 1.0], [-INF, 0, 1]])
    y = np.array([0, 1, -100, 2])
    ref = _torch_run(name, x, y, {"reduction": reduction, **kwargs}, backward=True)
    r = compute(name, x, y, reduction=reduction, **kwargs)
    _assert_same(r, ref, x, y, *kwargs.values())


def test_torch_parity_byte_target_smoothing_mask() -> None:
    # A Byte target compares with ignore_index wrapped to 8 bits in torch's
    # smoothing term (-100 -> 156) but not in its NLL term.
    x = np.random.default_rng(2).normal(size=(2, 200))
    y = np.array([156, 3], U8)
    for red in ("none", "mean", "sum"):
        kwargs = {"reduction": red, "label_smoothing": 0.5}
        ref = _torch_run(CE, x, y, kwargs, backward=True)
        r = compute(CE, x, y, **kwargs)
        _assert_same(r, ref, x, y)
