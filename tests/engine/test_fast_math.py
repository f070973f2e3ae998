"""The float32 primitives behind the fast loss kernels, against float64 references."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine.fast_math import (
    blockwise,
    exp_neg_abs,
    is_plain_float32,
    log1p_nonneg,
    log1p_unit,
    mean_grad_scale,
    sigmoid_from_exp,
)

F32 = np.float32
TINY = np.finfo(F32).tiny
SUB = np.float32(1e-45)  # the smallest float32 subnormal


def _ulps(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Distance in float32 units in the last place (NaN where either is NaN)."""
    rounded = want.astype(F32)
    spacing = np.spacing(np.abs(rounded)).astype(np.float64)
    return np.abs(got.astype(np.float64) - want) / spacing


def _edges(low: float, high: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    wide = np.sign(rng.standard_normal(200_000)) * 10.0 ** rng.uniform(-45, 0, 200_000)
    values = np.concatenate(
        [
            wide,
            rng.uniform(low, high, 200_000),
            [0.0, -0.0, SUB, -SUB, TINY, -TINY, 1e-8, -1e-8, 0.5, -0.5, 1.0],
            [np.nextafter(F32(-1), F32(0)), np.nextafter(F32(1), F32(0))],
        ]
    ).astype(F32)
    return values[(values > low) & (values <= high)]


def test_log1p_unit_is_within_a_few_ulps_on_minus_one_to_one():
    z = _edges(-1.0, 1.0)
    got, u = log1p_unit(z)
    want = np.log1p(z.astype(np.float64))
    assert got.dtype == F32
    np.testing.assert_array_equal(u, z + F32(1))
    assert _ulps(got, want).max() <= 4
    # tiny arguments come back as themselves, signs included
    small = np.array([SUB, -SUB, 1e-30, 0.0], dtype=F32)
    out, _ = log1p_unit(small)
    np.testing.assert_array_equal(out, small)
    assert not np.signbit(out[3])


def test_log1p_nonneg_is_within_a_few_ulps_up_to_infinity():
    rng = np.random.default_rng(1)
    z = np.concatenate(
        [
            np.abs(_edges(-1.0, 1.0)),
            10.0 ** rng.uniform(0, 38, 100_000),
            [np.finfo(F32).max],
        ]
    ).astype(F32)
    got, _ = log1p_nonneg(z)
    want = np.log1p(z.astype(np.float64))
    assert _ulps(got, want).max() <= 4
    special, _ = log1p_nonneg(np.array([np.inf, np.nan, 0.0], dtype=F32))
    assert special[0] == np.inf and np.isnan(special[1]) and special[2] == 0


def test_log1p_unit_keeps_nan():
    out, _ = log1p_unit(np.array([np.nan, 0.25], dtype=F32))
    assert np.isnan(out[0]) and np.isfinite(out[1])


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e4])
def test_sigmoid_from_exp_matches_the_float64_logistic(scale):
    x = (np.random.default_rng(2).standard_normal(100_000) * scale).astype(F32)
    x = np.concatenate([x, np.array([0, -0.0, 88.7, -88.7, 104, -104], F32)])
    e = exp_neg_abs(x)
    got = sigmoid_from_exp(x, e, e + F32(1))
    x64 = x.astype(np.float64)
    want = np.exp(-np.logaddexp(0.0, -x64))
    normal = want >= TINY  # below that float32 rounds subnormals coarsely
    assert _ulps(got[normal], want[normal]).max() <= 3
    np.testing.assert_allclose(got[~normal], want[~normal], rtol=0, atol=1e-44)


def test_sigmoid_from_exp_at_infinities_and_nan():
    x = np.array([np.inf, -np.inf, np.nan, 0.0], dtype=F32)
    e = exp_neg_abs(x)
    out = sigmoid_from_exp(x, e, e + F32(1))
    assert out[0] == 1 and out[1] == 0 and np.isnan(out[2]) and out[3] == 0.5


def test_exp_neg_abs_stays_in_the_unit_interval():
    x = np.array([-np.inf, -3.0, 0.0, 3.0, np.inf, np.nan], dtype=F32)
    e = exp_neg_abs(x)
    assert e.dtype == F32
    np.testing.assert_array_equal(e[:5], np.exp(-np.abs(x[:5])))
    assert np.isnan(e[5])


