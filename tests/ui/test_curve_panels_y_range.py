"""Readable y axes: BCELoss on probabilities, the off-scale ends shaded.

Issue 14: BCELoss in probabilities mode had a loss axis to 100 and a
gradient axis to 1e12 (the curves at p = 0 and 1), every marker on a flat
line. The y-range now shows the batch and the curves' middle; where a
curve leaves it, a shaded band says how far it goes.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.io.bundled import list_examples

STEMS = [example.path.stem for example in list_examples()]
SIZES = [(1024, 700), (1366, 768)]


def open_example(window, qtbot, stem):
    window.files.example_actions[stem].trigger()
    qtbot.wait(0)


def y_range(plot) -> tuple[float, float]:
    view = plot.getViewBox()
    view.updateAutoRange()  # what the next paint does
    low, high = view.viewRange()[1]
    return float(low), float(high)


def assert_markers_in_y_range(plot):
    _, y = plot.marker_data()
    low, high = y_range(plot)
    assert y.size, "no markers drawn"
    assert low <= y.min() and y.max() <= high, (plot.objectName(), low, high, y)


def test_bce_probabilities_axes_show_the_batch(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    low, high = y_range(panel.loss_plot)
    assert high < 10, "the loss axis runs to the clamped 100"
    low, high = y_range(panel.grad_plot)
    assert low > -60 and high < 60, "the gradient axis runs to ±1e12"
    for plot in (panel.loss_plot, panel.grad_plot):
        assert_markers_in_y_range(plot)


def test_the_off_scale_ends_are_shaded_and_say_how_far(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    y_range(panel.loss_plot)
    bands = panel.loss_plot.off_scale.shown()
    assert [text for _, _, text in bands] == ["↑ 100", "↑ 100"]
    (a, b), (c, d) = [(low, high) for low, high, _ in bands]
    assert a == pytest.approx(0.0, abs=0.002) and 0.01 < b < 0.1  # from p = 0
    assert 0.9 < c < 0.99 and d == pytest.approx(1.0, abs=0.002)  # to p = 1
    y_range(panel.grad_plot)
    texts = [text for _, _, text in panel.grad_plot.off_scale.shown()]
    assert texts == ["↓ -1e+12", "↑ 1e+12"]


def test_bands_go_when_the_curves_fit(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    y_range(panel.loss_plot)
    assert panel.loss_plot.off_scale.shown()
    open_example(window, qtbot, "000-bcewithlogits-cat-dog")
    y_range(panel.loss_plot)
    assert panel.loss_plot.off_scale.shown() == []


def test_markers_near_0_01_and_0_99_stay_in_view(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    open_example(window, qtbot, "001-bce-probabilities")
    values = [0.01, 0.99, 0.5, 0.99, 0.01, 0.3]
    window.controller.set_cells("input", [0, 0, 0, 1, 1, 1], [0, 1, 2] * 2, values)
    qtbot.wait(0)
    for plot in (panel.loss_plot, panel.grad_plot):
        assert_markers_in_y_range(plot)
        low, high = y_range(plot)
        assert high - low < 400  # ±100 at p = 0.01, not ±1e12


@pytest.mark.parametrize("size", SIZES)
def test_every_example_keeps_its_markers_in_the_y_range(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    panel = window.curves_panel
    for stem in STEMS:
        open_example(window, qtbot, stem)
        if panel.curve_set is None or panel.curve_set.markers is None:
            continue  # torch refuses the input: no markers to show
        for plot in (panel.loss_plot, panel.grad_plot):
            _, y = plot.marker_data()
            if y.size:
                low, high = y_range(plot)
                assert low <= np.min(y) and np.max(y) <= high, (stem, plot)
