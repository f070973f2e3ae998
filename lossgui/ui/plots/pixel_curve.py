"""Curves stroked with only the points a screen can show.

An edit of a softmax loss's selected row moves all of its curves, and
stroking an antialiased pen of 1.6 px along 801 points costs about a
millisecond per curve: twenty curves are a frame. Most of those points are
redundant at screen resolution: along a smooth stretch a chord over dozens
of sweep points stays within a tenth of a pixel of the polyline, and points
above or below the plot are never seen. :func:`thinned` keeps the points
that matter in device coordinates (the error is bounded, see there), and
:class:`PixelCurve` strokes that path instead of pyqtgraph's full one. The
data (``getData``), bounds, exports and anything but the on-screen stroke
are pyqtgraph's own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

__all__ = ["MAX_STEP", "TOLERANCE", "PixelCurve", "thinned"]

Array = npt.NDArray[Any]
Index = npt.NDArray[np.intp]

#: Largest distance (device pixels) between the drawn and the full polyline.
TOLERANCE = 0.1
#: At most this many sweep points are bridged by one drawn segment.
MAX_STEP = 64
_LEVELS = 6  # 2 ** _LEVELS == MAX_STEP

#: Below / above / left / right of the visible rectangle.
_BELOW, _ABOVE, _LEFT, _RIGHT = 1, 2, 4, 8


def _outside(px: Array, py: Array, rect: QRectF, margin: float) -> Array:
    """A bit per side of ``rect`` (grown by ``margin``) each point lies beyond."""
    code = np.zeros(px.size, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        code[py > rect.bottom() + margin] |= _BELOW
        code[py < rect.top() - margin] |= _ABOVE
        code[px < rect.left() - margin] |= _LEFT
        code[px > rect.right() + margin] |= _RIGHT
        code[~(np.isfinite(px) & np.isfinite(py))] = 0  # gaps stay gaps
    return code


def _on_screen(px: Array, py: Array, rect: QRectF | None, margin: float) -> Index:
    """Indices without the inner points of runs beyond one side of ``rect``.

    A run of points all beyond the same side of the rectangle is drawn
    outside it, and so is the chord from its first to its last point (a
    half-plane is convex): only the two ends are kept.
    """
    index: Index = np.arange(px.size)
    if rect is None or px.size < 3:
        return index
    with np.errstate(invalid="ignore"):
        inside = (
            rect.left() - margin <= px.min()
            and px.max() <= rect.right() + margin
            and rect.top() - margin <= py.min()
            and py.max() <= rect.bottom() + margin
        )
    if inside:  # the usual case: every point on screen
        return index
    code = _outside(px, py, rect, margin)
    inner = np.zeros(px.size, dtype=bool)
    inner[1:-1] = (code[:-2] & code[1:-1] & code[2:]) != 0
    if inner.any():
        return index[~inner]
    return index


def _window_max(bend: Array) -> Array:
    """``out[i] = max(bend[i : i + MAX_STEP - 1])``, ``-inf`` past the end.

    ``bend[j]`` is the second difference at point ``j + 1``: the interior
    of a step from point ``i`` over at most :data:`MAX_STEP` points.
    """
    table = np.full(bend.size + 2 * MAX_STEP, -np.inf)
    table[: bend.size] = bend
    width = 1
    for _ in range(_LEVELS):  # table[i] = max(bend[i : i + 2 width])
        np.maximum(table[:-width], table[width:], out=table[:-width])
        width *= 2
    return table[: bend.size + 2]


def thinned(
    px: Array,
    py: Array,
    rect: QRectF | None = None,
    tolerance: float = TOLERANCE,
    margin: float = 4.0,
) -> Index:
    """The indices of a polyline that draw it to within ``tolerance`` pixels.

    Parameters
    ----------
    px, py : ndarray
        The polyline in device coordinates (non-finite points are gaps and
        are always kept, with their neighbours).
    rect : QRectF or None
        The visible rectangle: runs of points beyond one of its sides keep
        only their ends.
    tolerance : float
        The largest distance, in pixels, between the drawn and the full
        polyline inside ``rect``.
    margin : float
        Pixels ``rect`` is grown by (half the pen width and more).

    Returns
    -------
    ndarray of int
        Increasing indices, the first and last point always among them.

    Notes
    -----
    For points ``P_i .. P_i+k`` and their chord ``L`` (linear in the
    index), ``e = P - L`` vanishes at both ends and its second difference
    is that of ``P``; so each coordinate of ``e`` stays within
    ``s k**2 / 8`` where ``s`` bounds that coordinate's second differences
    inside the step, and every point of the full polyline within
    ``sqrt(2) s k**2 / 8`` of the chord. Each step is the longest that keeps
    this under ``tolerance`` (at most :data:`MAX_STEP` points).

    Examples
    --------
    >>> x = np.linspace(0.0, 500.0, 801)
    >>> keep = thinned(x, 0.5 * x)  # a straight line: its ends and a few steps
    >>> int(keep.size), int(keep[0]), int(keep[-1])
    (14, 0, 800)
    """
    px = np.asarray(px, dtype=np.float64)
    py = np.asarray(py, dtype=np.float64)
    index = _on_screen(px, py, rect, margin)
    if index.size < 3:
        return index
    x, y = px[index], py[index]
    with np.errstate(invalid="ignore", over="ignore"):
        bend = np.abs(np.diff(y, 2))
        np.maximum(bend, np.abs(np.diff(x, 2)), out=bend)
        bend[np.isnan(bend)] = np.inf  # around a gap: every point
    worst = _window_max(bend)
    with np.errstate(divide="ignore"):
        step = np.sqrt(np.divide(8.0 / np.sqrt(2.0) * tolerance, worst))
    np.clip(step, 1.0, MAX_STEP, out=step)
    steps = step.astype(np.intp).tolist()
    last = index.size - 1
    kept = [0]
    at = 0
    while at < last:
        at = min(at + steps[at], last)
        kept.append(at)
    picked: Index = index[np.asarray(kept, dtype=np.intp)]
    return picked


def _axis_aligned(transform: QTransform) -> bool:
    return transform.m12() == 0.0 and transform.m21() == 0.0


class PixelCurve(pg.PlotCurveItem):
    """A ``PlotCurveItem`` that strokes the :func:`thinned` device path.

    Used for the plain case only (a solid pen, no fill, no step mode, an
    axis-aligned view, not exporting); anything else is drawn by pyqtgraph.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._device: tuple[tuple[float, ...], QPainterPath] | None = None
        super().__init__(*args, **kwargs)

    def updateData(self, *args: Any, **kwargs: Any) -> None:
        """pyqtgraph: new data (the device path is rebuilt on the next paint)."""
        self._device = None
        super().updateData(*args, **kwargs)

    def _plain(self) -> bool:
        opts = self.opts
        return (
            self._exportOpts is False
            and not opts["stepMode"]
            and opts["fillLevel"] is None
            and opts["shadowPen"] is None
            and opts["connect"] in ("all", "finite")
            and opts["compositionMode"] is None
        )

    def paint(
        self,
        p: QPainter,
        opt: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Qt: stroke the thinned path in device coordinates."""
        x, y = self.xData, self.yData
        transform = p.transform()
        if (
            x is None
            or y is None
            or len(x) < 3
            or not self._plain()
            or not _axis_aligned(transform)
        ):
            super().paint(p, opt, widget)
            return
        pen = self.opts["pen"]
        window = QRectF(p.viewport()) if p.viewport().width() > 0 else None
        key = (
            transform.m11(),
            transform.m22(),
            transform.dx(),
            transform.dy(),
            *(
                ()
                if window is None
                else (window.x(), window.y(), window.width(), window.height())
            ),
            pen.widthF(),
        )
        if self._device is None or self._device[0] != key:
            px = transform.m11() * x + transform.dx()
            py = transform.m22() * y + transform.dy()
            keep = thinned(px, py, window, margin=pen.widthF() + 4.0)
            path = pg.arrayToQPath(px[keep], py[keep], connect="finite")
            self._device = (key, path)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(self.opts["antialias"]))
        p.setPen(pen)
        p.drawPath(self._device[1])
        p.restore()
