"""Grid facts updated by rows equal facts measured afresh; the detectors agree."""

from __future__ import annotations

import numpy as np
import pytest

import lossgui.session.grid_facts as grid_facts
from lossgui.session.convert import new_document
from lossgui.session.diagnostics import diagnose
from lossgui.session.grid_facts import FACTS, GridFacts


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_updated_facts_equal_fresh_ones(dtype, monkeypatch):
    monkeypatch.setattr(grid_facts, "_BLOCK_VALUES", 64)  # many blocks
    rng = np.random.default_rng(3)
    grid = rng.random((200, 9)).astype(dtype)
    grid /= grid.sum(axis=1, keepdims=True)  # rows sum to 1: every fact varies
    facts = GridFacts(grid)
    for name in FACTS:
        facts.rows(name)
    for _ in range(30):
        row = int(rng.integers(200))
        grid[row, int(rng.integers(9))] = rng.choice(
            [np.nan, np.inf, -1.0, 2.0, 0.5, -0.1, 0.0]
        )
        facts.update(range(row, row + 1))
        fresh = GridFacts(grid)
        for name in FACTS:
            assert np.array_equal(facts.rows(name), fresh.rows(name)), name


def test_diagnose_with_kept_facts_matches_diagnose_afresh():
    doc = new_document("CrossEntropyLoss")
    doc.resize(50, 4)
    probs = np.full((50, 4), 0.25)
    doc.tensors["input"][...] = probs
    facts = GridFacts(doc.tensors["input"])
    first = [f.code for f in diagnose(doc, facts=facts)]
    assert "softmax-twice" in first
    doc.set_values("input", np.array([7]), np.array([1]), np.array([np.nan]))
    facts.update(range(7, 8))
    kept = [f.code for f in diagnose(doc, facts=facts)]
    assert kept == [f.code for f in diagnose(doc)]
    assert "non-finite" in kept and "softmax-twice" not in kept


def test_facts_of_another_array_are_not_used():
    doc = new_document("CrossEntropyLoss")
    stale = GridFacts(np.full((3, 3), np.nan))
    assert [f.code for f in diagnose(doc, facts=stale)] == [
        f.code for f in diagnose(doc)
    ]
