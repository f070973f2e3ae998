"""``SteadyViewBox``: a y auto-range that does not twitch on every edit.

pyqtgraph fits the y-range to the visible data after every change. While a
user edits the selected sample of a softmax loss, every edit moves its
curves a little, the fitted range moves with them, and the axes (with their
grid) are redrawn: about half of such an edit's time. This view box keeps
the current y-range when the newly fitted one lies inside it and still fills
most of it; when the data grows past the range, or shrinks to a small part
of it, the range follows exactly as pyqtgraph's. :meth:`SteadyViewBox.refit`
makes the next fit exact (new loss, new sweep range, a reset).

:attr:`SteadyViewBox.readable` may replace the fitted y-range (before the
holding on): the plots set it to :func:`~lossgui.session.curve_y_range.readable_range`
so that curves exploding at the ends do not flatten the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRectF

__all__ = ["KEEP_FRACTION", "SteadyViewBox"]

#: A fitted range that fills at least this share of the current one is kept.
KEEP_FRACTION = 0.6


class SteadyViewBox(pg.ViewBox):
    """A ``pg.ViewBox`` whose automatic y-range holds steady (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._auto_fitting = False
        self._exact_next = True
        #: ``readable(x_range)``: the y-range to fit instead of all the data,
        #: or ``None`` to fit all of it.
        self.readable: (
            Callable[[tuple[float, float]], tuple[float, float] | None] | None
        ) = None

    def refit(self) -> None:
        """Fit the next automatic y-range exactly (no holding on)."""
        self._exact_next = True

    def steady_range(
        self, fitted: Sequence[float], current: Sequence[float]
    ) -> tuple[float, float]:
        """The y-range to show for a ``fitted`` range while ``current`` is shown."""
        low, high = float(min(fitted)), float(max(fitted))
        now_low, now_high = float(min(current)), float(max(current))
        span, now_span = high - low, now_high - now_low
        if now_low <= low and high <= now_high and span >= KEEP_FRACTION * now_span:
            return now_low, now_high
        return low, high

    def fit_now(self) -> bool:
        """Make a pending automatic fit now; returns whether the range moved.

        pyqtgraph fits when the view is next painted; a fit there moves the
        range while the frame is drawn, so Qt paints the plot again at the
        new range. Fitted before the paint, the frame is drawn once.
        """
        if not self._autoRangeNeedsUpdate:
            return False
        before = self.viewRange()
        self.updateAutoRange()
        return bool(self.viewRange() != before)

    def updateAutoRange(self) -> None:
        """pyqtgraph: fit the auto-ranged axes (y held steady, see module)."""
        self._auto_fitting = True
        try:
            super().updateAutoRange()
        finally:
            self._auto_fitting = False

    def setRange(
        self,
        rect: QRectF | None = None,
        xRange: Sequence[float] | None = None,
        yRange: Sequence[float] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """pyqtgraph: set the range; an automatic y fit may keep the current one."""
        if self._auto_fitting and yRange is not None:
            if self.readable is not None:
                x_range = xRange if xRange is not None else self.viewRange()[0]
                wanted = self.readable((float(x_range[0]), float(x_range[1])))
                yRange = yRange if wanted is None else wanted
            if self._exact_next:
                self._exact_next = False
            else:
                yRange = self.steady_range(tuple(yRange), tuple(self.viewRange()[1]))
        super().setRange(rect, xRange, yRange, *args, **kwargs)
