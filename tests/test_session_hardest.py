"""The hardest samples: largest loss first, NaN before everything."""

from __future__ import annotations

import numpy as np

from lossgui.session.hardest import hardest_order


def test_hardest_order_is_descending_and_puts_nan_first():
    values = np.array([0.2, np.nan, 3.0, 0.2, 1.0])
    assert hardest_order(values).tolist() == [1, 2, 4, 0, 3]  # ties keep their order


def test_a_million_losses_come_out_sorted():
    # how fast: python -m tests.benchmarks large
    big = np.random.default_rng(0).random(1_000_000)
    big[[10, 500_000]] = np.nan
    order = hardest_order(big)
    assert sorted(order[:2].tolist()) == [10, 500_000]
    assert sorted(order.tolist()) == list(range(1_000_000))  # a permutation
    assert np.all(np.diff(big[order[2:]]) <= 0)
