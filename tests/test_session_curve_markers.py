"""Markers of large batches: bounded, the selected and hardest always among them."""

from __future__ import annotations

import numpy as np

from lossgui.session import new_document
from lossgui.session.curves import MAX_MARKERS, batch_curves


def test_one_loss_for_the_batch_with_more_elements_than_markers():
    """CTC over 1,000 time steps: one loss for the batch, a subsample marked."""
    doc = new_document("CTCLoss")
    doc.resize(1_000, 10)
    cs = batch_curves(doc.evaluate(), (500, 3), points=21)
    assert cs.error is None
    m = cs.markers
    assert m.rows.size <= MAX_MARKERS + 20
    selected = m.find(500, 3)
    assert selected is not None and cs.selected == selected
    assert cs.curves[m.curve[selected]].selected
