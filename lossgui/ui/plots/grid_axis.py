"""``GridAxis``: an axis whose grid lines are opaque and lie beneath the data.

pyqtgraph draws a plot's grid as part of its axes: translucent lines (the
axis colour at a low alpha) on top of the curves, so that the curves show
through. Qt's raster engine strokes translucent one-pixel lines about twenty
times slower than opaque ones (a software blend per pixel instead of a solid
span): redrawing the left axis of a 550 x 320 plot, which happens whenever an
edit moves the y-range, took about 2.7 ms, and an edit redraws up to four
axes.

:class:`GridAxis` puts the axis beneath the view box (its tick labels lie
outside the view box, so only the grid is affected: it now passes under the
curves, markers and legend) and draws each grid line in the opaque colour
that the translucent one showed over the plot's background, so the grid
looks as before where nothing covers it. Where the background is not a
plain colour, the translucent lines are kept.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPicture
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["BENEATH_VIEW", "GridAxis", "over"]

#: The axes' stacking order: below the view box (pyqtgraph puts it at -100).
BENEATH_VIEW = -150.0


def over(colour: QColor, background: QColor) -> QColor:
    """The opaque colour ``colour`` (with its alpha) shows over ``background``."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


class GridAxis(pg.AxisItem):
    """A ``pg.AxisItem`` with opaque grid lines beneath the data (module docstring)."""

    #: pyqtgraph's cached drawing of the axis (None: drawn again on the next paint).
    picture: QPicture | None

    def background(self) -> QColor | None:
        """The plain colour behind the plot, or None (no view, or a pattern)."""
        scene = self.scene()
        views = scene.views() if scene is not None else []
        if not views:
            return None
        brush = views[0].backgroundBrush()
        if brush.style() != Qt.BrushStyle.SolidPattern:
            return None
        colour = brush.color()
        return colour if colour.alpha() == 255 else None

    def generateDrawSpecs(self, p: QPainter) -> Any:
        """pyqtgraph: the lines and texts to draw, grid lines made opaque."""
        specs = super().generateDrawSpecs(p)
        background = self.background()
        if specs is None or self.grid is False or background is None:
            return specs
        axis_spec, tick_specs, text_specs = specs
        pens: dict[int, QPen] = {}
        flat = []
        for pen, start, stop in tick_specs:
            colour = pen.color()
            if (
                colour.alpha() < 255
                and pen.brush().style() == Qt.BrushStyle.SolidPattern
            ):
                key = colour.rgba()
                if key not in pens:
                    pens[key] = QPen(pen)
                    pens[key].setColor(over(colour, background))
                pen = pens[key]
            flat.append((pen, start, stop))
        return axis_spec, flat, text_specs

    def redraw(self) -> None:
        """Draw again on the next paint, on every device (a new background).

        The plots call it when they take a new palette.

        ``update()`` marks a cached drawing stale only until the first view
        repaints it: another device's cached copy (an exported image) would
        come back with the old colours. Switching the cache off and on drops
        every copy.
        """
        self.picture = None
        mode = self.cacheMode()
        self.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.setCacheMode(mode)
        self.update()
