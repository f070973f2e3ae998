"""Curve panels in batch mode: data equal to compute, markers, live updates, links."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from conftest import table
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from lossgui.engine import compute
from lossgui.session import new_document
from lossgui.session.curves import HARDEST, MAX_MARKERS
from lossgui.ui.plots import CurvesPanel


def plots(window):
    loss = window.findChild(pg.PlotWidget, "lossPlot")
    grad = window.findChild(pg.PlotWidget, "gradPlot")
    assert loss is not None and grad is not None
    return loss, grad


def test_two_linked_plots_beside_the_grids(make_window):
    window = make_window()
    loss, grad = plots(window)
    assert isinstance(window.curves_panel, CurvesPanel)
    assert grad.getViewBox().linkedView(0) is loss.getViewBox()
    assert (
        loss.getViewBox().viewRange()[0][0]
        <= -6
        <= 6
        <= loss.getViewBox().viewRange()[0][1]
    )
    assert "log-odds" in loss.getPlotItem().getAxis("bottom").labelText
    assert "BCEWithLogitsLoss" in loss.getPlotItem().getAxis("left").labelText


def test_curves_are_compute_on_the_same_points(make_window):
    window = make_window()
    loss, grad = plots(window)
    assert loss.legend_labels() == ("y=0", "y=1")
    for l_item, g_item, y in zip(
        loss.visible_curves(), grad.visible_curves(), (0.0, 1.0), strict=True
    ):
        x, values = l_item.getData()
        gx, gradient = g_item.getData()
        assert 400 <= x.size <= 1000 and x[0] == -6 and x[-1] == 6
        z = x.astype(np.float32)
        ref = compute("BCEWithLogitsLoss", z, np.full_like(z, y), reduction="none")
        np.testing.assert_array_equal(values, ref.value)
        np.testing.assert_array_equal(gx, x)
        np.testing.assert_array_equal(gradient, ref.grad)


def test_markers_are_the_batch_logits_and_losses(make_window):
    window = make_window()
    loss, grad = plots(window)
    ev = window.evaluation
    x, y = loss.marker_data()
    order = np.argsort(x)
    np.testing.assert_array_equal(x[order], np.sort(ev.grid))
    np.testing.assert_array_equal(
        y[order], ev.result.loss.elementwise[np.argsort(ev.grid)]
    )
    gx, gy = grad.marker_data()
    none = compute("BCEWithLogitsLoss", ev.grid, ev.inputs[1][1], reduction="none")
    np.testing.assert_array_equal(gy[np.argsort(gx)], none.grad[np.argsort(ev.grid)])
    ring_x, ring_y = loss.ring.getData()
    assert (ring_x[0], ring_y[0]) == (ev.grid[0], ev.result.loss.elementwise[0])


def test_parameter_change_and_cell_edit_update_the_same_items(make_window):
    window = make_window(new_document("sigmoid_focal_loss"))
    loss, _ = plots(window)
    items = list(loss.curves)
    before = loss.visible_curves()[1].getData()[1].copy()
    window.controller.set_setting("param.gamma", 0.5)
    x, after = loss.visible_curves()[1].getData()
    assert not np.array_equal(before, after)
    z = x.astype(np.float32)
    ref = compute("sigmoid_focal_loss", z, np.ones_like(z), gamma=0.5, reduction="none")
    np.testing.assert_array_equal(after, ref.value)
    model = table(window, "inputTable").model()
    assert model.setData(model.index(1, 0), "3.5")
    mx, my = loss.marker_data()
    assert 3.5 in mx
    assert my[list(mx).index(3.5)] == window.evaluation.result.loss.elementwise[1]
    assert list(loss.curves) == items  # created once, updated with setData


def test_softmax_loss_sweeps_the_selected_row(make_window, qtbot):
    window = make_window(new_document("CrossEntropyLoss"))
    loss, grad = plots(window)
    view = table(window, "inputTable")
    view.setCurrentIndex(view.model().index(1, 2))
    assert window.curves_panel.selected() == (1, 2)
    assert loss.legend_labels()[0] == "z[1,0] · true class"
    x, values = loss.visible_curves()[2].getData()
    rows = np.repeat(window.evaluation.grid[1:2], x.size, axis=0)
    rows[:, 2] = x
    ref = compute(
        "CrossEntropyLoss", rows, np.zeros(x.size, np.int64), reduction="none"
    )
    np.testing.assert_array_equal(values, ref.value)
    np.testing.assert_array_equal(grad.visible_curves()[2].getData()[1], ref.grad[:, 2])


def test_clicking_a_marker_selects_the_cell_and_back(make_window, qtbot):
    window = make_window()
    loss, _ = plots(window)
    xs, ys = loss.marker_data()
    k = int(np.flatnonzero(xs == np.float32(0.5))[0])
    scene_point = loss.markers.mapToScene(QPointF(float(xs[k]), float(ys[k])))
    qtbot.mouseClick(
        loss.viewport(),
        Qt.MouseButton.LeftButton,
        pos=loss.mapFromScene(scene_point),
    )
    view = table(window, "inputTable")
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 0)
    assert loss.ring.getData()[0][0] == np.float32(0.5)
    results = table(window, "resultTable")
    results.setCurrentIndex(results.model().index(1, 1))
    assert window.curves_panel.selected() == (1, 0)
    assert loss.ring.getData()[0][0] == np.float32(0.7)


def test_huge_batch_draws_a_subsample_and_says_so(make_window):
    doc = new_document("BCEWithLogitsLoss")
    doc.resize(60_000, 2)
    doc.randomize(4)
    window = make_window(doc)
    loss, _ = plots(window)
    assert loss.marker_data()[0].size <= MAX_MARKERS + 1 + HARDEST
    assert "of 120,000 elements" in loss.getPlotItem().titleLabel.text


def test_theme_switch_restyles_the_plots(make_window):
    window = make_window()
    loss, _ = plots(window)
    window.window_actions.set_theme("dark")
    QApplication.processEvents()
    dark = loss.backgroundBrush().color()
    window.window_actions.set_theme("light")
    QApplication.processEvents()
    light = loss.backgroundBrush().color()
    assert dark.lightness() < 100 < light.lightness()
    pen = loss.visible_curves()[0].opts["pen"]
    assert pen.color().lightness() < 200


def test_range_controls_and_fit(make_window):
    window = make_window(new_document("HuberLoss"))
    panel = window.curves_panel
    panel.controls.low.setValue(-2.0)
    x, _ = panel.loss_plot.visible_curves()[0].getData()
    assert x[0] == -2 and x[-1] == 6
    panel.controls.fit.click()
    low, high = panel.controls.x_range()
    grid = window.evaluation.grid
    assert low < grid.min() and grid.max() < high and high - low < 12
    x, _ = panel.loss_plot.visible_curves()[0].getData()
    assert (x[0], x[-1]) == (low, high)


def test_curves_behind_another_tab_wait_and_catch_up_when_shown(make_window, qtbot):
    from PySide6.QtWidgets import QDockWidget

    window = make_window()
    panel = window.curves_panel
    window.findChild(QDockWidget, "ExplainDock").raise_()
    qtbot.wait(10)
    drawn = panel.curve_set
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 0), "4.25")
    assert panel.curve_set is drawn  # not recomputed while hidden
    window.findChild(QDockWidget, "CurvesDock").raise_()
    qtbot.waitUntil(lambda: panel.curve_set is not drawn)
    x, _ = panel.loss_plot.marker_data()
    assert np.float32(4.25) in x.astype(np.float32)
