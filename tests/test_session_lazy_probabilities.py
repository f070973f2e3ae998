"""Probabilities computed when read equal the eager array bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

import lossgui.session.blocked as blocked
import lossgui.session.evaluation as evaluation
import lossgui.session.lazy_probabilities as lazy_probabilities
from lossgui.engine.pipeline import probabilities
from lossgui.session.convert import new_document
from lossgui.session.incremental import evaluate_rows
from lossgui.session.lazy_probabilities import RowProbabilities


@pytest.fixture
def grid() -> np.ndarray:
    rng = np.random.default_rng(9)
    return rng.normal(0, 3, (700, 13)).astype(np.float32)


@pytest.mark.parametrize(
    "key",
    [
        5,
        -1,
        (5, 3),
        (699, -2),
        slice(10, 20),
        slice(None, None, -7),
        (slice(100, 400), 4),
        (slice(3, 9), [0, 12]),
        np.array([3, 650, 3, 12]),
        (np.array([1, 2, 600]), np.array([0, 5, 12])),
        np.arange(700) % 3 == 0,
    ],
)
@pytest.mark.parametrize("mode", ["logits", "raw"])
def test_indexing_equals_the_eager_array(grid, key, mode):
    eager = probabilities("CrossEntropyLoss", grid, mode)
    lazy = RowProbabilities("CrossEntropyLoss", grid, mode)
    got = np.asarray(lazy[key])
    want = eager[key]
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_as_an_array_it_is_the_eager_array(grid):
    eager = probabilities("CrossEntropyLoss", grid, "logits")
    lazy = RowProbabilities("CrossEntropyLoss", grid, "logits")
    assert lazy.shape == eager.shape and lazy.dtype == eager.dtype
    assert np.asarray(lazy).tobytes() == eager.tobytes()
    with pytest.raises(IndexError):
        lazy[700]


def test_a_large_evaluation_holds_them_lazily_and_edits_renew_them(monkeypatch):
    monkeypatch.setattr(evaluation, "BLOCKED_MIN_SIZE", 1)
    monkeypatch.setattr(blocked, "BLOCK_VALUES", 4096)
    monkeypatch.setattr(lazy_probabilities, "LAZY_MIN_SIZE", 1)
    doc = new_document("CrossEntropyLoss")
    doc.resize(600, 20)
    doc.randomize(seed=3)
    previous = doc.evaluate()
    assert isinstance(previous.probabilities, RowProbabilities)
    doc.set_values("input", np.array([42]), np.array([3]), np.array([9.0]))
    inc = evaluate_rows(previous, doc, ("input",), range(42, 43))
    assert inc is not None and isinstance(inc.probabilities, RowProbabilities)
    monkeypatch.setattr(evaluation, "BLOCKED_MIN_SIZE", 10**12)
    eager = doc.evaluate().probabilities
    assert isinstance(eager, np.ndarray)
    assert np.asarray(inc.probabilities).tobytes() == eager.tobytes()
    assert inc.probabilities[42, 3] == eager[42, 3]
