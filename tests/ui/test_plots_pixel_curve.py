"""Curves stroked along fewer points (PixelCurve): the same picture, the same data."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage

from lossgui.ui.plots.pixel_curve import TOLERANCE, PixelCurve, thinned


def _distance_to_polyline(px, py, qx, qy):
    """Each point (px, py)'s distance to the polyline through (qx, qy)."""
    ax, ay, bx, by = qx[:-1], qy[:-1], qx[1:], qy[1:]
    dx, dy = bx - ax, by - ay
    length = np.maximum(dx * dx + dy * dy, 1e-300)
    t = np.clip(((px[:, None] - ax) * dx + (py[:, None] - ay) * dy) / length, 0.0, 1.0)
    cx, cy = ax + t * dx, ay + t * dy
    return np.sqrt((px[:, None] - cx) ** 2 + (py[:, None] - cy) ** 2).min(axis=1)


CURVES = {
    "softplus": lambda x: np.logaddexp(0.0, x),
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "hinge": lambda x: np.maximum(0.0, 1.0 - x) ** 2,
    "wiggle": lambda x: np.sin(3.0 * x) + 0.3 * x,
    "kink": lambda x: np.abs(x - 0.37),
}


@pytest.mark.parametrize("name", CURVES)
def test_thinned_polyline_stays_within_the_tolerance(name):
    x = np.linspace(-6.0, 6.0, 801)
    y = CURVES[name](x)
    px = (x + 6.0) / 12.0 * 480.0
    py = 300.0 - (y - y.min()) / np.ptp(y) * 280.0
    keep = thinned(px, py, QRectF(0, 0, 480, 300))
    assert keep[0] == 0 and keep[-1] == x.size - 1
    assert np.all(np.diff(keep) > 0)
    assert keep.size < 0.6 * x.size  # the point of it
    gap = _distance_to_polyline(px, py, px[keep], py[keep])
    assert gap.max() <= TOLERANCE


def test_gaps_stay_gaps_and_points_beyond_one_side_collapse():
    x = np.linspace(0.0, 400.0, 401)
    y = np.full(x.size, 100.0)
    y[200] = np.nan  # a gap: kept, with its neighbours
    y[300:350] = -5000.0  # far above the plot: only the run's ends matter
    keep = thinned(x, y, QRectF(0, 0, 400, 200))
    assert {199, 200, 201} <= set(keep.tolist())
    inside_run = [i for i in keep.tolist() if 300 < i < 349]
    assert inside_run == []
    assert {299, 300, 349, 350} <= set(keep.tolist())


def _render(qtbot, item_type, y):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(420, 280)
    widget.setBackground("w")
    item = item_type(connect="finite", antialias=True)
    item.setPen(pg.mkPen(QColor("#1f77b4"), width=2.6, cosmetic=True))
    x = np.linspace(-6.0, 6.0, 801)
    item.setData(x, y(x))
    widget.getPlotItem().addItem(item)
    widget.setXRange(-6, 6, padding=0.02)
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    bits = np.frombuffer(image.constBits(), np.uint8)
    pixels = bits.reshape(image.height(), image.bytesPerLine())
    return widget, item, pixels[:, : image.width() * 4].astype(int)


@pytest.mark.parametrize("name", ["softplus", "hinge", "wiggle"])
def test_drawn_like_pyqtgraph_with_the_full_data_kept(qtbot, name):
    _one, full, before = _render(qtbot, pg.PlotCurveItem, CURVES[name])
    _two, thin, after = _render(qtbot, PixelCurve, CURVES[name])
    np.testing.assert_array_equal(thin.getData()[1], full.getData()[1])
    assert thin.getData()[0].size == 801
    difference = np.abs(before - after)
    assert (before != 255).sum() > 2000  # a curve was drawn at all
    assert difference.max() <= 48  # antialiasing shades, never a moved line
    assert (difference > 16).sum() < 0.002 * difference.size
