"""``MarkerCloud``: the batch's elements as dots on a plot, drawn in one pass.

pyqtgraph's ``ScatterPlotItem`` keeps Python bookkeeping per point (keys,
styles, fragment atlas), so ``setData`` on 2,000 markers costs milliseconds
on every edit. The markers here all share one size and differ only in
colour, so this item keeps plain NumPy arrays and draws each colour group
with a single ``QPainter.drawPixmapFragments`` of one pre-rendered dot
(fill, outline in the background colour); exports to vector formats draw
real circles. Hover shows the caller's tooltip; a click on a dot emits its
index (see :attr:`MarkerCloud.clicked`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    from pyqtgraph.GraphicsScene.mouseEvents import HoverEvent, MouseClickEvent

__all__ = ["MarkerCloud"]


class MarkerCloud(pg.GraphicsObject):
    """Dots at ``(x, y)`` in data coordinates, coloured by group.

    Parameters
    ----------
    size : int
        Dot diameter in pixels (the outline included).

    Signals
    -------
    clicked(int)
        The ``order`` value (see :meth:`set_points`) of the dot clicked.
    """

    clicked = Signal(int)

    def __init__(self, size: int = 7) -> None:
        super().__init__()
        self.size = size
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._group = np.empty(0, dtype=np.intp)
        self._order = np.empty(0, dtype=np.intp)
        self._groups: list[tuple[int, np.ndarray]] = []
        self._bounds: list[tuple[float, float] | None] = [None, None]
        self._fills: list[QColor] = []
        self._outline = QColor(Qt.GlobalColor.white)
        self._sprites: dict[tuple[int, float], QPixmap] = {}
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self.tip: Callable[[int], str] | None = None
        self.setAcceptHoverEvents(True)

    # ------------------------------------------------------------------ data
    def set_points(
        self, x: np.ndarray, y: np.ndarray, group: np.ndarray, order: np.ndarray
    ) -> None:
        """Replace the dots; all values must be finite (the caller filters).

        Parameters
        ----------
        x, y : ndarray
            Positions in data coordinates.
        group : ndarray of int
            Colour index per dot; ``-1`` is grey and drawn below the others.
        order : ndarray of int
            The caller's index per dot, returned by :attr:`clicked` and
            passed to :attr:`tip`.
        """
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        group = np.asarray(group, dtype=np.intp)
        if (
            np.array_equal(x, self._x)
            and np.array_equal(y, self._y)
            and np.array_equal(group, self._group)
            and np.array_equal(order, self._order)
        ):
            return
        self.prepareGeometryChange()
        self._x, self._y, self._group = x, y, group
        self._order = np.asarray(order, dtype=np.intp)
        counts = np.bincount(group + 1) if group.size else np.empty(0, np.intp)
        present = np.flatnonzero(counts) - 1  # grey (-1) first, then by curve
        self._groups = [(int(g), np.flatnonzero(group == g)) for g in present]
        self._bounds = [None, None]
        self.informViewBoundsChanged()
        self.update()

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """Every dot's ``(x, y)``, grey ones first, then by group."""
        if not self._groups:
            return np.empty(0), np.empty(0)
        index = np.concatenate([members for _, members in self._groups])
        return self._x[index], self._y[index]

    def groups(self) -> np.ndarray:
        """Each dot's colour group, in the order of :meth:`points`."""
        if not self._groups:
            return np.empty(0, dtype=np.intp)
        return np.concatenate([np.full(m.size, g) for g, m in self._groups])

    def __len__(self) -> int:
        return int(self._x.size)

    # ----------------------------------------------------------------- style
    def set_colours(self, fills: Sequence[QColor], outline: QColor) -> None:
        """``fills[g + 1]`` is group ``g``'s colour (``fills[0]`` grey)."""
        self._fills = [QColor(c) for c in fills]
        self._outline = QColor(outline)
        self._sprites.clear()
        self.update()

    def _fill(self, group: int) -> QColor:
        if not self._fills:
            return QColor(Qt.GlobalColor.gray)
        return self._fills[min(group + 1, len(self._fills) - 1)]

    # ------------------------------------------------------- pyqtgraph bounds
    def dataBounds(
        self, ax: int, frac: float = 1.0, orthoRange: Sequence[float] | None = None
    ) -> tuple[float, float] | tuple[None, None]:
        """pyqtgraph: the data range along ``ax`` (for auto-range)."""
        values, other = (self._x, self._y) if ax == 0 else (self._y, self._x)
        cached = self._bounds[ax]
        if orthoRange is not None:
            values = values[(other >= orthoRange[0]) & (other <= orthoRange[1])]
        elif cached is not None:
            return cached
        if values.size == 0:
            return (None, None)
        if frac < 1.0:
            low, high = np.percentile(values, [50 * (1 - frac), 50 * (1 + frac)])
            return (float(low), float(high))
        bounds = (float(values.min()), float(values.max()))
        if orthoRange is None:
            self._bounds[ax] = bounds
        return bounds

    def pixelPadding(self) -> float:
        """pyqtgraph: pixels the dots stick out beyond their centres."""
        return self.size * 0.7072

    def boundingRect(self) -> QRectF:
        """Qt: the dots' extent in data coordinates, radius included."""
        x0, x1 = self.dataBounds(0)
        y0, y1 = self.dataBounds(1)
        if x0 is None or x1 is None or y0 is None or y1 is None:
            return QRectF()
        px = py = 0.0
        vectors = self.pixelVectors()
        if vectors[0] is not None and vectors[1] is not None:
            try:
                px = vectors[0].length() * self.pixelPadding()
                py = vectors[1].length() * self.pixelPadding()
            except OverflowError:
                px = py = 0.0
        return QRectF(x0 - px, y0 - py, (x1 - x0) + 2 * px, (y1 - y0) + 2 * py)

    def viewTransformChanged(self) -> None:
        """pyqtgraph: the pixel padding in data units changed."""
        self.prepareGeometryChange()
        super().viewTransformChanged()

    # ----------------------------------------------------------------- paint
    def _device(self, transform: QTransform) -> tuple[np.ndarray, np.ndarray]:
        """Dot centres under ``transform`` (item -> painter device)."""
        px = transform.m11() * self._x + transform.m21() * self._y + transform.dx()
        py = transform.m12() * self._x + transform.m22() * self._y + transform.dy()
        return px, py

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        """Qt: draw every group: outline pass, then fill pass."""
        if not self._groups:
            return
        px, py = self._device(painter.transform())
        exporting = bool(getattr(self, "_exportOpts", False))
        inside = np.isfinite(px) & np.isfinite(py)
        window = painter.viewport()
        if not exporting and window.width() > 0:
            # Points far outside the device are culled: huge device coordinates
            # make the raster engine misbehave, and they are invisible anyway.
            margin = float(self.size)
            inside &= (px > window.left() - margin) & (px < window.right() + margin)
            inside &= (py > window.top() - margin) & (py < window.bottom() + margin)
        ratio = 1.0 if widget is None else float(widget.devicePixelRatioF())
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for group, members in self._groups:
            shown = members[inside[members]]
            if shown.size:
                if exporting:  # vector formats: real circles, not sprites
                    self._draw_circles(painter, px[shown], py[shown], group)
                else:
                    self._draw_sprites(painter, px[shown], py[shown], group, ratio)
        painter.restore()

    def _sprite(self, group: int, ratio: float) -> QPixmap:
        """The dot of ``group`` pre-rendered (outline and fill), cached."""
        key = (group, ratio)
        pixmap = self._sprites.get(key)
        if pixmap is None:
            side = int(np.ceil((self.size + 2) * ratio))
            pixmap = QPixmap(side, side)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(self._outline, 1.0))
            painter.setBrush(self._fill(group))
            centre = (self.size + 2) / 2
            radius = (self.size - 1) / 2
            painter.drawEllipse(QPointF(centre, centre), radius, radius)
            painter.end()
            self._sprites[key] = pixmap
        return pixmap

    def _draw_sprites(
        self,
        painter: QPainter,
        px: np.ndarray,
        py: np.ndarray,
        group: int,
        ratio: float,
    ) -> None:
        """One ``drawPixmapFragments`` call: the group's sprite at every dot."""
        pixmap = self._sprite(group, ratio)
        side = pixmap.width()
        self._fragments.resize(px.size)
        fragments = self._fragments.ndarray()
        fragments[:, 0] = px
        fragments[:, 1] = py
        fragments[:, 2:6] = (0.0, 0.0, side, side)  # source rect in the sprite
        fragments[:, 6:10] = (1 / ratio, 1 / ratio, 0.0, 1.0)  # scale, angle, alpha
        # pyqtgraph picks the fragment arguments (a pointer and a count, or a
        # list), so the call cannot be checked against PySide6's one signature.
        draw: Callable[..., None] = painter.drawPixmapFragments
        draw(*self._fragments.drawargs(), pixmap)

    def _draw_circles(
        self, painter: QPainter, px: np.ndarray, py: np.ndarray, group: int
    ) -> None:
        """Each dot as a filled circle with an outline (for SVG and print)."""
        painter.setPen(QPen(self._outline, 1.0))
        painter.setBrush(self._fill(group))
        radius = (self.size - 1) / 2
        for x, y in zip(px.tolist(), py.tolist(), strict=True):
            painter.drawEllipse(QPointF(x, y), radius, radius)

    # ------------------------------------------------------------ interaction
    def index_at(self, pos: QPointF) -> int | None:
        """The dot under ``pos`` (item coordinates), topmost first, or None."""
        if self._x.size == 0:
            return None
        transform = self.deviceTransform_()
        if transform is None:
            return None
        px, py = self._device(transform)
        point = transform.map(pos)
        distance = (px - point.x()) ** 2 + (py - point.y()) ** 2
        radius = (self.size / 2 + 1) ** 2
        hits = np.flatnonzero(distance <= radius)
        if hits.size == 0:
            return None
        # Coloured groups are drawn over grey ones: prefer them, then nearest.
        best = hits[np.lexsort((distance[hits], -self._group[hits]))[0]]
        return int(self._order[best])

    def mouseClickEvent(self, event: MouseClickEvent) -> None:
        """pyqtgraph: a left click on a dot emits :attr:`clicked`."""
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        index = self.index_at(event.pos())
        if index is None:
            event.ignore()
            return
        event.accept()
        self.clicked.emit(index)

    def hoverEvent(self, event: HoverEvent) -> None:
        """pyqtgraph: the tooltip of the dot under the mouse."""
        if event.isExit():
            self.setToolTip("")
            return
        index = self.index_at(event.pos())
        if index is None or self.tip is None:
            self.setToolTip("")
            return
        self.setToolTip(self.tip(index))
