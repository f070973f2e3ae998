"""The batch markers (MarkerCloud): drawn, hovered, clicked and exported."""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from conftest import table
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from lossgui.ui.plots.export import export_image
from lossgui.ui.plots.marker_cloud import MarkerCloud


def _plot_with_cloud(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    cloud = MarkerCloud(size=8)
    cloud.set_colours([QColor("#808080"), QColor("#0000ff")], QColor("#ffffff"))
    widget.getPlotItem().addItem(cloud)
    widget.setXRange(-1, 3, padding=0)
    widget.setYRange(-1, 3, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, cloud


def _view_pos(widget, cloud, x, y):
    return widget.mapFromScene(cloud.mapToScene(QPointF(x, y)))


def test_points_come_back_grey_first_and_bound_the_view(qtbot):
    _widget, cloud = _plot_with_cloud(qtbot)  # kept: the plot owns the item
    cloud.set_points(
        np.array([0.0, 1.0, 2.0]),
        np.array([0.5, 1.5, 2.5]),
        np.array([0, -1, 0]),
        np.array([10, 11, 12]),
    )
    x, _ = cloud.points()
    np.testing.assert_array_equal(x, [1.0, 0.0, 2.0])
    np.testing.assert_array_equal(cloud.groups(), [-1, 0, 0])
    assert cloud.dataBounds(0) == (0.0, 2.0)
    assert cloud.dataBounds(1, orthoRange=(0.5, 2.5)) == (1.5, 2.5)
    rect = cloud.boundingRect()
    assert rect.left() < 0.0 < 2.0 < rect.right()  # the dots' radius included


def test_dots_are_painted_in_their_colours(qtbot):
    widget, cloud = _plot_with_cloud(qtbot)
    cloud.set_points(
        np.array([0.0, 2.0]), np.array([0.0, 2.0]), np.array([-1, 0]), np.array([0, 1])
    )
    image: QImage = widget.grab().toImage()
    grey = _view_pos(widget, cloud, 0.0, 0.0)
    blue = _view_pos(widget, cloud, 2.0, 2.0)
    assert image.pixelColor(grey).name() == "#808080"
    assert image.pixelColor(blue).name() == "#0000ff"


def test_click_on_a_dot_emits_its_order_and_elsewhere_nothing(qtbot):
    widget, cloud = _plot_with_cloud(qtbot)
    cloud.set_points(
        np.array([0.0, 2.0]), np.array([0.0, 2.0]), np.array([-1, 0]), np.array([7, 9])
    )
    clicked = []
    cloud.clicked.connect(clicked.append)
    qtbot.wait(10)  # the scene indexes the moved item before the user can click
    qtbot.mouseClick(
        widget.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_view_pos(widget, cloud, 2.0, 2.0),
    )
    qtbot.mouseClick(
        widget.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_view_pos(widget, cloud, 1.0, 1.0),
    )
    assert clicked == [9]


def test_overlapping_dots_pick_the_coloured_one_on_top(qtbot):
    _widget, cloud = _plot_with_cloud(qtbot)  # kept: the plot owns the item
    cloud.set_points(
        np.array([1.0, 1.0]), np.array([1.0, 1.0]), np.array([-1, 0]), np.array([3, 4])
    )
    assert cloud.index_at(QPointF(1.0, 1.0)) == 4


def test_hover_shows_the_callers_tip(qtbot):
    _widget, cloud = _plot_with_cloud(qtbot)  # kept: the plot owns the item
    cloud.set_points(np.array([1.0]), np.array([1.0]), np.array([0]), np.array([5]))
    cloud.tip = lambda index: f"element {index}"

    class Hover:
        def __init__(self, pos, exit=False):
            self._pos, self._exit = pos, exit

        def isExit(self):
            return self._exit

        def pos(self):
            return self._pos

    cloud.hoverEvent(Hover(QPointF(1.0, 1.0)))
    assert cloud.toolTip() == "element 5"
    cloud.hoverEvent(Hover(QPointF(2.9, 2.9)))
    assert cloud.toolTip() == ""


def test_far_away_and_huge_points_do_not_crash_painting(qtbot):
    widget, cloud = _plot_with_cloud(qtbot)
    cloud.set_points(
        np.array([1e149, -1e149, 1.0]),
        np.array([1.0, 1e149, 1.0]),
        np.array([0, 0, 0]),
        np.array([0, 1, 2]),
    )
    widget.setXRange(-1, 3, padding=0)
    widget.setYRange(-1, 3, padding=0)
    assert not widget.grab().isNull()


def test_svg_export_draws_one_circle_per_marker(make_window, tmp_path):
    window = make_window()
    plot = window.curves_panel.loss_plot
    markers = plot.marker_data()[0].size
    assert markers == 3
    path = export_image(plot, tmp_path / "loss.svg")
    circles = re.findall(r"<circle ", path.read_text(encoding="utf-8"))
    assert len(circles) == markers


def test_a_cell_edit_moves_its_marker(make_window):
    window = make_window()
    plot = window.curves_panel.loss_plot
    model = table(window, "inputTable").model()
    assert model.setData(model.index(1, 0), "2.5")
    x, _ = plot.marker_data()
    assert 2.5 in x.astype(np.float32).tolist()
