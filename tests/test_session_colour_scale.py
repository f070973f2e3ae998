"""The results grid's colour scale: alpha from |v| / peak, hue from the sign."""

from __future__ import annotations

import math

import numpy as np
import pytest

import lossgui.session.colour_scale as colour_scale
from lossgui.session.colour_scale import (
    MAX_ALPHA,
    block_peaks,
    cell,
    rows_per_block,
    scale,
)


def expected_alpha(value: float, peak: float) -> int:
    """``round(MAX_ALPHA * min(|v| / peak, 1))``, written out per case."""
    if math.isnan(value):
        return 0
    if math.isinf(value):
        return MAX_ALPHA
    if peak == 0:
        return MAX_ALPHA if value != 0 else 0
    return round(MAX_ALPHA * min(abs(value) / peak, 1.0))


VALUES = [0.5, -1.0, 0.25, -0.0, 2.0, np.inf, -np.inf, np.nan, 1e-300, -1e300]


def test_alpha_sign_and_nan_of_a_mixed_array():
    values = np.array(VALUES)
    result = scale(values)
    peak = 1e300  # the largest finite magnitude
    assert result.peak == peak
    assert result.alpha.tolist() == [expected_alpha(v, peak) for v in VALUES]
    assert result.alpha.dtype == np.uint8
    assert result.positive.tolist() == [not v < 0 for v in VALUES]
    assert result.nan.tolist() == [math.isnan(v) for v in VALUES]


def test_half_the_peak_is_half_the_alpha():
    result = scale(np.array([[4.0, -2.0], [1.0, 0.0]]))
    assert result.peak == 4.0
    assert result.alpha.tolist() == [[MAX_ALPHA, 75], [38, 0]]  # 150/2, 150/4
    assert result.positive.tolist() == [[True, False], [True, True]]


@pytest.mark.parametrize(
    "values", [[0.0, 0.0], [np.nan, np.inf], [np.inf, -np.inf], [0.0, np.nan]]
)
def test_no_finite_magnitude_gives_peak_zero(values):
    result = scale(np.array(values))
    assert result.peak == 0.0
    assert result.alpha.tolist() == [expected_alpha(v, 0.0) for v in values]


def test_one_cell_agrees_with_the_whole_array():
    rng = np.random.default_rng(3)
    values = rng.normal(0, 10, 200)
    values[::17] = np.nan
    values[5::23] = np.inf
    values[7::29] = -np.inf
    whole = scale(values)
    for i, value in enumerate(values.tolist()):
        assert cell(value, whole.peak) == (
            int(whole.alpha[i]),
            bool(whole.positive[i]),
            bool(whole.nan[i]),
        )


@pytest.mark.parametrize(
    "values",
    [
        np.array([3, -7, 2], dtype=np.int64),
        np.array([True, False]),
        np.array([0.5, np.nan, -np.inf, -2.5], dtype=np.float32),
        np.zeros(0),
        np.array([np.nan, np.inf]),
    ],
)
def test_block_peaks_give_the_largest_finite_magnitude(values):
    finite = [abs(float(v)) for v in values.tolist() if math.isfinite(float(v))]
    peak = float(block_peaks(values).max(initial=0.0))
    assert peak == max(finite, default=0.0)
    if values.size:
        assert peak == scale(values).peak


@pytest.mark.parametrize("shape", [(1000,), (1000, 1), (333, 7), (50, 1000), (9, 2, 5)])
@pytest.mark.parametrize("block_values", [1, 16, 4096])
def test_each_block_peak_is_its_rows_largest_finite_magnitude(
    shape, block_values, monkeypatch
):
    monkeypatch.setattr(colour_scale, "PEAK_BLOCK_VALUES", block_values)
    monkeypatch.setattr(colour_scale, "_PEAK_CHUNK_VALUES", 64)  # many passes
    rng = np.random.default_rng(sum(shape))
    table = rng.normal(size=shape).astype(np.float32)
    flat = table.reshape(-1)
    flat[rng.integers(0, flat.size, 40)] = np.nan
    flat[rng.integers(0, flat.size, 20)] = -np.inf
    rows = table.reshape(shape[0], -1)
    k = rows_per_block(table)
    wanted = []
    for start in range(0, shape[0], k):
        part = rows[start : start + k]
        finite = np.abs(part[np.isfinite(part)])
        wanted.append(finite.max() if finite.size else 0.0)
    got = block_peaks(table)
    assert got.dtype == np.float32
    assert got.tolist() == np.array(wanted, dtype=np.float32).tolist()
    some = range(len(wanted) // 3, min(len(wanted) // 3 + 2, len(wanted)))
    assert block_peaks(table, some).tolist() == got[some.start : some.stop].tolist()


def test_a_million_rows_keep_a_few_hundred_peaks():
    table = np.linspace(-3, 3, 1_000_000).reshape(-1, 1)
    peaks = block_peaks(table)
    assert peaks.size <= 1_000_000 // 1000
    assert float(peaks.max()) == 3.0
