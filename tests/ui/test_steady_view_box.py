"""The curves' y auto-range holds steady through small changes, follows big ones."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from lossgui.ui.plots.steady_view import KEEP_FRACTION, SteadyViewBox


@pytest.mark.parametrize(
    ("fitted", "current", "shown"),
    [
        ((0.5, 9.5), (0.0, 10.0), (0.0, 10.0)),  # inside, fills 90 %: kept
        ((0.0, 10.5), (0.0, 10.0), (0.0, 10.5)),  # grew past the top: follows
        ((-1.0, 5.0), (0.0, 10.0), (-1.0, 5.0)),  # past the bottom: follows
        ((4.0, 5.0), (0.0, 10.0), (4.0, 5.0)),  # shrank to 10 %: follows
        ((2.0, 2.0 + 10 * KEEP_FRACTION), (0.0, 10.0), (0.0, 10.0)),  # the edge
    ],
)
def test_steady_range_rule(qtbot, fitted, current, shown):
    assert SteadyViewBox().steady_range(fitted, current) == shown


def _plot(qtbot, view_box=None):
    widget = pg.PlotWidget(viewBox=view_box or SteadyViewBox())
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.show()
    item = pg.PlotDataItem(np.arange(10.0), np.linspace(0, 10, 10))
    widget.addItem(item)
    widget.getPlotItem().getViewBox().setDefaultPadding(0.0)
    widget.enableAutoRange(axis="y")
    qtbot.waitUntil(lambda: widget.viewRange()[1][1] >= 10)
    return widget, item


def _paint(widget):
    """Paint the plot now: pyqtgraph fits a pending auto-range just before."""
    widget.grab()


def _fitted_to(view_range, low, high):
    """Whether the y-range encloses ``[low, high]`` with at most a 2 % margin."""
    margin = 0.02 * (high - low)
    shown_low, shown_high = view_range
    return low - margin <= shown_low <= low and high <= shown_high <= high + margin


def test_a_plain_view_box_follows_the_same_small_change(qtbot):
    # The control for the tests below: the repaint is what fits the range.
    widget, item = _plot(qtbot, pg.ViewBox())
    item.setData(np.arange(10.0), np.linspace(0.5, 9.5, 10))
    _paint(widget)
    assert _fitted_to(widget.viewRange()[1], 0.5, 9.5)


def test_small_changes_keep_the_axis_and_big_ones_move_it(qtbot):
    widget, item = _plot(qtbot)
    before = widget.viewRange()[1]
    assert _fitted_to(before, 0.0, 10.0)
    item.setData(np.arange(10.0), np.linspace(0.5, 9.5, 10))
    _paint(widget)
    assert widget.viewRange()[1] == before  # a plain ViewBox would fit 0.5..9.5
    item.setData(np.arange(10.0), np.linspace(0, 20, 10))
    _paint(widget)
    assert _fitted_to(widget.viewRange()[1], 0.0, 20.0)


def test_refit_fits_the_next_range_exactly(qtbot):
    widget, item = _plot(qtbot)
    view = widget.getPlotItem().getViewBox()
    before = widget.viewRange()[1]
    item.setData(np.arange(10.0), np.linspace(1, 9, 10))
    _paint(widget)
    assert widget.viewRange()[1] == before  # held
    view.refit()
    widget.enableAutoRange(axis="y")
    item.setData(np.arange(10.0), np.linspace(1, 9, 10))
    _paint(widget)
    assert _fitted_to(widget.viewRange()[1], 1.0, 9.0)  # fitted again


def test_the_curve_plots_use_it(make_window):
    window = make_window()
    for plot in (window.curves_panel.loss_plot, window.curves_panel.grad_plot):
        assert isinstance(plot.getPlotItem().getViewBox(), SteadyViewBox)