def test_fast_paths_are_taken_only_for_plain_float32_arrays():
    a = np.zeros((2, 3), F32)
    assert is_plain_float32(a, a)
    assert not is_plain_float32(a, np.zeros((2, 3)))  # float64 partner
    assert not is_plain_float32(a, np.zeros((1, 3), F32))  # broadcasting
    assert not is_plain_float32(np.float32(1.0)[()] * np.ones((), F32))  # 0-d


def _terms(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.log(a) * b, np.exp(-np.abs(a)) + b


def _terms_into(ins: tuple[np.ndarray, ...], outs: tuple[np.ndarray, ...]) -> None:
    for out, value in zip(outs, _terms(*ins), strict=True):
        out[...] = value


def _filled(*ins: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray]:
    outs = np.full_like(ins[0], np.nan), np.full_like(ins[0], np.nan)
    blockwise(_terms_into, ins, outs, block=block)
    return outs


def test_blockwise_equals_the_direct_call_bit_for_bit():
    rng = np.random.default_rng(3)
    a = np.abs(rng.standard_normal((301, 7))).astype(F32)
    b = rng.standard_normal((301, 7)).astype(F32)
    direct = _terms(a, b)
    blocked = _filled(a, b, block=64)  # 33 blocks, the last short
    for got, want in zip(blocked, direct, strict=True):
        assert got.shape == (301, 7) and got.dtype == F32
        assert got.tobytes() == want.tobytes()


def test_blockwise_small_input_is_one_call_into_the_outputs():
    a = np.arange(1, 6, dtype=F32)
    seen: list[tuple[np.ndarray, ...]] = []

    def record(ins: tuple[np.ndarray, ...], outs: tuple[np.ndarray, ...]) -> None:
        seen.append(outs)
        _terms_into(ins, outs)

    outs = np.empty_like(a), np.empty_like(a)
    blockwise(record, (a, a), outs, block=5)
    assert len(seen) == 1 and seen[0][0] is outs[0]
    assert outs[0].tobytes() == _terms(a, a)[0].tobytes()


def test_blockwise_workers_keep_the_callers_errstate():
    a = np.zeros(1000, dtype=F32)  # log(0): a divide-by-zero warning
    with np.errstate(divide="ignore"):
        loss, _ = _filled(a, np.ones(1000, F32), block=100)
    assert np.all(loss == -np.inf)
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError):
        _filled(a, np.ones(1000, F32), block=100)


def test_blockwise_inside_a_worker_runs_serially():
    def double(ins: tuple[np.ndarray, ...], outs: tuple[np.ndarray, ...]) -> None:
        np.multiply(ins[0], 2, out=outs[0])

    def outer(ins: tuple[np.ndarray, ...], outs: tuple[np.ndarray, ...]) -> None:
        inner = np.empty(ins[0].size * 3, F32)
        blockwise(double, (np.repeat(ins[0], 3),), (inner,), block=10)
        np.add(inner[::3], 1, out=outs[0])

    a = np.arange(1000, dtype=F32)
    out = np.empty_like(a)
    blockwise(outer, (a,), (out,), block=100)
    np.testing.assert_array_equal(out, a * 2 + 1)


def test_mean_grad_scale_is_the_reductions_scalar():
    assert mean_grad_scale("mean", 3) == F32(1) / F32(3)
    assert mean_grad_scale("mean", 3).dtype == F32
    big = 100_000_001  # not a float32: rounded first, as the reduction does
    assert mean_grad_scale("mean", big) == F32(1) / F32(float(big))
    assert mean_grad_scale("sum", 3) is None
    assert mean_grad_scale("none", 3) is None
    assert mean_grad_scale("mean", 0) is None


@pytest.mark.parametrize(
    "loss", ["BCELoss", "BCEWithLogitsLoss", "sigmoid_focal_loss", "SoftMarginLoss"]
)
def test_kernels_scale_the_mean_gradient_as_the_reduction_does(loss: str) -> None:
    from lossgui.engine import compute

    rng = np.random.default_rng(4)
    x = rng.uniform(0.01, 0.99, (300, 700)).astype(F32)
    y = np.sign(rng.standard_normal((300, 700))).astype(F32)
    if loss != "SoftMarginLoss":
        y = (y > 0).astype(F32)
    summed = compute(loss, x, y, reduction="sum").grad
    mean = compute(loss, x, y, reduction="mean").grad
    assert mean.tobytes() == (summed * (F32(1) / F32(x.size))).tobytes()
