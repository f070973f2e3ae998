"""``OffScaleBands``: shaded x-intervals where a curve leaves the plot's y-range.

When the y-range leaves out the exploding ends of a curve (BCELoss on
probabilities: 100 and ±1e12 at ``p = 0`` and ``1``, see
:mod:`lossgui.session.curve_y_range`), each such interval is shaded and
labelled with how far the curves go (``↑ 100``). The intervals are found by
the session module; this item only draws them, reusing its band and text
items. Nothing is shown while the user has zoomed the y axis by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.session.curve_y_range import OffScale, off_scale_spans, off_scale_text

__all__ = ["MIN_PIXELS", "OffScaleBands"]

#: A band is drawn at least this wide (a single clamped end point included).
MIN_PIXELS = 5.0

TIP = QT_TRANSLATE_NOOP(
    "OffScaleBands",
    "Off the scale: the curves leave the plot here ({text}).\n"
    "The y-range shows the batch and the middle of the curves;\n"
    "right-click > View All shows everything.",
)


class OffScaleBands:
    """The shaded off-scale intervals of one plot (see the module docstring).

    Parameters
    ----------
    plot : pg.PlotItem
        The plot to draw on.
    curves : callable
        Returns the drawn curves as ``(x, y)`` pairs.
    """

    def __init__(
        self,
        plot: pg.PlotItem,
        curves: Callable[[], Sequence[tuple[np.ndarray, np.ndarray]]],
    ):
        self._plot = plot
        self._curves = curves
        self._bands: list[pg.LinearRegionItem] = []
        self._texts: list[pg.TextItem] = []
        self._spans: list[OffScale] = []
        self._brush = QBrush(QColor(128, 128, 128, 40))
        self._colour = QColor(0, 0, 0)
        plot.getViewBox().sigRangeChanged.connect(self.update)

    def shown(self) -> list[tuple[float, float, str]]:
        """``(low, high, text)`` of every interval drawn, left to right."""
        return [(s.low, s.high, off_scale_text(s)) for s in self._spans]

    def labels(self) -> list[pg.TextItem]:
        """The text items in view (one per interval)."""
        return [label for label in self._texts if label.isVisible()]

    def label_points(self) -> list[tuple[float, float]]:
        """Where each label in view is pinned, in data coordinates."""
        return [(float(t.pos().x()), float(t.pos().y())) for t in self.labels()]

    def set_colours(self, fill: QColor, text: QColor) -> None:
        """The bands' fill and the labels' colour (follow the theme)."""
        self._brush = QBrush(fill)
        self._colour = QColor(text)
        for band in self._bands:
            band.setBrush(self._brush)
        for label in self._texts:
            label.setColor(self._colour)

    def update(self, *_args: object) -> None:
        """Find and draw the intervals for the current view (a range change)."""
        view = self._plot.getViewBox()
        x_range, y_range = view.viewRange()
        auto_y = bool(view.autoRangeEnabled()[1])
        spans = off_scale_spans(self._curves(), y_range, x_range) if auto_y else []
        self._spans = spans
        self._grow(len(spans))
        pixel = abs(float(view.viewPixelSize()[0]))
        for i, band in enumerate(self._bands):
            label = self._texts[i]
            if i >= len(spans):
                band.setVisible(False)
                label.setVisible(False)
                continue
            span = spans[i]
            low, high = _widened(span.low, span.high, MIN_PIXELS * pixel)
            band.setRegion((low, high))
            text = off_scale_text(span)
            tip = QCoreApplication.translate("OffScaleBands", TIP)
            band.setToolTip(tip.format(text=text))
            band.setVisible(True)
            left = (low + high) / 2 < (x_range[0] + x_range[1]) / 2
            top = span.above is not None
            label.setAnchor((0.0 if left else 1.0, 0.0 if top else 1.0))
            label.setText(text)
            label.setPos(low if left else high, y_range[1] if top else y_range[0])
            label.setVisible(True)

    def _grow(self, count: int) -> None:
        while len(self._bands) < count:
            band = pg.LinearRegionItem(
                movable=False, brush=self._brush, pen=pg.mkPen(None)
            )
            band.setZValue(-5)
            label = pg.TextItem(color=self._colour)
            label.setZValue(12)
            self._plot.addItem(band, ignoreBounds=True)
            self._plot.addItem(label, ignoreBounds=True)
            self._bands.append(band)
            self._texts.append(label)


def _widened(low: float, high: float, width: float) -> tuple[float, float]:
    """``[low, high]`` grown symmetrically to at least ``width``."""
    missing = width - (high - low)
    if missing <= 0:
        return low, high
    return low - missing / 2, high + missing / 2
