"""Curve axis titles fit their axis: elided in the middle, whole in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget

from lossgui.ui.plots.curve_plot import CurvePlot


def titles_inside(plot: CurvePlot) -> list[str]:
    """Problems: an axis title longer than its axis, or drawn outside the plot."""
    problems = []
    item = plot.getPlotItem()
    view = item.getViewBox().sceneBoundingRect()
    for side, room in (("left", view.height()), ("bottom", view.width())):
        label = item.getAxis(side).label
        drawn = label.mapRectToScene(label.boundingRect())
        length = drawn.height() if side == "left" else drawn.width()
        if length > room + 1:
            problems.append(f"{side}: {length:.0f} px on a {room:.0f} px axis")
        if side == "left" and (
            drawn.top() < view.top() - 2 or drawn.bottom() > view.bottom() + 2
        ):
            problems.append(f"left title outside the axis: {drawn} vs {view}")
    return problems


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
@pytest.mark.parametrize(
    "example", ["108-multiclass-lm-head", "107-sequence-ctc", "106-ranking-triplet"]
)
def test_long_axis_titles_are_elided_to_their_axis(make_window, qtbot, size, example):
    window = make_window()
    window.resize(*size)
    window.files.example_actions[example].trigger()
    window.findChild(QDockWidget, "CurvesDock").raise_()
    plots = window.findChildren(CurvePlot)
    qtbot.waitUntil(lambda: all(p.axis_label_text("left") for p in plots), timeout=3000)
    for plot in plots:
        assert titles_inside(plot) == []
        full = plot._axis_text["left"]
        shown = plot.axis_label_text("left")
        if shown != full:
            assert "…" in shown
            assert plot.getPlotItem().getAxis("left").toolTip() == full
