"""``CurvePlot``: one pyqtgraph plot whose items are created once, then ``setData``.

A plot owns a pool of up to :data:`POOL` curve items (made on first need), one
:class:`MarkerCloud` for the batch's markers, a scatter item for the
selected element's ring, a vertical cursor at the selected x and (gradient
plot) a zero line. Updates only call ``setData``/``setPen``/``setVisible``
on them, and only when what they show changed; the legend is rebuilt only
when the curve labels change. Axes are cached as pixmaps (redrawn when
their range or style changes), so an edit repaints the data, not the text;
their grid lines are opaque and lie beneath the data (:mod:`.grid_axis`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QGraphicsItem, QWidget

from lossgui.session.curve_range import drawable
from lossgui.session.curve_y_range import readable_range
from lossgui.ui.plots.compact_legend import CompactLegend
from lossgui.ui.plots.grid_axis import BENEATH_VIEW, GridAxis
from lossgui.ui.plots.legend_place import (
    ANCHORS,
    AVOID_WEIGHT,
    MARKER_WEIGHT,
    best_anchor,
)
from lossgui.ui.plots.marker_cloud import MarkerCloud
from lossgui.ui.plots.off_scale import OffScaleBands
from lossgui.ui.plots.pixel_curve import PixelCurve
from lossgui.ui.plots.steady_view import SteadyViewBox
from lossgui.ui.plots.style import PlotStyle

__all__ = ["POOL", "CurvePlot"]

#: Curve items per plot (compare mode and the batch view draw at most this many).
POOL = 12


#: Pixels between a legend and its corner of the plot.
LEGEND_GAP = 8.0

_NOTHING = np.empty(0)


def plottable(values: np.ndarray | float) -> np.ndarray:
    """Finite and within the plots' limit: safe to hand to a scatter item."""
    return drawable(values)


