"""The curves' batch summary: block extremes and row hardness, kept up to date."""

from __future__ import annotations

import numpy as np
import pytest

import lossgui.session.curve_summary as curve_summary
from lossgui.session.curve_range import PLOT_LIMIT
from lossgui.session.curve_summary import summarise


def _grid(rng, shape, dtype):
    grid = rng.normal(size=shape).astype(dtype)
    flat = grid.reshape(-1)
    flat[rng.integers(0, flat.size, 30)] = np.nan
    flat[rng.integers(0, flat.size, 10)] = np.inf
    if dtype == np.float64:  # float32 cannot hold a value past the limit
        flat[rng.integers(0, flat.size, 10)] = PLOT_LIMIT * 4  # not drawable
    return grid


def _extent(grid):
    values = grid.astype(np.float64).reshape(-1)
    fine = values[np.isfinite(values) & (np.abs(values) <= PLOT_LIMIT)]
    return (float(fine.min()), float(fine.max())) if fine.size else None


@pytest.mark.parametrize("shape", [(5000, 1), (997, 7), (40, 300), (3, 5000)])
@pytest.mark.parametrize("block_values", [1, 64, 4096])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_edited_rows_update_the_summary_as_a_fresh_one(
    shape, block_values, dtype, monkeypatch
):
    monkeypatch.setattr(curve_summary, "EXTREMES_BLOCK_VALUES", block_values)
    monkeypatch.setattr(curve_summary, "BLOCK", 256)  # many chunks
    rng = np.random.default_rng(shape[0] + block_values)
    grid = _grid(rng, shape, dtype)
    loss = np.abs(_grid(rng, shape, dtype))
    kept = summarise(grid, loss, coupled=False)
    assert kept.extent() == _extent(grid)
    for _ in range(6):
        start = int(rng.integers(0, shape[0]))
        rows = range(start, min(start + int(rng.integers(1, 4)), shape[0]))
        grid[rows.start : rows.stop] = rng.normal(size=(len(rows), shape[1])) * 50
        loss[rows.start : rows.stop] = rng.random((len(rows), shape[1]))
        kept = summarise(grid, loss, False, kept, [rows])
        fresh = summarise(grid, loss, coupled=False)
        assert kept.extent() == fresh.extent() == _extent(grid)
        np.testing.assert_array_equal(kept.low, fresh.low)
        np.testing.assert_array_equal(kept.high, fresh.high)
        np.testing.assert_array_equal(kept.hardness, fresh.hardness)


def test_a_million_rows_keep_few_extremes_and_every_hardness():
    grid = np.linspace(-3, 3, 1_000_000, dtype=np.float32).reshape(-1, 1)
    summary = summarise(grid, np.abs(grid), coupled=False)
    assert summary.rows == 1_000_000
    assert summary.low.size <= 1_000_000 // 1000
    assert summary.hardness is not None and summary.hardness.size == 1_000_000
    assert summary.extent() == (-3.0, 3.0)
