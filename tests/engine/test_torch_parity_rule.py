"""``tests/torch_parity.py``'s rule fails for the right reasons, and only those."""

from __future__ import annotations

import numpy as np
import pytest
from torch_parity import (
    ToleranceExceeded,
    assert_matches_torch,
    bit_identical,
    input_scale,
    ulp_distance,
    working_precision,
)

F32, F64 = np.float32, np.float64
EPS32 = float(np.finfo(F32).eps)


def test_round_off_sized_sign_change_passes_against_the_input_scale() -> None:
    """CosineEmbeddingLoss-013's gradient element: torch -7.45e-09, engine
    +1.49e-08, float32 inputs up to 2.71 (0.07 ε·s)."""
    torch_grad = np.array([-7.450580596923828e-09, 0.5], F32)
    engine_grad = np.array([1.4901161193847656e-08, 0.5], F32)
    assert_matches_torch(engine_grad, torch_grad, what="grad", scale=2.71)


def test_a_wrong_small_element_fails_beside_a_large_output() -> None:
    """The old floor (1e-6 x the largest output) accepted this: 1e-3 next to 1e4."""
    torch_value = np.array([1e4, 1e-3], F32)
    engine_value = np.array([1e4, -1e-3], F32)
    with pytest.raises(ToleranceExceeded, match=r"worst at \(1,\)"):
        assert_matches_torch(engine_value, torch_value, what="value", scale=1.0)


def test_relative_allowance_is_a_few_ulps() -> None:
    e = np.array([3.0], F64)
    assert_matches_torch(e * (1 + 8 * np.finfo(F64).eps), e, what="v", scale=0.0)
    with pytest.raises(ToleranceExceeded, match="ulps apart"):
        assert_matches_torch(e * (1 + 1e-12), e, what="v", scale=0.0)


def test_absolute_allowance_follows_the_inputs_scale() -> None:
    e = np.array([0.0], F32)
    near = np.array([4 * EPS32 * 100.0], F32)
    assert_matches_torch(near, e, what="v", scale=100.0)
    with pytest.raises(ToleranceExceeded):
        assert_matches_torch(near, e, what="v", scale=1.0)


def test_float64_results_of_float32_inputs_use_float32_epsilon() -> None:
    e = np.array([1.0], F64)
    a = e + 4 * EPS32
    assert_matches_torch(a, e, what="v", precision=F32)
    with pytest.raises(ToleranceExceeded):
        assert_matches_torch(a, e, what="v")


@pytest.mark.parametrize(
    ("actual", "expected", "message"),
    [
        (np.array([1.0], F32), np.array([1.0], F64), "dtype"),
        (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]), "shape"),
        (np.array([np.nan, 1.0]), np.array([1.0, 1.0]), "NaN where torch is not"),
        (np.array([1.0]), np.array([np.nan]), "a number where torch has NaN"),
        (np.array([np.inf]), np.array([-np.inf]), "±inf differ"),
        (np.array([1e308]), np.array([np.inf]), "±inf differ"),
        (np.array([1, 2]), np.array([1, 3]), "torch"),
    ],
)
def test_exact_properties_fail_outright(actual, expected, message) -> None:
    with pytest.raises(AssertionError, match=message) as info:
        assert_matches_torch(actual, expected, what="v", scale=1e300)
    assert not isinstance(info.value, ToleranceExceeded)


def test_nan_and_inf_at_the_same_places_pass() -> None:
    e = np.array([np.nan, np.inf, -np.inf, 2.0])
    assert_matches_torch(e.copy(), e, what="v")


def test_scale_and_precision_of_a_call() -> None:
    x = np.array([[-3.0, np.inf, np.nan]], F32)
    assert input_scale(x, np.array([2, 700]), 0.5, "mean", None, True) == 3.0
    assert input_scale(np.array([1e-3])) == 1.0
    assert working_precision(np.ones(2), x) == np.dtype(F32)
    assert working_precision(np.ones(2), np.array([1]), 2.0) == np.dtype(F64)


def test_ulp_distance_counts_representable_numbers() -> None:
    one = np.float32(1.0)
    up = np.nextafter(one, np.float32(2.0))
    pair = np.array([one, up, -0.0, np.nan], F32)
    assert ulp_distance(pair, pair).tolist() == [0, 0, 0, 0]
    assert ulp_distance(np.array([up]), np.array([one])).tolist() == [1]
    tiny = np.array([np.finfo(F64).smallest_subnormal])
    assert ulp_distance(-tiny, tiny).tolist() == [2]  # across ±0
    assert ulp_distance(np.array([-0.0]), np.array([0.0])).tolist() == [0]
    assert not bit_identical(np.array([-0.0]), np.array([0.0]))
    assert bit_identical(np.array([np.nan, 1.0]), np.array([-np.nan, 1.0]))
    assert not bit_identical(np.array([1.0], F32), np.array([1.0]))
