"""The swept x-range follows the document: markers in view, boxes equal to the axis.

Issue 14: after Fit on one example the range carried over to the next (the
CrossEntropy example drawn on 0…1 without its markers), and BCELoss on
probabilities showed −6…6 in the boxes while the axis showed 0…1.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import select_loss


def open_example(window, qtbot, stem):
    window.files.example_actions[stem].trigger()
    qtbot.wait(0)


def swept(panel) -> tuple[float, float]:
    x = panel.curve_set.curves[0].x.astype(np.float64)
    return float(x[0]), float(x[-1])


def assert_batch_in_view(panel):
    x, _ = panel.loss_plot.marker_data()
    assert x.size, "no markers drawn"
    low, high = panel.loss_plot.getViewBox().viewRange()[0]
    assert low <= x.min() and x.max() <= high, (low, high, x)
    first, last = swept(panel)
    assert first <= x.min() and x.max() <= last, (first, last, x)


def assert_boxes_equal_axis(panel):
    low, high = panel.controls.x_range()
    assert (low, high) == pytest.approx(swept(panel), abs=0.005)
    view_low, view_high = panel.loss_plot.getViewBox().viewRange()[0]
    margin = 0.05 * (high - low)
    assert view_low <= low < view_low + margin
    assert view_high - margin < high <= view_high


def test_fit_on_one_example_does_not_hide_the_next(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    panel.controls.fit.click()
    for stem in (
        "002-crossentropy-class-index",
        "000-bcewithlogits-cat-dog",
        "001-bcewithlogits-large-logits",
        "004-l1",
    ):
        open_example(window, qtbot, stem)
        assert_batch_in_view(panel)
        assert_boxes_equal_axis(panel)


def test_a_new_loss_refits_a_narrow_range(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    panel.controls.low.setValue(4.0)
    panel.controls.high.setValue(5.0)
    assert swept(panel) == (4.0, 5.0)
    select_loss(window, "CrossEntropyLoss")
    qtbot.wait(0)
    assert_batch_in_view(panel)
    assert_boxes_equal_axis(panel)


def test_probabilities_show_their_domain_in_the_boxes(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    assert panel.controls.x_range() == (0.0, 1.0)
    assert_boxes_equal_axis(panel)
    panel.controls.low.setValue(-3.0)
    assert panel.controls.x_range() == (0.0, 1.0)
    assert_boxes_equal_axis(panel)


def test_an_edit_outside_the_range_widens_it(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    window.controller.set_cells("input", [0], [0], [9.5])
    qtbot.wait(0)
    assert_batch_in_view(panel)
    assert_boxes_equal_axis(panel)
