"""Markers of large batches: bounded, the selected and hardest always among them."""

from __future__ import annotations

import numpy as np

from lossgui.session import new_document, sweep
from lossgui.session.curve_range import domain_of, fitted_range
from lossgui.session.curve_summary import hardest_rows
from lossgui.session.curves import (
    HARDEST,
    MARKER_ROWS_BUDGET,
    MAX_CURVES,
    MAX_MARKERS,
    batch_curves,
    batch_summary,
)


def test_one_loss_for_the_batch_with_more_elements_than_markers(monkeypatch):
    """CTC over 60 time steps: one loss for the batch, a subsample marked."""
    monkeypatch.setattr(sweep, "POINTWISE_SECONDS", 60.0)  # not a timing test
    doc = new_document("CTCLoss")
    doc.resize(60, 10)
    cs = batch_curves(doc.evaluate(), (50, 3), points=21, max_markers=500)
    assert cs.error is None
    m = cs.markers
    assert m.rows.size <= 500 + MAX_CURVES + 1
    selected = m.find(50, 3)
    assert selected is not None and cs.selected == selected
    assert cs.curves[m.curve[selected]].selected


def test_a_point_by_point_sweep_too_slow_to_be_live_is_refused(monkeypatch):
    """Each point is an engine call on the whole batch: a time budget bounds it."""
    doc = new_document("CTCLoss")
    doc.resize(60, 10)
    ev = doc.evaluate()
    monkeypatch.setattr(sweep, "POINTWISE_SECONDS", 60.0)
    assert batch_curves(ev, (5, 1), points=41).curves  # within the budget
    monkeypatch.setattr(sweep, "POINTWISE_SECONDS", 1e-9)
    monkeypatch.setattr(sweep, "POINTWISE_UNTIMED", 100)
    cs = batch_curves(ev, (5, 1), points=41)
    assert not cs.curves and "too large to sweep point by point" in cs.error


def _wide_batch(rows=3_000, classes=300, seed=5):
    """CrossEntropyLoss on rows x classes logits, a few samples made hard."""
    doc = new_document("CrossEntropyLoss")
    doc.resize(rows, classes)
    rng = np.random.default_rng(seed)
    doc.tensors[doc.first_name][...] = rng.normal(0.0, 1.0, (rows, classes))
    target = doc.tensors["target"]
    target[...] = rng.integers(0, classes, rows)
    hard = [r for r in (17, 1234, 2999) if r < rows]
    for r in hard:  # the true class far below the rest: a large loss
        doc.tensors[doc.first_name][r, int(target[r])] = -40.0
    return doc, hard


def test_a_wide_batch_marks_a_bounded_sample_with_the_selected_and_hardest():
    doc, hard = _wide_batch()
    ev = doc.evaluate()
    cs = batch_curves(ev, (2_500, 123), points=41)
    m = cs.markers
    assert m.total == 3_000 * 300
    assert m.rows.size <= MAX_MARKERS + 1 + MAX_CURVES + HARDEST
    assert np.unique(m.rows).size <= MARKER_ROWS_BUDGET // 300 + 1 + HARDEST
    assert cs.selected == m.find(2_500, 123)
    losses = np.asarray(ev.result.loss.elementwise, dtype=np.float64)
    hardest = np.argsort(-losses, kind="stable")[:HARDEST]
    assert set(hard) <= set(hardest.tolist())
    assert set(hardest.tolist()) <= set(m.rows.tolist())
    assert any("of 900,000 elements" in note for note in cs.notes)


def test_small_batches_mark_every_element():
    doc = new_document("CrossEntropyLoss")
    doc.resize(40, 50)
    cs = batch_curves(doc.evaluate(), (3, 4), points=21)
    assert cs.markers.rows.size == 2_000
    assert not any("elements marked" in note for note in cs.notes)


def test_the_summary_follows_edits_row_by_row():
    doc, _ = _wide_batch(rows=500, classes=40)
    first = doc.evaluate()
    summary = batch_summary(first)
    doc.tensors[doc.first_name][7, 3] = 55.0
    doc.tensors[doc.first_name][9, :] = np.nan
    second = doc.evaluate()
    updated = batch_summary(second, summary, [range(7, 10)])
    fresh = batch_summary(second)
    assert updated is summary  # updated in place, not rebuilt
    np.testing.assert_array_equal(updated.low, fresh.low)
    np.testing.assert_array_equal(updated.high, fresh.high)
    np.testing.assert_array_equal(updated.hardness, fresh.hardness)
    assert updated.extent()[1] == 55.0
    assert updated.hardness[9] == np.inf  # a NaN loss is the hardest
    assert hardest_rows(updated, 1).tolist() == [9]


def test_the_fitted_range_covers_every_value_from_the_summary():
    doc, _ = _wide_batch(rows=400, classes=30)
    doc.tensors[doc.first_name][123, 4] = 17.5
    ev = doc.evaluate()
    extent = batch_summary(ev).extent()
    grid = np.asarray(ev.grid, dtype=np.float64)
    assert extent == (grid.min(), grid.max())
    low, high = fitted_range(extent, domain_of(ev))
    assert low <= grid.min() and grid.max() <= high


def test_an_independent_loss_reuses_its_sweeps_after_an_edit_of_the_grid():
    """The curves of BCE do not depend on the logits: an edit keeps them."""
    doc = new_document("BCEWithLogitsLoss")
    doc.resize(50, 4)
    first = batch_curves(doc.evaluate(), (3, 1), points=81)
    doc.tensors[doc.first_name][3, 1] = 2.5  # the selected element itself
    doc.tensors[doc.first_name][3, 2] = -1.5  # and its row
    second = batch_curves(doc.evaluate(), (3, 1), points=81)
    for a, b in zip(first.curves, second.curves, strict=True):
        assert a.loss is b.loss and a.grad is b.grad
    assert second.markers.x[second.selected] == np.float32(2.5)


def test_a_coupled_loss_sweeps_again_when_its_row_changes():
    doc = new_document("CrossEntropyLoss")
    first = batch_curves(doc.evaluate(), (1, 2), points=81)
    doc.tensors[doc.first_name][1, 0] += 1.0
    second = batch_curves(doc.evaluate(), (1, 2), points=81)
    changed = [
        not np.array_equal(a.loss, b.loss)
        for a, b in zip(first.curves, second.curves, strict=True)
    ]
    assert any(changed)
    doc.tensors[doc.first_name][0, 0] += 1.0  # another row: the same curves
    third = batch_curves(doc.evaluate(), (1, 2), points=81)
    for a, b in zip(second.curves, third.curves, strict=True):
        assert a.loss is b.loss
