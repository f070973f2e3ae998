"""Colours and pens of the curve plots, for light and dark palettes.

The curve colours are the Okabe-Ito colour-blind-safe set, in an order that
reads on white (dark blue, vermillion, green first) and a lighter variant for
dark backgrounds (sky blue, orange, mint first). Everything else (background,
axes, text) is taken from the widget's palette, so the plots follow
View > Theme. Pens and brushes are built once per style, never per point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QPen
from PySide6.QtWidgets import QWidget

__all__ = ["DARK_CURVES", "LIGHT_CURVES", "PlotStyle", "style_for"]

LIGHT_CURVES = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#7B3294",
    "#4D4D4D",
    "#A6761D",
    "#1B7837",
    "#B2182B",
    "#2166AC",
)
DARK_CURVES = (
    "#56B4E9",
    "#FF9E4A",
    "#3DDC97",
    "#F0A6CA",
    "#F0E442",
    "#B39DFF",
    "#FF6F61",
    "#D9D9D9",
    "#8FD3FF",
    "#C5E17A",
    "#FFB3B3",
    "#A0C4FF",
)


def _pen(
    colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(colour)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setStyle(style)
    return pen


@dataclass(frozen=True)
class PlotStyle:
    """Every pen and brush a plot needs, for one palette.

    Attributes
    ----------
    dark : bool
        Whether the palette is dark.
    background, foreground, muted, highlight : QColor
        Plot background, axis/text colour, unmatched markers, selection ring.
    curves : tuple of QColor
        One colour per curve, cycled.
    """

    dark: bool
    background: QColor
    foreground: QColor
    muted: QColor
    highlight: QColor
    curves: tuple[QColor, ...]
    _brushes: dict[int, QBrush] = field(default_factory=dict, repr=False)

    def colour(self, index: int) -> QColor:
        """The colour of curve ``index`` (``-1``: the muted grey)."""
        if index < 0:
            return self.muted
        return self.curves[index % len(self.curves)]

    def curve_pen(self, index: int, selected: bool = False) -> QPen:
        """The pen of curve ``index``; the selected element's curve is thicker."""
        return _pen(self.colour(index), 2.6 if selected else 1.6)

    def marker_brush(self, index: int) -> QBrush:
        """A cached brush for markers on curve ``index`` (grey for ``-1``)."""
        brush = self._brushes.get(index)
        if brush is None:
            brush = QBrush(self.colour(index))
            self._brushes[index] = brush
        return brush

    def marker_pen(self) -> QPen:
        """The outline of every marker: the background, so dots stand apart."""
        return _pen(self.background, 1.0)

    def highlight_pen(self) -> QPen:
        """The ring around the selected element's markers."""
        return _pen(self.highlight, 2.4)

    def cursor_pen(self) -> QPen:
        """The vertical line at the selected element's x."""
        colour = QColor(self.highlight)
        colour.setAlpha(150)
        return _pen(colour, 1.0, Qt.PenStyle.DashLine)

    def zero_pen(self) -> QPen:
        """The horizontal line at zero in the gradient plot."""
        colour = QColor(self.foreground)
        colour.setAlpha(110)
        return _pen(colour, 1.0)

    def off_scale_brush(self) -> QBrush:
        """The shade of an x-interval where a curve leaves the y-range."""
        colour = QColor(self.foreground)
        colour.setAlpha(28)
        return QBrush(colour)

    def legend_brush(self) -> QBrush:
        """A translucent legend background in the plot's colour."""
        colour = QColor(self.background)
        colour.setAlpha(215)
        return QBrush(colour)


def style_for(widget: QWidget) -> PlotStyle:
    """The plot style matching ``widget``'s current palette."""
    palette = widget.palette()
    background = QColor(palette.color(QPalette.ColorRole.Base))
    dark = background.lightness() < 128
    foreground = QColor(palette.color(QPalette.ColorRole.Text))
    names = DARK_CURVES if dark else LIGHT_CURVES
    return PlotStyle(
        dark=dark,
        background=background,
        foreground=foreground,
        muted=QColor(125, 125, 125, 170) if dark else QColor(150, 150, 150, 170),
        highlight=QColor("#FFD400") if dark else QColor("#111111"),
        curves=tuple(QColor(name) for name in names),
    )