class CurvePlot(pg.PlotWidget):
    """A loss or gradient plot.

    Parameters
    ----------
    name : str
        The objectName (``lossPlot``, ``gradPlot``).
    zero_line : bool
        Whether to draw ``y = 0`` (the gradient plot).

    Signals
    -------
    markerClicked(int)
        The index (into the current markers) of a clicked marker.
    """

    markerClicked = Signal(int)

    def __init__(
        self, name: str, zero_line: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent,
            viewBox=SteadyViewBox(),
            axisItems={side: GridAxis(side) for side in ("left", "bottom")},
        )
        self.setObjectName(name)
        plot = self.getPlotItem()
        plot.showGrid(x=True, y=True, alpha=0.18)
        for side in ("left", "bottom"):
            plot.getAxis(side).enableAutoSIPrefix(False)
            plot.getAxis(side).setZValue(BENEATH_VIEW)  # the grid under the data
        for side in ("left", "bottom", "top", "right"):
            plot.getAxis(side).setCacheMode(
                QGraphicsItem.CacheMode.DeviceCoordinateCache
            )
        plot.setMenuEnabled(True)
        plot.getViewBox().setAutoVisible(y=True)
        self.setMinimumHeight(110)  # side by side under the grids of a small window
        self.zero = pg.InfiniteLine(pos=0.0, angle=0, movable=False)
        self.zero.setVisible(zero_line)
        plot.addItem(self.zero, ignoreBounds=True)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.setVisible(False)
        plot.addItem(self.cursor, ignoreBounds=True)
        # Curve items are made on first need (most views draw two or three),
        # then kept and reused; at most POOL.
        self.curves: list[PixelCurve] = []
        # Every marker in one item: plain arrays, one drawPoints per colour.
        self.markers = MarkerCloud(size=8)
        self.markers.setZValue(10)
        self.markers.clicked.connect(self.markerClicked)
        self.markers.tip = self._marker_tip
        plot.addItem(self.markers)
        self.ring = pg.ScatterPlotItem(size=15, symbol="o", brush=None)
        self.ring.setZValue(11)
        plot.addItem(self.ring)
        self.legend = CompactLegend()
        self.legend.setParentItem(plot.getViewBox())
        plot.legend = self.legend
        self.legend.anchor(*ANCHORS["top-right"])
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.legend_action = QAction(
            QCoreApplication.translate("CurvePlot", "Show legend"), self
        )
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(True)
        self.legend_action.setToolTip(
            QCoreApplication.translate("CurvePlot", "Show or hide this plot's legend")
        )
        self.legend_action.toggled.connect(self._fit_legend)
        view = plot.getViewBox()
        view.menu.addSeparator()
        view.menu.addAction(self.legend_action)
        view.sigResized.connect(self._on_resized)
        self._labels: tuple[str, ...] = ()
        self._selected: tuple[bool, ...] = ()
        self._ring_at: tuple[float, float] | None = None
        self._shown = [(_NOTHING, _NOTHING)] * POOL
        self._axis_text = {"left": "", "bottom": ""}
        self._title = ""
        self._shown_labels: tuple[str, ...] = ()
        self._fitted_labels: dict[str, str] = {}
        self._fit_keys: dict[str, tuple[str, str, int]] = {}
        self._pens: list[tuple[int, bool] | None] = [None] * POOL
        self._style: PlotStyle | None = None
        self._version = 0
        self.tip: Callable[[int], str] | None = None
        plot.getViewBox().readable = self._readable_y
        self.off_scale = OffScaleBands(plot, self.drawn_data)
        # after the bands (connected first): a fitted range may free a corner
        plot.getViewBox().sigRangeChanged.connect(self._on_range)

    # ----------------------------------------------------------------- reading
    def visible_curves(self) -> list[PixelCurve]:
        """The curve items in use, in legend order."""
        return [item for item in self.curves if item.isVisible()]

    def drawn_data(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The ``(x, y)`` of every curve in use."""
        return [
            shown
            for item, shown in zip(self.curves, self._shown, strict=False)
            if item.isVisible()
        ]

    def _readable_y(self, x_range: tuple[float, float]) -> tuple[float, float] | None:
        """The y-range that keeps the markers and the curves' middle readable."""
        x, y = self.markers.points()
        inside = (x >= min(x_range)) & (x <= max(x_range))
        return readable_range(self.drawn_data(), y[inside], x_range)

    def legend_labels(self) -> tuple[str, ...]:
        """The legend texts of the curves in use."""
        return self._labels

    # ----------------------------------------------------------------- styling
    def restyle(self, style: PlotStyle) -> None:
        """Apply a palette's colours to the background, axes, text and lines."""
        self._style = style
        self._version += 1
        self.setBackground(style.background)
        plot = self.getPlotItem()
        for side in ("left", "bottom", "top", "right"):
            axis = plot.getAxis(side)
            axis.setPen(style.foreground)
            axis.setTextPen(style.foreground)
            if isinstance(axis, GridAxis):  # its grid's colours follow the background
                axis.redraw()
        self.zero.setPen(style.zero_pen())
        self.cursor.setPen(style.cursor_pen())
        self.ring.setPen(style.highlight_pen())
        self.markers.set_colours(
            [style.marker_brush(group - 1).color() for group in range(POOL + 1)],
            style.marker_pen().color(),
        )
        self.legend.set_text_colour(style.foreground)
        self.off_scale.set_colours(style.off_scale_brush().color(), style.foreground)
        self.legend.setBrush(style.legend_brush())
        self.legend.setPen(style.zero_pen())
        self.set_labels(self._axis_text["bottom"], self._axis_text["left"], self._title)

    def set_labels(self, x: str, y: str, title: str = "") -> None:
        """Axis titles and the plot title, in the palette's text colour."""
        colour = "#000" if self._style is None else self._style.foreground.name()
        if (x, y, title, colour) == self._shown_labels:
            return
        self._shown_labels = (x, y, title, colour)
        self._axis_text = {"left": y, "bottom": x}
        self._title = title
        plot = self.getPlotItem()
        self._fit_axis_labels()
        plot.setTitle(title or None, color=colour, size="9pt")
        if title:  # pyqtgraph fixes the title row at 30 px: room for every line
            height = max(30, int(plot.titleLabel.item.boundingRect().height()) + 2)
            plot.titleLabel.setMaximumHeight(height)
            plot.layout.setRowFixedHeight(0, height)

    def _fit_axis_labels(self) -> None:
        """Each axis title elided (in the middle) to the length of its axis.

        A long title ("LinearCrossEntropyLoss ℓ per sample (nats)") on a
        short plot would run past both ends and be cut where Qt clips it;
        elided, both ends stay readable, and the axis's tooltip has it whole.
        """
        colour = "#000" if self._style is None else self._style.foreground.name()
        plot = self.getPlotItem()
        box = plot.getViewBox().sceneBoundingRect()
        for side, room in (("left", box.height()), ("bottom", box.width())):
            text = self._axis_text.get(side, "")
            key = (text, colour, round(room))
            if self._fit_keys.get(side) == key:
                continue  # same title, colour and axis length: nothing to redo
            self._fit_keys[side] = key
            axis = plot.getAxis(side)
            metrics = QFontMetrics(axis.label.font())
            shown = text
            plot.setLabel(side, text, color=colour)
            if room > 0:  # laid out: measure what is drawn, shorten until it fits
                for _ in range(4):
                    drawn = axis.label.boundingRect().width()
                    if drawn <= room - 6 or not shown:
                        break
                    budget = metrics.horizontalAdvance(shown) * (room - 6) / drawn
                    shown = metrics.elidedText(
                        text, Qt.TextElideMode.ElideMiddle, max(int(budget) - 2, 0)
                    )
                    plot.setLabel(side, shown, color=colour)
            # the axis centres its title only on a resize: centre the new text
            axis.resizeEvent(None)
            self._fitted_labels[side] = shown
            axis.setToolTip(text if shown != text else "")

    def axis_label_text(self, side: str) -> str:
        """The axis title as drawn now (elided to the axis when it is long)."""
        return self._fitted_labels.get(side, self._axis_text.get(side, ""))

    # ------------------------------------------------------------------ curves
    def show_curves(
        self,
        data: Sequence[tuple[np.ndarray, np.ndarray]],
        labels: Sequence[str],
        selected: Sequence[bool],
    ) -> None:
        """Put ``data[i] = (x, y)`` into curve item ``i``; hide the rest."""
        self._grow(len(data))
        style = self._style
        for i, item in enumerate(self.curves):
            if i < len(data):
                x = np.asarray(data[i][0], dtype=np.float64)
                y = np.asarray(data[i][1], dtype=np.float64)
                shown_x, shown_y = self._shown[i]
                if not (
                    item.isVisible()
                    and np.array_equal(x, shown_x, equal_nan=True)
                    and np.array_equal(y, shown_y, equal_nan=True)
                ):
                    item.setData(x, y)
                    self._shown[i] = (x, y)
                if style is not None and self._pens[i] != (self._version, selected[i]):
                    item.setPen(style.curve_pen(i, selected[i]))
                    self._pens[i] = (self._version, selected[i])
                item.setVisible(True)
            elif item.isVisible():
                item.setData([], [])
                self._shown[i] = (_NOTHING, _NOTHING)
                item.setVisible(False)
        self._labels = tuple(labels[: len(self.curves)])
        self._selected = tuple(bool(s) for s in selected[: len(self.curves)])
        self._fit_legend()
        self.off_scale.update()

    def _grow(self, count: int) -> None:
        """Make curve items until there are ``count`` (at most :data:`POOL`)."""
        plot = self.getPlotItem()
        while len(self.curves) < min(count, POOL):
            # stroked along the points a screen shows; cached like the axes
            # (redrawn when its data or the view changes); a bare curve item,
            # without PlotDataItem's per-setData dataset bookkeeping
            item = PixelCurve(connect="finite", antialias=True)
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            item.setVisible(False)
            item.setZValue(0)
            plot.addItem(item)
            self.curves.append(item)

    def _fit_legend(self, *_args: object) -> None:
        """Fill the legend within a quarter of the plot (or hide it)."""
        view = self.getPlotItem().getViewBox()
        budget = (
            max(view.width() / 2 - LEGEND_GAP, 0.0),
            max(view.height() / 2 - LEGEND_GAP, 0.0),
        )
        labels = self._labels
        keep = [i for i, chosen in enumerate(self._selected) if chosen]
        self.legend.set_entries(self.curves[: len(labels)], labels, budget, keep)
        wanted = self.legend_action.isChecked()
        self.legend.setVisible(bool(labels) and wanted and self.legend.fits)

    def _on_range(self, *_args: object) -> None:
        """An automatic fit moved the range: re-place (not while the user pans)."""
        if self.getPlotItem().getViewBox().autoRangeEnabled()[1]:
            self.place_legend()

    def _on_resized(self, *_args: object) -> None:
        self._fit_axis_labels()  # the axes run along the view box
        self._fit_legend()
        self.place_legend()

    def place_legend(
        self, data: Sequence[tuple[np.ndarray, np.ndarray]] | None = None
    ) -> str:
        """Move the legend to the corner where it hides the least of the plot.

        ``data`` defaults to the drawn curves; the batch markers always count.
        """
        view = self.getPlotItem().getViewBox()
        width = max(view.width(), 1.0)
        height = max(view.height(), 1.0)
        legend = self.legend.boundingRect()
        size = (
            min(0.5, (legend.width() + LEGEND_GAP) / width),
            min(0.5, (legend.height() + LEGEND_GAP) / height),
        )
        (x_low, x_high), (y_low, y_high) = view.viewRange()
        labels = np.asarray(self.off_scale.label_points(), dtype=np.float64)
        avoid = [(*self.markers.points(), MARKER_WEIGHT)]
        if labels.size:
            avoid.append((labels[:, 0], labels[:, 1], AVOID_WEIGHT))
        name = best_anchor(
            self.drawn_data() if data is None else data,
            (float(x_low), float(x_high)),
            size,
            (float(y_low), float(y_high)),
            avoid,
        )
        item_pos, parent_pos, offset = ANCHORS[name]
        self.legend.anchor(item_pos, parent_pos, offset)
        return name

    def show_markers(
        self, x: np.ndarray, y: np.ndarray, curve: np.ndarray, order: np.ndarray
    ) -> None:
        """Markers at ``(x, y)``, coloured by curve index (``-1`` grey).

        ``order`` holds each point's index in the caller's marker arrays; it
        comes back through :attr:`markerClicked`.
        """
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        # Qt crashes (segfault in paintEvent) on scatter bounds of inf or NaN, and
        # ±1e308 spans overflow to inf: such points are off any view anyway.
        keep = plottable(x) & plottable(y)
        if not keep.all():
            x, y = x[keep], y[keep]
            curve, order = np.asarray(curve)[keep], np.asarray(order)[keep]
        curve = np.clip(np.asarray(curve, dtype=np.intp), -1, POOL - 1)
        self.markers.set_points(x, y, curve, np.asarray(order))

    def marker_data(self) -> tuple[np.ndarray, np.ndarray]:
        """Every marker's ``(x, y)``, grey ones first (for tests and export)."""
        return self.markers.points()

    def show_selected(self, x: float | None, y: float | None) -> None:
        """Ring the selected element and draw the cursor at its x (or hide both)."""
        if x is None or y is None or not (plottable(x) and plottable(y)):
            if self._ring_at is not None:
                self.ring.setData(x=[], y=[])
                self._ring_at = None
            self.cursor.setVisible(False)
            return
        if self._ring_at != (x, y):
            self.ring.setData(x=[x], y=[y])
            self._ring_at = (x, y)
        if self.cursor.value() != x:
            self.cursor.setValue(x)
        self.cursor.setVisible(True)

    def _marker_tip(self, index: int) -> str:
        if self.tip is not None:
            return self.tip(index)
        return QCoreApplication.translate("CurvePlot", "marker {index}").format(
            index=index
        )
